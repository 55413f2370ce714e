/* pr-results-flags.c — integrity flags: raters to look at, never
 * exclusions
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-results-columns.h"
#include "pr-results-flags.h"

struct _PrResultsFlags
{
  GtkBox      parent_instance;

  GtkLabel   *flags_label;
  GtkListBox *flags_list;
};

G_DEFINE_FINAL_TYPE (PrResultsFlags, pr_results_flags, GTK_TYPE_BOX)

static const char *
note (PrResultsAnalysis *analysis,
      gboolean           organizer)
{
  if (!analysis->complete)
    return _("Computing…");
  if (!organizer)
    return _("Integrity flags name raters and are shown to the organizer only.");
  if (analysis->flags->len == 0)
    return _("No flags: no raters lift each other far above the consensus, and no order is close to its reverse.");
  return _("Flags to look at, never automatic exclusions: raters who lift each other far above where everyone else ranks them, and raters whose order is close to the reverse of the consensus. Colleagues who work closely together can rightly rank each other first.");
}

void
pr_results_flags_show (PrResultsFlags    *self,
                       PrResultsAnalysis *analysis,
                       gboolean           organizer)
{
  gboolean shown;

  g_return_if_fail (PR_IS_RESULTS_FLAGS (self));

  pr_results_clear_list_box (self->flags_list);
  gtk_label_set_text (self->flags_label, note (analysis, organizer));
  shown = analysis->complete && organizer && analysis->flags->len > 0;
  for (guint k = 0; shown && k < analysis->flags->len; k++)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = pr_integrity_flag_describe (analysis->results,
                                                              &g_array_index (analysis->flags,
                                                                              PrIntegrityFlag, k),
                                                              &title);

      gtk_list_box_append (self->flags_list, pr_results_text_row (title, subtitle));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->flags_list), shown);
}

GtkListBox *
pr_results_flags_get_list (PrResultsFlags *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_FLAGS (self), NULL);
  return self->flags_list;
}

static void
pr_results_flags_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_FLAGS);

  G_OBJECT_CLASS (pr_results_flags_parent_class)->dispose (object);
}

static void
pr_results_flags_class_init (PrResultsFlagsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_results_flags_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-results-flags.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsFlags, flags_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsFlags, flags_list);
}

static void
pr_results_flags_init (PrResultsFlags *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->flags_list), FALSE);
}
