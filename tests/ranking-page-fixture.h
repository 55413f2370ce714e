/* ranking-page-fixture.h — a real round, a window and the ranking page
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-application.h"
#include "pr-import.h"
#include "pr-ranking-page-private.h"
#include "pr-seal.h"
#include "pr-sequence.h"
#include "pr-test-display.h"
#include "pr-window-private.h"
#include "store-fixture.h"

/* The voter in every fixture round: the first member, so the page lists
 * members 1 … n−1. */
#define VOTER 0

typedef struct {
  char          *dir;
  char          *round_dir;
  char          *invitation_path;
  PrStore       *store;
  GPtrArray     *invitations;
  PrWindow      *window;
  PrRankingPage *page;
} PageFixture;

static inline void
page_fixture_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
page_fixture_opened_cb (PrWindow *window,
                        gboolean  success,
                        int      *out)
{
  *out = success;
}

static void
page_fixture_routed_cb (PrWindow *window,
                        GFile    *file,
                        int       kind,
                        gboolean *out)
{
  *out = TRUE;
}

/* The page writes its draft in a thread: waits until it is on disk. */
static inline void
page_fixture_wait_saved (PrRankingPage *page)
{
  pr_test_wait (!pr_ranking_page_is_saving (page), "the draft to be written");
}

/* Opens @path in the window, as File ▸ Open or a double-click does, and
 * waits until it is shown or refused (every file is routed once, an
 * invitation after it has been read). Returns whether the ranking page
 * shows it. */
static inline gboolean
page_fixture_open (PrWindow   *window,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int opened = -1;
  gboolean routed = FALSE;
  gulong opened_id = g_signal_connect (window, "invitation-opened",
                                       G_CALLBACK (page_fixture_opened_cb), &opened);
  gulong routed_id = g_signal_connect (window, "file-routed",
                                       G_CALLBACK (page_fixture_routed_cb), &routed);
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* What the page showed before is on disk first, as when a person
   * opens the same invitation again a moment later. */
  page_fixture_wait_saved (PR_RANKING_PAGE (pr_window_get_ranking_page (window)));
  pr_window_open_file (window, file);
  while (!routed && g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_signal_handler_disconnect (window, opened_id);
  g_signal_handler_disconnect (window, routed_id);
  g_assert_true (routed);
  /* Let the page lay out and map its rows. */
  page_fixture_spin (50);
  return opened == TRUE;
}

static inline void
page_fixture_write_invitation (PageFixture *f,
                               guint        member)
{
  g_autoptr(GBytes) bytes = pr_invitation_to_bytes (g_ptr_array_index (f->invitations, member));
  g_autofree char *name = g_strdup_printf ("invitation-%u.json", member);

  g_free (f->invitation_path);
  f->invitation_path = g_build_filename (f->dir, name, NULL);
  fixture_write (f->dir, name, bytes);
}

/* A round of @n members made with the core's store, the first member's
 * invitation written as a file, and a window showing nothing yet. */
static inline void
page_fixture_init (PageFixture   *f,
                   PrApplication *app,
                   guint          n,
                   guint          min_ranked)
{
  memset (f, 0, sizeof *f);
  f->dir = fixture_tmpdir ();
  f->round_dir = g_build_filename (f->dir, "round", NULL);
  f->store = fixture_round (f->round_dir, n, min_ranked, &f->invitations);
  page_fixture_write_invitation (f, VOTER);
  f->window = pr_window_new (GTK_APPLICATION (app), pr_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  f->page = PR_RANKING_PAGE (pr_window_get_ranking_page (f->window));
}

static inline void
page_fixture_close_window (PageFixture *f)
{
  if (f->window == NULL)
    return;
  page_fixture_wait_saved (f->page);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
  f->window = NULL;
  f->page = NULL;
}

/* The start of a window test's main(): a private data folder (drafts,
 * sequence numbers), GTK and the application. Returns the folder, for
 * page_fixture_app_clear(). */
static inline char *
page_fixture_app_init (int            *argc,
                       char         ***argv,
                       PrApplication **app)
{
  char *data_home = g_dir_make_tmp ("pr-page-test-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  *app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (*app), NULL, NULL);
  return data_home;
}

static inline void
page_fixture_app_clear (PrApplication **app,
                        char           *data_home)
{
  g_clear_object (app);
  fixture_remove_tree (data_home);
  g_free (data_home);
}

static inline void
page_fixture_clear (PageFixture *f)
{
  page_fixture_close_window (f);
  g_clear_pointer (&f->store, pr_store_free);
  g_clear_pointer (&f->invitations, g_ptr_array_unref);
  fixture_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->round_dir);
  g_free (f->invitation_path);
}

static inline const char *
member_name (PageFixture *f,
             guint        member)
{
  return pr_manifest_get_member_name (pr_store_get_manifest (f->store), member);
}

/* Presses @accel on @widget the way GTK delivers a key: the shortcuts
 * of the widget, then of each ancestor (the bubble phase), the first that
 * handles it wins. Returns whether one did. */
static inline gboolean
press_key (GtkWidget  *widget,
           const char *accel)
{
  GdkModifierType mods = 0;
  guint key = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != key ||
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != mods)
                continue;
              if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                w, gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

/* The focused widget's row, or NULL. */
static inline PrRankingRow *
focused_row (PageFixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, PR_TYPE_RANKING_ROW) : NULL;

  return row != NULL ? PR_RANKING_ROW (row) : NULL;
}

/* What the list shows, top to bottom: ranked members, "|", then those
 * not ranked, e.g. "3,1|2,4". Read from the widgets; each row must say
 * which section it is in, in the order the list shows them. */
static inline char *
screen_order (PageFixture *f)
{
  GString *s = g_string_new (NULL);
  GtkListBox *list = pr_ranking_page_get_list (f->page);
  GtkListBoxRow *row;
  gboolean in_ranked = TRUE;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      gboolean ranked = pr_ranking_row_get_ranked (PR_RANKING_ROW (row));

      g_assert_true (ranked == FALSE || in_ranked);
      if (!ranked && in_ranked)
        {
          g_string_append_c (s, '|');
          in_ranked = FALSE;
        }
      else if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "%u", pr_ranking_row_get_member (PR_RANKING_ROW (row)));
    }
  if (in_ranked)
    g_string_append_c (s, '|');
  return g_string_free (s, FALSE);
}

