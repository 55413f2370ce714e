/* pr-window-recent.c — the welcome page's Recent Invitations and Recent
 * Rounds, and remembering the rounds opened
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-draft.h"
#include "pr-markup.h"
#include "pr-window-private.h"

/* Out of the list, not forgotten: the draft keeps the order and the
 * ballots sealed, and comes back when the invitation is opened again.
 * The draft's path is the remove button's action target. */
static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!pr_draft_hide (g_variant_get_string (parameter, NULL), &error))
    g_warning ("Could not remove the invitation from the list: %s", error->message);
  pr_window_refresh_recent (PR_WINDOW (widget));
}

static char *
recent_subtitle (const PrDraftSummary *summary)
{
  g_autofree char *ranked = g_strdup_printf (ngettext ("%u ranked", "%u ranked", summary->n_ranked),
                                             summary->n_ranked);
  g_autofree char *display = NULL;

  /* Said in words, before anyone tries to open it. */
  if (!g_file_test (summary->invitation_path, G_FILE_TEST_IS_REGULAR))
    {
      display = g_filename_display_name (summary->invitation_path);
      /* TRANSLATORS: "3 ranked · the invitation is no longer at /home/…/inv.json" */
      return g_strdup_printf (_("%s · the invitation is no longer at %s"), ranked, display);
    }
  if (summary->sent_time > 0)
    {
      g_autoptr(GDateTime) sent = g_date_time_new_from_unix_local (summary->sent_time);
      /* TRANSLATORS: a date with the year in full, as g_date_time_format()
       * spells it: "%B %-d, %Y" is "December 3, 2026"; put the day, month
       * and year in your language's order, e.g. "%-d. %B %Y" */
      g_autofree char *date = g_date_time_format (sent, C_("date", "%B %-d, %Y"));

      /* TRANSLATORS: "3 ranked · sent December 3, 2026" */
      return g_strdup_printf (_("%s · sent %s"), ranked, date);
    }
  /* TRANSLATORS: "3 ranked · not sent yet" */
  return g_strdup_printf (_("%s · not sent yet"), ranked);
}

static GtkWidget *
recent_row_new (PrWindow             *self,
                const PrDraftSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  g_autofree char *subtitle = recent_subtitle (summary);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s” from Recent Invitations"), summary->title);
  gboolean exists = g_file_test (summary->invitation_path, G_FILE_TEST_IS_REGULAR);

  pr_action_row_set_text (ADW_ACTION_ROW (row), summary->title, subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", summary->draft_path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  if (exists)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", summary->invitation_path);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), exists);
  return row;
}

/* The drafts tell which invitations this person opened: an associate in
 * two teams finds both here. */
void
pr_window_refresh_recent (PrWindow *self)
{
  g_autoptr(GPtrArray) drafts = pr_draft_list (NULL);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < drafts->len && shown < 5; i++)
    {
      const PrDraftSummary *summary = g_ptr_array_index (drafts, i);

      if (summary->invitation_path == NULL)
        continue;
      gtk_list_box_append (self->recent_list, recent_row_new (self, summary));
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

void
pr_window_class_init_recent (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
}

#define MAX_RECENT_ROUNDS 5

/* The title a recent round had when last opened, or NULL; @titles is
 * the recent-round-titles dictionary. */
static char *
lookup_round_title (GVariant   *titles,
                    const char *path)
{
  char *title = NULL;

  if (!g_variant_lookup (titles, path, "s", &title))
    return NULL;
  return title;
}

/* The organizer's rounds, most recent first, so that coming back to a
 * round is one click on the welcome page; each with its title (the
 * folders are often all called "round"). */
void
pr_window_remember_round (PrWindow   *self,
                GFile      *folder,
                const char *title)
{
  GSettings *settings = pr_window_get_settings (self);
  g_autofree char *path = g_file_get_path (folder);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  g_autoptr(GVariant) old_titles = NULL;
  GVariantBuilder titles;
  guint n = 1;

  if (settings == NULL || path == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-rounds");
  old_titles = g_settings_get_value (settings, "recent-round-titles");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_ROUNDS; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);

  /* Only the rounds still listed keep a title. */
  g_variant_builder_init (&titles, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *known = i == 0 ? NULL : lookup_round_title (old_titles, paths[i]);
      const char *shown = i == 0 ? title : known;

      if (shown != NULL && shown[0] != '\0')
        g_variant_builder_add (&titles, "{ss}", paths[i], shown);
    }
  g_settings_set_value (settings, "recent-round-titles", g_variant_builder_end (&titles));
  g_settings_set_strv (settings, "recent-rounds", (const char * const *) paths);
}

void
pr_window_refresh_recent_rounds (PrWindow *self)
{
  GSettings *settings = pr_window_get_settings (self);
  g_auto(GStrv) paths = settings != NULL ? g_settings_get_strv (settings, "recent-rounds") : NULL;
  g_autoptr(GVariant) titles = settings != NULL ? g_settings_get_value (settings, "recent-round-titles") : NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_rounds_list))) != NULL)
    gtk_list_box_remove (self->recent_rounds_list, child);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *title = lookup_round_title (titles, paths[i]);
      g_autofree char *subtitle = g_filename_display_name (paths[i]);
      GtkWidget *row = adw_action_row_new ();

      if (title == NULL)
        title = g_filename_display_name (base);
      pr_action_row_set_text (ADW_ACTION_ROW (row), title, subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      gtk_list_box_append (self->recent_rounds_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_rounds_box, shown > 0);
}
