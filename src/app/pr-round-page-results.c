/* pr-round-page-results.c — the results of the unlocked round, kept
 * current as ballots are imported and decided
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-markup.h"
#include "pr-round-page-private.h"
#include "pr-round-profile.h"

/* The counted ballots are read and opened on the main loop, a slice at
 * a time between events: the store belongs to the main thread (imports
 * aside, and no reading runs during one), so decisions and imports never
 * wait for the results, and any change simply reads them again. The
 * results page then tallies the profile in a worker thread. */
#define READ_SLICE_US (8 * 1000)
#define READ_STEP     16

static void
show_message (PrRoundPage *self,
              const char  *title,
              const char  *description)
{
  pr_status_page_set_text (self->results_status, title, description);
  gtk_stack_set_visible_child_name (self->results_stack, "message");
}

static gboolean
showing_results (PrRoundPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "results") == 0;
}

static void
show_profile (PrRoundPage *self,
              PrProfile   *profile)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  guint counted = pr_profile_get_n_ballots (profile);
  guint members = pr_manifest_get_n_members (manifest);
  g_autofree char *summary = NULL;

  if (counted == 0)
    {
      show_message (self, _("No Ballot Counted Yet"),
                    _("The results appear here as soon as the first ballot is imported."));
      return;
    }
  /* TRANSLATORS: "5 of 8 members’ ballots counted · round fingerprint ABCD-…" */
  summary = g_strdup_printf (ngettext ("%u of %u member’s ballots counted · round fingerprint %s",
                                       "%u of %u members’ ballots counted · round fingerprint %s",
                                       members),
                             counted, members, pr_manifest_get_fingerprint (manifest));
  pr_results_page_set_profile (self->results_page, profile, pr_manifest_get_title (manifest),
                               pr_manifest_get_fingerprint (manifest), summary);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

/* Never a smaller count: a round that cannot be counted as its journal
 * says shows why (with how to recover), not old results. */
static void
show_error (PrRoundPage  *self,
            const GError *error)
{
  show_message (self, _("The Results Cannot Be Computed"), error->message);
}

static gboolean
read_cb (gpointer data)
{
  PrRoundPage *self = data;
  gint64 until = g_get_monotonic_time () + READ_SLICE_US;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = NULL;
  guint total = pr_round_reader_get_n_ballots (self->reader);

  while (pr_round_reader_get_n_read (self->reader) < total && g_get_monotonic_time () < until)
    if (!pr_round_reader_read (self->reader, READ_STEP, &error))
      {
        pr_round_page_stop_results (self);
        show_error (self, error);
        return G_SOURCE_REMOVE;
      }
  if (pr_round_reader_get_n_read (self->reader) < total)
    {
      if (!showing_results (self))
        {
          /* TRANSLATORS: progress while the round's ballots are opened */
          g_autofree char *text = g_strdup_printf (ngettext ("%u of %u ballot read",
                                                             "%u of %u ballots read", total),
                                                   pr_round_reader_get_n_read (self->reader), total);

          show_message (self, _("Reading the Counted Ballots…"), text);
        }
      return G_SOURCE_CONTINUE;
    }

  profile = pr_round_reader_finish (self->reader, &error);
  self->read_id = 0;
  g_clear_pointer (&self->reader, pr_round_reader_free);
  if (profile == NULL)
    show_error (self, error);
  else
    show_profile (self, profile);
  return G_SOURCE_REMOVE;
}

void
pr_round_page_stop_results (PrRoundPage *self)
{
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_pointer (&self->reader, pr_round_reader_free);
}

/* Each round gets a results page of its own, so that nothing of the
 * last round shows while the next one's results are computed. */
static void
new_results_page (PrRoundPage *self)
{
  self->results_page = PR_RESULTS_PAGE (pr_results_page_new ());
  pr_results_page_set_organizer (self->results_page, TRUE);
  adw_bin_set_child (self->results_bin, GTK_WIDGET (self->results_page));
}

void
pr_round_page_forget_results (PrRoundPage *self)
{
  pr_round_page_stop_results (self);
  show_message (self, _("Reading the Counted Ballots…"), NULL);
  new_results_page (self);
}

void
pr_round_page_init_results (PrRoundPage *self)
{
  new_results_page (self);
}

void
pr_round_page_update_results (PrRoundPage *self)
{
  g_autoptr(GError) error = NULL;

  pr_round_page_stop_results (self);
  /* An import reads again when it has finished. */
  if (self->store == NULL || self->opener == NULL || self->disposed || self->importing)
    return;
  self->reader = pr_round_reader_new (self->store, self->opener, &error);
  if (self->reader == NULL)
    {
      show_error (self, error);
      return;
    }
  /* Results shown stay until the new ones are ready. */
  if (!showing_results (self))
    show_message (self, _("Reading the Counted Ballots…"), NULL);
  self->read_id = g_idle_add (read_cb, self);
}

PrResultsPage *
pr_round_page_get_results_page (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  return self->results_page;
}

const char *
pr_round_page_get_results_message (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  if (showing_results (self))
    return NULL;
  return adw_status_page_get_description (self->results_status);
}

gboolean
pr_round_page_is_reading_results (PrRoundPage *self)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), FALSE);
  return self->reader != NULL;
}

void
pr_round_page_class_init_results (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_status);
  gtk_widget_class_bind_template_child (widget_class, PrRoundPage, results_bin);
}