#define assert_screen(f, expected) G_STMT_START { \
    g_autofree char *_order = screen_order (f); \
    g_assert_cmpstr (_order, ==, expected); \
  } G_STMT_END

/* The ranked members on screen, best first. */
static inline GArray *
screen_ranking (PageFixture *f)
{
  GtkListBox *list = pr_ranking_page_get_list (f->page);
  GArray *ranking = g_array_new (FALSE, FALSE, sizeof (guint16));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      guint16 member = (guint16) pr_ranking_row_get_member (PR_RANKING_ROW (row));

      if (!pr_ranking_row_get_ranked (PR_RANKING_ROW (row)))
        break;
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
      g_array_append_val (ranking, member);
    }
  return ranking;
}

static inline void
assert_label (PageFixture *f,
              guint        member,
              const char  *suffix)
{
  g_autofree char *expected = g_strdup_printf ("%s, %s", member_name (f, member), suffix);

  g_assert_cmpstr (pr_ranking_row_get_label (pr_ranking_page_get_row (f->page, member)), ==, expected);
}

/* The first widget under @root (depth first) that @match accepts. */
static inline GtkWidget *
find_descendant (GtkWidget *root,
                 gboolean (*match) (GtkWidget *widget, gconstpointer data),
                 gconstpointer data)
{
  GtkWidget *child = gtk_widget_get_first_child (root);

  while (child != NULL)
    {
      if (match (child, data))
        return child;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != root && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == root ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  return NULL;
}

/* A button bound to the action @data, or any button when NULL. */
static inline gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         (data == NULL || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0);
}

/* The button of @row bound to @action. */
static inline GtkWidget *
button_widget (PrRankingRow *row,
               const char   *action)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (row), is_button_for, action);

  g_assert_nonnull (button);
  return button;
}

/* Whether the button of @row bound to @action can be pressed. */
static inline gboolean
button_sensitive (PrRankingRow *row,
                  const char   *action)
{
  return gtk_widget_is_sensitive (button_widget (row, action));
}

/* Answers the page's open dialog with @response, as its button does. */
static inline void
respond (PageFixture *f,
         const char  *response)
{
  AdwMessageDialog *dialog = pr_ranking_page_get_dialog (f->page);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  page_fixture_spin (10);
}

static void
page_fixture_sealed_cb (PrRankingPage *page,
                        const char    *fingerprint,
                        const char    *path,
                        char         **out)
{
  *out = g_strdup (fingerprint);
}

/* Waits for the page to seal a ballot; returns its short fingerprint. */
static inline char *
wait_sealed (PageFixture *f,
             gboolean   (*start) (PageFixture *f, gpointer data),
             gpointer     data)
{
  char *fingerprint = NULL;
  gulong id = g_signal_connect (f->page, "sealed", G_CALLBACK (page_fixture_sealed_cb), &fingerprint);
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (start (f, data));
  while (fingerprint == NULL && g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_signal_handler_disconnect (f->page, id);
  if (fingerprint == NULL && pr_ranking_page_get_dialog (f->page) != NULL)
    g_test_message ("not sealed; the page says: %s — %s",
                    adw_message_dialog_get_heading (pr_ranking_page_get_dialog (f->page)),
                    adw_message_dialog_get_body (pr_ranking_page_get_dialog (f->page)));
  return fingerprint;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static inline char *
read_clipboard (PageFixture *f)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), NULL,
                                 read_text_cb, &text);
  pr_test_wait (text != NULL, "the clipboard to be read");
  return text;
}

/* The organizer's side: imports @bytes into the round with the core and
 * returns the status; @counted receives the ranking of the voter's
 * counted ballot, which must be this one. */
static inline PrBallotStatus
import_and_count (PageFixture *f,
                  GBytes      *bytes,
                  GArray     **counted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (f->store, FIXTURE_PASSPHRASE, &error);
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  const PrImportResult *result;
  const char *counted_fp = NULL;
  g_autofree char *fp_hex = NULL;
  guint64 sequence = 0;
  guint8 fp[PR_HASH_LEN];
  gsize len = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  PrBallotInfo info;

  g_assert_no_error (error);
  pr_import_input_add_text (input, "pasted", bytes);
  report = pr_import_run (f->store, opener, input, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->results->len, ==, 1);
  result = g_ptr_array_index (report->results, 0);

  g_assert_true (pr_store_get_counted (f->store, VOTER, &counted_fp, &sequence));
  pr_ballot_fingerprint (data, len > 0 && data[len - 1] == '\n' ? len - 1 : len, fp);
  fp_hex = pr_crypto_fingerprint_hex (fp);
  g_assert_cmpstr (counted_fp, ==, fp_hex);

  g_assert_true (pr_ballot_open (opener, data, len, NULL, &info, &error));
  g_assert_no_error (error);
  *counted = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_array_append_vals (*counted, info.ranking, (guint) info.n_ranked);
  return result->status;
}

static inline void
assert_same_ranking (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (g_array_index (a, guint16, i), ==, g_array_index (b, guint16, i));
}
