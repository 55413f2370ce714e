/* test-window.c — the real main window, driven through its actions
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pr-application.h"
#include "pr-demo-session.h"
#include "pr-file-kind.h"
#include "pr-results-page.h"
#include "pr-format.h"
#include "pr-markup.h"
#include "pr-test-display.h"
#include "pr-window-private.h"

typedef struct {
  PrApplication *app;
  PrWindow      *window;
} Fixture;

/* One application for the whole program: a registered GtkApplication
 * that never ran keeps a reference from its session integration until
 * shutdown, which only g_application_run() performs, and its object path
 * stays exported. Windows come and go per test. */
static PrApplication *the_app;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = the_app;
  f->window = pr_window_new (GTK_APPLICATION (f->app), pr_application_get_settings (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window == NULL)
    return;

  /* The window must go away completely once destroyed: nothing (a
   * pending file chooser, a routing task) may keep it alive. */
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->window);
}

static void
test_welcome_actions_exist (Fixture       *f,
                            gconstpointer  data)
{
  const char *actions[] = { "win.open", "win.open-invitation", "win.open-round",
                            "win.new-round", "win.demo", "win.show-help-overlay" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), actions[i], NULL) ||
                   g_str_equal (actions[i], "win.show-help-overlay"));

  /* The last chooser opened is still up; close it so teardown is clean. */
  g_assert_nonnull (pr_window_get_file_chooser (f->window));
}

/* New Round opens its assistant over the window, once. */
static void
test_new_round_tells_what_to_do (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWindow *assistant;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-round", NULL));
  assistant = pr_window_get_assistant (f->window);
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (assistant) == GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-round", NULL));
  g_assert_true (pr_window_get_assistant (f->window) == assistant);
  gtk_window_destroy (assistant);
  g_assert_null (pr_window_get_assistant (f->window));
}

static void
results_shown_cb (PrWindow *window,
                  gboolean *shown)
{
  *shown = TRUE;
}

/* The demo round is generated, imported and tallied for real in a
 * worker thread, then shown; the back action returns to the welcome page. */
static void
test_demo_round (Fixture       *f,
                 gconstpointer  data)
{
  PrResultsPage *page = PR_RESULTS_PAGE (pr_window_get_results_page (f->window));
  gboolean shown = FALSE;

  g_signal_connect (f->window, "results-shown", G_CALLBACK (results_shown_cb), &shown);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "welcome");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.demo", NULL));
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "loading");
  pr_test_wait (shown, "the demo results to be shown");

  g_assert_cmpstr (pr_window_get_page (f->window), ==, "results");
  g_assert_cmpuint (pr_results_page_get_n_rows (page), ==, PR_DEMO_SESSION_MEMBERS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-welcome", NULL));
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "welcome");
}

/* Leaving the loading page cancels the demo: nothing is shown later. */
static void
test_demo_cancel (Fixture       *f,
                  gconstpointer  data)
{
  gboolean shown = FALSE;
  gint64 until;

  g_signal_connect (f->window, "results-shown", G_CALLBACK (results_shown_cb), &shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.demo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-welcome", NULL));

  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  g_assert_false (shown);
  g_assert_cmpstr (pr_window_get_page (f->window), ==, "welcome");
}

typedef struct {
  const char *action;
  GtkFileChooserAction expected;
  gboolean multiple;
} ChooserCase;

static const ChooserCase chooser_cases[] = {
  { "win.open", GTK_FILE_CHOOSER_ACTION_OPEN, TRUE },
  { "win.open-invitation", GTK_FILE_CHOOSER_ACTION_OPEN, FALSE },
  { "win.open-round", GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, FALSE },
};

static void
test_choosers (Fixture       *f,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (chooser_cases); i++)
    {
      const ChooserCase *c = &chooser_cases[i];
      GtkNativeDialog *chooser;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), c->action, NULL));
      chooser = pr_window_get_file_chooser (f->window);
      g_assert_nonnull (chooser);
      g_assert_true (gtk_native_dialog_get_visible (chooser));
      g_assert_true (gtk_native_dialog_get_transient_for (chooser) == GTK_WINDOW (f->window));
      g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, c->expected);
      g_assert_cmpint (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)), ==, c->multiple);

      /* Cancelling leaves nothing behind and opens nothing. */
      g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
      g_assert_null (pr_window_get_file_chooser (f->window));
    }
}

typedef struct {
  const char *contents;   /* NULL: a folder */
  gboolean    with_round; /* folder holds round.json */
  const char *expect;     /* substring of the toast */
  PrFileKind  kind;
} RouteCase;

