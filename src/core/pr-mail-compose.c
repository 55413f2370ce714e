/* pr-mail-compose.c — the messages that carry invitations and reminders
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pr-mail-compose.h"
#include "pr-mail-private.h"
#include "pr-mail.h"
#include "pr-roster.h"

gboolean
pr_mail_address_is_usable (const char *email)
{
  if (email == NULL || email[0] == '\0' || !pr_roster_check_email (email, NULL))
    return FALSE;
  /* What RFC 5322 would read as structure rather than an address. */
  return strpbrk (email, "<>,;:\"()[]\\") == NULL;
}

char *
pr_mail_compose_subject (PrManifest        *manifest,
                         PrJournalMailKind  kind)
{
  const char *title = pr_manifest_get_title (manifest);

  if (kind == PR_JOURNAL_MAIL_REMINDER)
    /* TRANSLATORS: subject of the reminder e-mail; %s is the round's title */
    return g_strdup_printf (_("Reminder: %s"), title);
  /* TRANSLATORS: subject of the e-mail carrying an invitation; %s is the round's title */
  return g_strdup_printf (_("Your invitation to rank: %s"), title);
}

static void
append_paragraph (GString    *body,
                  const char *text)
{
  if (body->len > 0)
    g_string_append (body, "\n\n");
  g_string_append (body, text);
}

static char *
invitation_body (PrManifest *manifest,
                 guint       index,
                 const char *attachment_name)
{
  const char *organizer = pr_manifest_get_organizer (manifest);
  const char *description = pr_manifest_get_description (manifest);
  const char *deadline = pr_manifest_get_deadline (manifest);
  const char *title = pr_manifest_get_title (manifest);
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Hello %s,"), pr_manifest_get_member_name (manifest, index));
  append_paragraph (body, text);
  g_free (text);
  if (organizer != NULL && organizer[0] != '\0')
    text = g_strdup_printf (_("%s invites you to rank the contributions of your teammates in the Peer Rank round “%s”."),
                            organizer, title);
  else
    text = g_strdup_printf (_("You are invited to rank the contributions of your teammates in the Peer Rank round “%s”."),
                            title);
  append_paragraph (body, text);
  g_clear_pointer (&text, g_free);
  if (description != NULL && description[0] != '\0')
    append_paragraph (body, description);
  if (deadline != NULL && deadline[0] != '\0')
    {
      text = g_strdup_printf (_("Please send your ballot by %s."), deadline);
      append_paragraph (body, text);
      g_clear_pointer (&text, g_free);
    }
  append_paragraph (body, _("What to do:"));
  text = g_strdup_printf (_("1. Open the attached file %s with Peer Rank (%s)."), attachment_name,
                          APP_WEBSITE);
  g_string_append_printf (body, "\n%s", text);
  g_free (text);
  text = g_strdup_printf (_("2. Check that Peer Rank shows the round fingerprint %s. If it shows another one, do not vote, and tell the organizer."),
                          pr_manifest_get_fingerprint (manifest));
  g_string_append_printf (body, "\n%s", text);
  g_string_append_printf (body, "\n%s", _("3. Order your teammates, seal your ballot, and send the ballot file back as a reply to this message: attached, or its text pasted into the reply."));
  append_paragraph (body, _("This invitation is your personal secret: do not forward it. Anyone who has it can vote in your name."));
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

static char *
reminder_body (PrManifest *manifest,
               guint       index)
{
  const char *deadline = pr_manifest_get_deadline (manifest);
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Hello %s,"), pr_manifest_get_member_name (manifest, index));
  append_paragraph (body, text);
  g_free (text);
  text = g_strdup_printf (_("your ranking for the Peer Rank round “%s” has not arrived yet."),
                          pr_manifest_get_title (manifest));
  append_paragraph (body, text);
  g_clear_pointer (&text, g_free);
  if (deadline != NULL && deadline[0] != '\0')
    {
      text = g_strdup_printf (_("Please send your ballot by %s."), deadline);
      append_paragraph (body, text);
      g_clear_pointer (&text, g_free);
    }
  append_paragraph (body, _("Open your invitation in Peer Rank, order your teammates, seal your ballot, and send the ballot file back as a reply to this message: attached, or its text pasted into the reply."));
  text = g_strdup_printf (_("The round fingerprint is %s."), pr_manifest_get_fingerprint (manifest));
  append_paragraph (body, text);
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

char *
pr_mail_compose_body (PrManifest        *manifest,
                      guint              index,
                      PrJournalMailKind  kind,
                      const char        *attachment_name)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (index < pr_manifest_get_n_members (manifest), NULL);

  if (kind == PR_JOURNAL_MAIL_REMINDER)
    return reminder_body (manifest, index);
  return invitation_body (manifest, index, attachment_name != NULL ? attachment_name : "");
}

/* ---- the message ---- */

static GMimeObject *
text_part (const char *body)
{
  GMimeTextPart *text = g_mime_text_part_new_with_subtype ("plain");

  g_mime_text_part_set_text (text, body);
  g_mime_text_part_set_charset (text, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (text),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (text),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
  return GMIME_OBJECT (text);
}

/* @copy stays the caller's, to be wiped once the message is written. */
static GMimeObject *
attachment_part (GByteArray *copy,
                 const char *name)
{
  GMimePart *part = g_mime_part_new_with_type ("application", "vnd.peer-rank.invitation+json");
  g_autoptr(PrMimeStream) stream = g_mime_stream_mem_new_with_byte_array (copy);
  g_autoptr(PrMimeDataWrapper) content = NULL;

  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_part_set_filename (part, name);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT (part);
}

/* "Name <a@b>" or "a@b" as exactly one mailbox, else NULL. */
static InternetAddressList *
parse_from (const char *from)
{
  InternetAddressList *list;

  if (from == NULL || strpbrk (from, "\r\n") != NULL)
    return NULL;
  list = internet_address_list_parse (NULL, from);
  if (list != NULL && (internet_address_list_length (list) != 1 ||
                       !INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0))))
    g_clear_object (&list);
  return list;
}

