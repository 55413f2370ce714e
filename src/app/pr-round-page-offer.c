/* pr-round-page-offer.c — what unlocking offers when the passphrase is
 * right but the round needs a step first
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, each taken only when the organizer asks, with the
 * passphrase just typed (kept meanwhile, wiped when the offer goes):
 *
 *  - Protect Round: a round of an earlier Peer Rank, whose voters' keys
 *    and journal are not bound to the passphrase yet (issue #20);
 *  - Accept Earlier Copy: a round folder whose journal is shorter than
 *    the one this computer last saw, a backup put back on purpose (or
 *    not: the dialog says what accepting gives up).
 *
 * Either runs on the worker that unlocks the round (it has the store
 * meanwhile), before unlocking it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-markup.h"
#include "pr-round-page-private.h"

static void
offer (PrRoundPage  *self,
       PrRoundOffer  kind,
       PrSecret     *passphrase,
       const char   *title,
       const char   *description)
{
  pr_round_page_withdraw_offer (self);
  self->offer = kind;
  self->offer_passphrase = passphrase;
  pr_status_page_set_text (self->locked_page, title, description);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), FALSE);
  gtk_widget_set_visible (self->unlock_button, FALSE);
  gtk_widget_set_visible (kind == PR_ROUND_OFFER_PROTECT ? self->protect_button
                                                         : self->rollback_button, TRUE);
  pr_round_page_update_actions (self);
}

void
pr_round_page_offer_protect (PrRoundPage *self,
                             PrSecret    *passphrase)
{
  offer (self, PR_ROUND_OFFER_PROTECT, passphrase, _("This Round Is Not Protected Yet"),
         _("It was made by an earlier version of Peer Rank, which did not protect its voters’ keys and import journal with the passphrase. If you made this round with that version, protect it now: from then on nobody can change them without the passphrase. If you did not, someone may have removed its protection: put back a backup copy of the round folder instead."));
}

/* @message without the CLI's advice at its end (how to accept the copy
 * with `round check --accept-rollback`): a window says it its own way. */
char *
pr_round_page_dup_rollback_problem (const char *message)
{
  const char *advice = pr_store_get_rollback_advice ();
  char *problem = g_strdup (message);

  if (g_str_has_suffix (problem, advice))
    problem[strlen (problem) - strlen (advice)] = '\0';
  return g_strchomp (problem);
}

void
pr_round_page_offer_rollback (PrRoundPage *self,
                              PrSecret    *passphrase,
                              const char  *problem)
{
  g_autofree char *what = pr_round_page_dup_rollback_problem (problem);
  g_autofree char *description = NULL;

  /* The CLI's advice, in the window's words. */
  description = g_strdup_printf (_("%s\n\nNothing is counted from it until its newest copy is put back. If you put back this copy on purpose (a backup), accept it: what was recorded after it was made is then given up."),
                                 what);
  offer (self, PR_ROUND_OFFER_ROLLBACK, passphrase, _("This Round Folder Is an Earlier Copy"),
         description);
}

void
pr_round_page_withdraw_offer (PrRoundPage *self)
{
  self->offer = PR_ROUND_OFFER_NONE;
  g_clear_pointer (&self->offer_passphrase, pr_secret_free);
  gtk_widget_set_visible (self->protect_button, FALSE);
  gtk_widget_set_visible (self->rollback_button, FALSE);
  gtk_widget_set_visible (self->unlock_button, TRUE);
}

/* ---- unlocking, plainly or after a step ---- */

typedef struct {
  PrRoundOffer  step;        /* NONE: a plain unlock */
  PrSecret     *passphrase;
  PrRoundLoan  *loan;        /* the store, lent while it is unlocked */
} Unlock;

static void
unlock_free (Unlock *unlock)
{
  /* The passphrase is wiped. */
  pr_secret_free (unlock->passphrase);
  /* Given back before; only a page gone leaves it here. */
  g_clear_pointer (&unlock->loan, pr_round_loan_free);
  g_free (unlock);
}

/* pr_store_unlock(), after what `peer-rank-cli round upgrade` or
 * `round check --accept-rollback` does when that step was asked for. */
static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Unlock *unlock = task_data;
  PrStore *store = unlock->loan->store;
  const char *passphrase = (const char *) pr_secret_get_data (unlock->passphrase);
  GError *error = NULL;
  PrBallotOpener *opener = NULL;

  switch (unlock->step)
    {
    case PR_ROUND_OFFER_PROTECT:
      if (pr_store_upgrade (store, passphrase, &error))
        opener = pr_store_unlock (store, passphrase, &error);
      break;
    case PR_ROUND_OFFER_ROLLBACK:
      opener = pr_store_unlock_accepting_rollback (store, passphrase, NULL, &error);
      break;
    case PR_ROUND_OFFER_NONE:
    default:
      opener = pr_store_unlock (store, passphrase, &error);
      break;
    }
  if (opener == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, opener, (GDestroyNotify) pr_ballot_opener_unref);
}