static const RouteCase route_cases[] = {
  { "{\"format\":\"" PR_FORMAT_INVITATION "\",\"version\":1}", FALSE, "is an invitation", PR_FILE_KIND_INVITATION },
  { "{\"format\":\"" PR_FORMAT_BALLOT "\",\"version\":1}", FALSE, "is a sealed ballot", PR_FILE_KIND_BALLOT },
  { "{\"format\":\"" PR_FORMAT_KEY "\",\"version\":1}", FALSE, "is an organizer key", PR_FILE_KIND_KEY },
  { "hello", FALSE, "is not a Peer Rank file", PR_FILE_KIND_UNKNOWN },
  { NULL, TRUE, "is a round", PR_FILE_KIND_ROUND },
  { NULL, FALSE, "holds no Peer Rank round", PR_FILE_KIND_UNKNOWN },
};

static void
file_routed_cb (PrWindow *window,
                GFile    *file,
                int       kind,
                int      *out)
{
  *out = kind;
}

static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("peer-rank-route-XXXXXX", NULL);
  int routed = -1;

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);

  for (guint i = 0; i < G_N_ELEMENTS (route_cases); i++)
    {
      const RouteCase *c = &route_cases[i];
      g_autofree char *name = g_strdup_printf ("case-%u%s", i, c->contents ? ".json" : "");
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      if (c->contents != NULL)
        g_file_set_contents (path, c->contents, -1, &error);
      else
        {
          g_autofree char *manifest = g_build_filename (path, "round.json", NULL);

          g_mkdir (path, 0700);
          if (c->with_round)
            g_file_set_contents (manifest, "{}", -1, &error);
        }
      g_assert_no_error (error);

      routed = -1;
      pr_window_open_file (f->window, file);
      pr_test_wait (routed != -1, "the file to be routed");

      g_assert_cmpint (routed, ==, c->kind);
      g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), c->expect));
      g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), name));
    }

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/peer-rank/ballot.json");
  int routed = -1;

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  pr_window_open_file (f->window, file);
  pr_test_wait (routed != -1, "the file to be routed");

  g_assert_cmpint (routed, ==, PR_FILE_KIND_UNKNOWN);
  g_assert_true (g_str_has_prefix (pr_window_get_last_toast (f->window), "Could not open “ballot.json”"));
}

/* The text a markup string shows. */
static char *
shown_text (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* File names with & and < reach toasts, the error page and rows as
 * text: libadwaita 1.2 reads them as markup, and a failed parse is a
 * warning this test process treats as fatal. */
static void
test_markup (Fixture       *f,
             gconstpointer  data)
{
  static const char * const contents[] = {
    "hello", "{\"format\":\"" PR_FORMAT_INVITATION "\",\"version\":1}",
  };
  g_autofree char *dir = g_dir_make_tmp ("peer-rank-markup-XXXXXX", NULL);
  int routed = -1;

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *name = g_strdup_printf ("R&D <notes> %u.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *page_text = NULL;

      g_assert_true (g_file_set_contents (path, contents[i], -1, NULL));
      routed = -1;
      pr_window_open_file (f->window, file);
      pr_test_wait (routed != -1, "the file to be routed");
      g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), name));
      page_text = shown_text (pr_window_get_error_text (f->window));
      g_assert_nonnull (strstr (page_text, name));
      g_assert_cmpstr (pr_window_get_page (f->window), ==, "error");
      g_unlink (path);
    }
  {
    g_autoptr(AdwToast) toast = g_object_ref_sink (pr_toast_new_text ("R&D <notes>.json"));
    g_autofree char *text = shown_text (adw_toast_get_title (toast));

    g_assert_cmpstr (text, ==, "R&D <notes>.json");
  }
  g_rmdir (dir);
}

static GFile *
write_temp_ballot (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("peer-rank-drop-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ballot-1234.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{\"format\":\"" PR_FORMAT_BALLOT "\",\"version\":1}", -1, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);

  return g_file_new_for_path (path);
}