static char *
message_id_domain (InternetAddressList *from)
{
  const char *addr;
  const char *at;

  if (from == NULL)
    return g_strdup ("peer-rank.invalid");
  addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0)));
  at = addr != NULL ? strrchr (addr, '@') : NULL;
  return g_strdup (at != NULL && at[1] != '\0' ? at + 1 : "peer-rank.invalid");
}

static void
set_headers (GMimeMessage        *message,
             const PrMailMessage *m,
             InternetAddressList *from)
{
  g_autofree char *subject = pr_mail_compose_subject (m->manifest, m->kind);
  g_autofree char *domain = message_id_domain (from);
  g_autofree char *id = g_mime_utils_generate_message_id (domain);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (from != NULL)
    internet_address_list_append (g_mime_message_get_from (message), from);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO,
                              pr_manifest_get_member_name (m->manifest, m->member), m->to);
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_date (message, now);
  g_mime_message_set_message_id (message, id);
}

static GByteArray *
write_message (GMimeMessage *message,
               gboolean      crlf)
{
  g_autoptr(PrMimeStream) out = g_mime_stream_mem_new ();
  GMimeFormatOptions *options = g_mime_format_options_new ();
  GByteArray *bytes;

  g_mime_format_options_set_newline_format (options, crlf ? GMIME_NEWLINE_FORMAT_DOS
                                                           : GMIME_NEWLINE_FORMAT_UNIX);
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, out);
  g_mime_format_options_free (options);
  bytes = g_byte_array_ref (g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out)));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (out), FALSE);
  return bytes;
}

GByteArray *
pr_mail_compose_message (const PrMailMessage  *m,
                         GError              **error)
{
  g_autoptr(PrMimeMessage) message = NULL;
  g_autoptr(PrAddressList) from = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PrMimeObject) text = NULL;
  g_autoptr(GByteArray) copy = NULL;
  GByteArray *result;

  g_return_val_if_fail (m != NULL && m->manifest != NULL, NULL);
  g_return_val_if_fail (m->member < pr_manifest_get_n_members (m->manifest), NULL);
  g_return_val_if_fail (m->kind != PR_JOURNAL_MAIL_INVITATION || m->attachment != NULL, NULL);

  pr_mail_init ();
  if (!pr_mail_address_is_usable (m->to))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The e-mail address of %s cannot be used: it is not of the form name@example.org."),
                   pr_manifest_get_member_name (m->manifest, m->member));
      return NULL;
    }
  if (m->from != NULL && (from = parse_from (m->from)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The sender address “%s” cannot be used: give one address, like “Ana López <ana@example.org>”."),
                   m->from);
      return NULL;
    }
  message = g_mime_message_new (TRUE);
  set_headers (message, m, from);
  body = pr_mail_compose_body (m->manifest, m->member, m->kind, m->attachment_name);
  text = text_part (body);
  if (m->attachment == NULL)
    g_mime_message_set_mime_part (message, text);
  else
    {
      g_autoptr(PrMimeMultipart) mixed = g_mime_multipart_new_with_subtype ("mixed");
      g_autoptr(PrMimeObject) attachment = NULL;

      copy = g_byte_array_new ();
      g_byte_array_append (copy, g_bytes_get_data (m->attachment, NULL),
                           (guint) g_bytes_get_size (m->attachment));
      attachment = attachment_part (copy, m->attachment_name);

      g_mime_multipart_add (mixed, text);
      g_mime_multipart_add (mixed, attachment);
      g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
    }
  result = write_message (message, m->crlf);
  /* The invitation's secret: not left behind in freed memory. */
  if (copy != NULL)
    sodium_memzero (copy->data, copy->len);
  return result;
}