/* What became of the unlocking: unlocked, a step to offer, or why not. */
static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrRoundPage *self = PR_ROUND_PAGE (object);
  Unlock *unlock = g_task_get_task_data (G_TASK (result));
  PrRoundOffer step = unlock->step;
  g_autoptr(PrSecret) typed = NULL;
  g_autoptr(GError) error = NULL;
  PrBallotOpener *opener;

  /* Home again before anything else. */
  pr_round_page_take_back (self, g_steal_pointer (&unlock->loan));
  typed = g_steal_pointer (&unlock->passphrase);
  opener = g_task_propagate_pointer (G_TASK (result), &error);
  self->unlocking = FALSE;
  if (self->disposed)
    {
      g_clear_pointer (&opener, pr_ballot_opener_unref);
      return;
    }
  gtk_spinner_set_spinning (self->unlock_spinner, FALSE);
  /* AT-SPI can read what the field holds: it never keeps a passphrase. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");

  if (opener != NULL)
    {
      if (step == PR_ROUND_OFFER_PROTECT)
        pr_round_page_toast (self, _("The round is protected now: its voters’ keys and import journal can no longer be changed without the passphrase."));
      else if (step == PR_ROUND_OFFER_ROLLBACK)
        pr_round_page_toast (self, _("The earlier copy is accepted and the round is unlocked. Import again the ballots that arrived after that copy was made."));
      pr_round_page_withdraw_offer (self);
      pr_round_page_show_unlocked (self, opener);
      return;
    }
  /* A round of an earlier Peer Rank (also as the copy put back): protect
   * it next; an earlier copy of the folder: accept it, if it was meant. */
  if (step != PR_ROUND_OFFER_PROTECT && g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY))
    pr_round_page_offer_protect (self, g_steal_pointer (&typed));
  else if (step == PR_ROUND_OFFER_NONE && g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_ROLLED_BACK))
    pr_round_page_offer_rollback (self, g_steal_pointer (&typed), error->message);
  else if (step == PR_ROUND_OFFER_NONE)
    {
      if (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_PASSPHRASE))
        gtk_label_set_text (self->unlock_message,
                            _("This passphrase does not open the round. Check for Caps Lock and try again."));
      else
        gtk_label_set_text (self->unlock_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
    }
  else
    {
      g_autofree char *message = NULL;

      /* Back to asking for the passphrase, saying why. */
      pr_round_page_show_locked (self);
      message = g_strdup_printf (step == PR_ROUND_OFFER_PROTECT
                                 ? _("The round could not be protected: %s")
                                 : _("The earlier copy could not be accepted: %s"), error->message);
      gtk_label_set_text (self->unlock_message, message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
    }
  pr_round_page_update_actions (self);
  g_signal_emit (self, pr_round_page_signals[PR_ROUND_PAGE_SIGNAL_UNLOCKED], 0, FALSE);
}

void
pr_round_page_unlock (PrRoundPage  *self,
                      PrRoundOffer  step,
                      PrSecret     *passphrase)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, unlock_cb, NULL);
  Unlock *unlock = g_new0 (Unlock, 1);

  self->unlocking = TRUE;
  gtk_spinner_set_spinning (self->unlock_spinner, TRUE);
  gtk_label_set_text (self->unlock_message, step == PR_ROUND_OFFER_PROTECT ? _("Protecting the round…")
                                            : step == PR_ROUND_OFFER_ROLLBACK ? _("Accepting the earlier copy…")
                                            : _("Unlocking…"));
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_message), TRUE);
  unlock->step = step;
  unlock->passphrase = passphrase;
  unlock->loan = pr_round_page_lend (self);
  pr_round_page_update_actions (self);
  g_task_set_source_tag (task, pr_round_page_unlock);
  g_task_set_task_data (task, unlock, (GDestroyNotify) unlock_free);
  g_task_run_in_thread (task, unlock_thread);
}

/* ---- the steps ---- */

static void
take_step (PrRoundPage *self)
{
  if (self->store == NULL || self->unlocked || self->unlocking || self->offer_passphrase == NULL)
    return;
  pr_round_page_unlock (self, self->offer, g_steal_pointer (&self->offer_passphrase));
}

static void
protect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  if (self->offer == PR_ROUND_OFFER_PROTECT)
    take_step (self);
}

static void
rollback_response_cb (PrRoundPage      *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "accept") && self->offer == PR_ROUND_OFFER_ROLLBACK)
    take_step (self);
}

/* Accepting gives up what was recorded after the copy: said, and asked. */
static void
accept_rollback_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PrRoundPage *self = PR_ROUND_PAGE (widget);

  if (self->offer != PR_ROUND_OFFER_ROLLBACK)
    return;
  pr_round_page_confirm (self, _("Accept the Earlier Copy?"),
                         _("Do this only if you put back a backup of the round folder on purpose. What was recorded after that copy was made — ballots imported, decisions, closing — is given up, and this computer takes the copy as the round from now on. Ballots that arrived after it can be imported again."),
                         "accept", _("_Accept Copy"), ADW_RESPONSE_DESTRUCTIVE,
                         G_CALLBACK (rollback_response_cb));
}

void
pr_round_page_class_init_offer (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "round.protect", NULL, protect_action);
  gtk_widget_class_install_action (widget_class, "round.accept-rollback", NULL, accept_rollback_action);
}
