/* pr-ranking-page-receipt.c — the associate checks the published receipts
 * for their last sealed ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-chooser.h"
#include "pr-ranking-page-private.h"
#include "pr-receipts.h"

/* Says whether the receipts in @text list the member's last ballot. */
static void
show_result (PrRankingPage *self,
             const char    *text,
             gsize          len)
{
  const char *fingerprint = pr_ranking_page_get_sent_fingerprint (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (fingerprint == NULL)
    return;
  receipts = pr_receipts_parse (text, len, &error);
  if (receipts == NULL)
    dialog = pr_ranking_page_show_dialog (self, _("No Receipts Found"), error->message);
  else if (pr_receipts_lists (receipts, fingerprint))
    {
      body = g_strdup_printf (ngettext ("Your last ballot, fingerprint %s, is the one receipt listed: it was counted.",
                                        "Your last ballot, fingerprint %s, is among the %u receipts: it was counted.",
                                        receipts->len),
                              fingerprint, receipts->len);
      dialog = pr_ranking_page_show_dialog (self, _("Your Ballot Was Counted"), body);
    }
  else
    {
      body = g_strdup_printf (ngettext ("Your last ballot, fingerprint %s, is not the one receipt listed. If you sent it before the round closed, tell the organizer: they can check whether it arrived. An earlier ballot of yours may count instead.",
                                        "Your last ballot, fingerprint %s, is not among the %u receipts. If you sent it before the round closed, tell the organizer: they can check whether it arrived. An earlier ballot of yours may count instead.",
                                        receipts->len),
                              fingerprint, receipts->len);
      dialog = pr_ranking_page_show_dialog (self, _("Your Ballot Is Not Listed"), body);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
}

static void
check_file (PrRankingPage *self,
            const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_RECEIPTS_MAX_SIZE, FALSE, &error);

  if (bytes == NULL)
    {
      AdwMessageDialog *dialog = pr_ranking_page_show_dialog (self, _("The Receipts Cannot Be Read"),
                                                              error->message);

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      return;
    }
  show_result (self, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
chooser_response_cb (PrRankingPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autofree char *path = NULL;

  if (chooser != self->receipt_chooser)
    return;
  path = pr_chooser_take_path (&self->receipt_chooser, response);

  if (path != NULL)
    check_file (self, path);
}

static void
choose_file (PrRankingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open the Published Receipts"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_clear_object (&self->receipt_chooser);
  self->receipt_chooser = chooser;
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
paste_response_cb (PrRankingPage    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer = self->receipt_buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (g_str_equal (response, "open"))
    {
      choose_file (self);
      return;
    }
  if (!g_str_equal (response, "check") || buffer == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  show_result (self, text, strlen (text));
}

static void
check_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PrRankingPage *self = PR_RANKING_PAGE (widget);
  const char *fingerprint = pr_ranking_page_get_sent_fingerprint (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *view, *scrolled;

  if (fingerprint == NULL)
    return;
  body = g_strdup_printf (_("Once the round is closed, the organizer publishes the fingerprints of the counted ballots. Paste them here, or open the file they shared: Peer Rank looks for your last ballot, %s."),
                          fingerprint);
  dialog = pr_ranking_page_show_dialog (self, _("Check Your Receipt"), body);
  view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Published receipts"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (dialog, scrolled);
  g_set_weak_pointer (&self->receipt_buffer, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open File…"),
                                    "check", _("C_heck"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "check", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "check");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (paste_response_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (view);
}

static void
check_receipt_text_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gsize len = 0;
  const char *text = g_variant_get_string (parameter, &len);

  show_result (PR_RANKING_PAGE (widget), text, len);
}

static void
check_receipt_file_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  check_file (PR_RANKING_PAGE (widget), g_variant_get_string (parameter, NULL));
}

void
pr_ranking_page_class_init_receipt (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ranking.check-receipt", NULL, check_receipt_action);
  gtk_widget_class_install_action (widget_class, "ranking.check-receipt-text", "s",
                                   check_receipt_text_action);
  gtk_widget_class_install_action (widget_class, "ranking.check-receipt-file", "s",
                                   check_receipt_file_action);
}