static void
remove_temp (const char *dir,
             GFile      *file)
{
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

/* Dropping files on the window routes them like opening them. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = write_temp_ballot (&dir);
  g_autoslist(GFile) list = g_slist_prepend (NULL, g_object_ref (file));
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;
  int routed = -1;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (target, NULL)[0]));

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  pr_test_wait (routed != -1, "the file to be routed");
  g_assert_cmpint (routed, ==, PR_FILE_KIND_BALLOT);
  g_assert_nonnull (strstr (pr_window_get_last_toast (f->window), "ballot-1234.json"));

  remove_temp (dir, file);
}

/* Files from the command line or the desktop arrive through
 * GApplication::open and are routed by the window. */
static void
test_application_open (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = write_temp_ballot (&dir);
  int routed = -1;

  g_signal_connect (f->window, "file-routed", G_CALLBACK (file_routed_cb), &routed);
  g_application_open (G_APPLICATION (f->app), &file, 1, "");

  pr_test_wait (routed != -1, "the file to be routed");
  g_assert_cmpint (routed, ==, PR_FILE_KIND_BALLOT);

  remove_temp (dir, file);
}

/* Closing the window remembers its size for the next start. */
static void
test_window_state_saved (Fixture       *f,
                         gconstpointer  data)
{
  GSettings *settings = pr_application_get_settings (f->app);
  PrWindow *second;
  int width, height;

  g_assert_nonnull (settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 812, 604);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (f->window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 604);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  second = pr_window_new (GTK_APPLICATION (f->app), pr_application_get_settings (f->app));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 604);
  gtk_window_destroy (GTK_WINDOW (second));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The results settings are the results pages' controls: read when a
 * window opens, written when the organizer changes them. */
static void
test_results_settings (Fixture       *f,
                       gconstpointer  data)
{
  GSettings *settings = pr_application_get_settings (f->app);
  PrWindow *second;
  PrResultsPage *page;
  g_autofree char *method = NULL;
  g_autofree char *treatment = NULL;

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_string (settings, "primary-method", "schulze"));
  g_assert_true (g_settings_set_string (settings, "unranked-treatment", "below"));
  g_assert_true (g_settings_set_int (settings, "bootstrap-resamples", 200));
  second = pr_window_new (GTK_APPLICATION (f->app), pr_application_get_settings (f->app));
  page = PR_RESULTS_PAGE (pr_window_get_results_page (second));
  g_assert_cmpuint (pr_results_page_get_method (page), ==, PR_METHOD_SCHULZE);
  g_assert_cmpuint (pr_results_page_get_treatment (page), ==, PR_TREATMENT_BELOW);
  g_assert_cmpuint (pr_results_page_get_resamples (page), ==, 200);

  pr_results_page_set_method (page, PR_METHOD_BORDA);
  pr_results_page_set_treatment (page, PR_TREATMENT_IGNORE);
  method = g_settings_get_string (settings, "primary-method");
  treatment = g_settings_get_string (settings, "unranked-treatment");
  g_assert_cmpstr (method, ==, "borda");
  g_assert_cmpstr (treatment, ==, "ignore");
  gtk_window_destroy (GTK_WINDOW (second));
  g_settings_reset (settings, "primary-method");
  g_settings_reset (settings, "unranked-treatment");
  g_settings_reset (settings, "bootstrap-resamples");
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = g_list_model_get_n_items (toplevels);
  AdwAboutWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (w))
        about = ADW_ABOUT_WINDOW (w);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));

  /* AdwApplication loads gtk/help-overlay.ui from the resource base path. */
  g_assert_nonnull (overlay);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "show-help-overlay"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  pr_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  the_app = pr_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, NULL);

  g_test_add ("/peer-rank/window/welcome-actions", Fixture, NULL, fixture_setup, test_welcome_actions_exist, fixture_teardown);
  g_test_add ("/peer-rank/window/new-round", Fixture, NULL, fixture_setup, test_new_round_tells_what_to_do, fixture_teardown);
  g_test_add ("/peer-rank/window/demo-round", Fixture, NULL, fixture_setup, test_demo_round, fixture_teardown);
  g_test_add ("/peer-rank/window/demo-cancel", Fixture, NULL, fixture_setup, test_demo_cancel, fixture_teardown);
  g_test_add ("/peer-rank/window/choosers", Fixture, NULL, fixture_setup, test_choosers, fixture_teardown);
  g_test_add ("/peer-rank/window/routing", Fixture, NULL, fixture_setup, test_routing, fixture_teardown);
  g_test_add ("/peer-rank/window/missing-file", Fixture, NULL, fixture_setup, test_missing_file, fixture_teardown);
  g_test_add ("/peer-rank/window/markup", Fixture, NULL, fixture_setup, test_markup, fixture_teardown);
  g_test_add ("/peer-rank/window/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/peer-rank/window/application-open", Fixture, NULL, fixture_setup, test_application_open, fixture_teardown);
  g_test_add ("/peer-rank/window/state-saved", Fixture, NULL, fixture_setup, test_window_state_saved, fixture_teardown);
  g_test_add ("/peer-rank/window/results-settings", Fixture, NULL, fixture_setup, test_results_settings, fixture_teardown);
  g_test_add ("/peer-rank/window/about", Fixture, NULL, fixture_setup, test_about, fixture_teardown);
  g_test_add ("/peer-rank/window/shortcuts", Fixture, NULL, fixture_setup, test_shortcuts_window, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&the_app);

  return status;
}
