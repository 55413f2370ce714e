/* pr-decision-row.c — a ballot awaiting the organizer's decision: who,
 * which ballot, when and why, with Accept and Refuse
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-crypto.h"
#include "pr-decision-row.h"
#include "pr-markup.h"
#include "pr-report-item.h"

struct _PrDecisionRow
{
  AdwActionRow  parent_instance;

  GtkButton    *accept_button;
  GtkButton    *refuse_button;

  char         *fingerprint;
};

G_DEFINE_FINAL_TYPE (PrDecisionRow, pr_decision_row, ADW_TYPE_ACTION_ROW)

/* "3F2A-91C0-…", as the rest of the page shows ballots. */
static char *
short_fingerprint (const char *hex)
{
  guint8 hash[PR_HASH_LEN];

  if (!pr_crypto_fingerprint_from_hex (hex, hash))
    return g_strdup (hex);
  return pr_crypto_fingerprint_short (hash);
}

void
pr_decision_row_set_entry (PrDecisionRow      *self,
                           const char         *member_name,
                           const PrStoreEntry *entry)
{
  g_autofree char *fingerprint = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (PR_IS_DECISION_ROW (self));
  g_return_if_fail (entry != NULL && entry->fingerprint != NULL);

  fingerprint = short_fingerprint (entry->fingerprint);
  time = g_date_time_new_from_unix_local (entry->time);
  when = time != NULL ? g_date_time_format (time, "%x %X") : g_strdup ("");
  /* TRANSLATORS: "Conflict · ballot 3F2A-… · imported 12/03/2026 10:00 — <what it means>" */
  subtitle = g_strdup_printf (_("%s · ballot %s · imported %s — %s"),
                              pr_report_status_label (entry->status), fingerprint, when,
                              pr_ballot_status_describe (entry->status));
  /* Names come from the roster: plain text, never markup. */
  pr_action_row_set_text (ADW_ACTION_ROW (self), member_name, subtitle);

  g_free (self->fingerprint);
  self->fingerprint = g_strdup (entry->fingerprint);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->accept_button), "s", self->fingerprint);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->refuse_button), "s", self->fingerprint);
}

const char *
pr_decision_row_get_fingerprint (PrDecisionRow *self)
{
  g_return_val_if_fail (PR_IS_DECISION_ROW (self), NULL);
  return self->fingerprint;
}

GtkButton *
pr_decision_row_get_accept_button (PrDecisionRow *self)
{
  g_return_val_if_fail (PR_IS_DECISION_ROW (self), NULL);
  return self->accept_button;
}

GtkButton *
pr_decision_row_get_refuse_button (PrDecisionRow *self)
{
  g_return_val_if_fail (PR_IS_DECISION_ROW (self), NULL);
  return self->refuse_button;
}

GtkWidget *
pr_decision_row_new (void)
{
  return g_object_new (PR_TYPE_DECISION_ROW, NULL);
}

static void
pr_decision_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_DECISION_ROW);

  G_OBJECT_CLASS (pr_decision_row_parent_class)->dispose (object);
}

static void
pr_decision_row_finalize (GObject *object)
{
  PrDecisionRow *self = PR_DECISION_ROW (object);

  g_free (self->fingerprint);

  G_OBJECT_CLASS (pr_decision_row_parent_class)->finalize (object);
}

static void
pr_decision_row_class_init (PrDecisionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_decision_row_dispose;
  object_class->finalize = pr_decision_row_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-decision-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PrDecisionRow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, PrDecisionRow, refuse_button);
}

static void
pr_decision_row_init (PrDecisionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
