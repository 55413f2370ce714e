/* pr-mail-compose.h — the messages that carry invitations and reminders
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-journal.h"
#include "pr-manifest.h"

G_BEGIN_DECLS

/* The attachment's type: what the MIME XML in data/ calls an invitation
 * (application/x-peer-rank-invitation) is this in mail. */
#define PR_MAIL_INVITATION_TYPE "application/vnd.peer-rank.invitation+json"

/* Whether @email can stand alone in a To: header: a roster address
 * (name@example.org) without anything a header would read as a second
 * address, a comment or a line break. */
gboolean    pr_mail_address_is_usable  (const char         *email);

/* The subject and the body of the message of @kind to member @index
 * (translated): round title, deadline, the round fingerprint to compare
 * and what to do; an invitation's body names @attachment_name, the file
 * attached. The window hands the same texts to the mail client. */
char       *pr_mail_compose_subject    (PrManifest         *manifest,
                                        PrJournalMailKind   kind);
char       *pr_mail_compose_body       (PrManifest         *manifest,
                                        guint               index,
                                        PrJournalMailKind   kind,
                                        const char         *attachment_name);

typedef struct {
  PrManifest        *manifest;
  guint              member;
  const char        *to;               /* the member's address */
  PrJournalMailKind  kind;
  GBytes            *attachment;       /* the invitation file's bytes; NULL
                                        * for a reminder */
  const char        *attachment_name;  /* its file name */
  const char        *from;             /* nullable: "Name <a@b>" or "a@b";
                                        * without it sendmail sets From: */
  gboolean           crlf;             /* CRLF line ends (an .eml file), or
                                        * LF (what sendmail reads) */
} PrMailMessage;

/* One RFC 5322 message: To: the member only, Subject:, Date:,
 * Message-ID:, a text/plain body and, for an invitation, the file
 * attached as PR_MAIL_INVITATION_TYPE in base64. It holds the
 * invitation's secret: wipe it (sodium_memzero) before freeing.
 * G_IO_ERROR_INVALID_ARGUMENT when @to or @from is not usable. */
GByteArray *pr_mail_compose_message    (const PrMailMessage *message,
                                        GError             **error);

G_END_DECLS
