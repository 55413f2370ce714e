/* pr-mail.h — ballots found in mail files (.eml, .mbox)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A mail file is read whole, up to this size: a mail client's export of
 * a round's ballots is a few megabytes. */
#define PR_MAIL_MAX_SIZE        (64 * 1024 * 1024)
/* Messages read from one mbox file; the rest is one rejected entry. */
#define PR_MAIL_MAX_MESSAGES    100000
/* MIME parts looked at per message, and how deeply nested. */
#define PR_MAIL_MAX_PARTS       1000
#define PR_MAIL_MAX_DEPTH       32
/* Of a text part, this much is searched for pasted ballots. */
#define PR_MAIL_MAX_TEXT        (4 * 1024 * 1024)

typedef enum {
  PR_MAIL_FILE_NONE,   /* not a mail file name */
  PR_MAIL_FILE_EML,    /* one message (RFC 5322) */
  PR_MAIL_FILE_MBOX,   /* messages after "From " lines */
} PrMailFileKind;

/* By the name's extension (".eml", ".mbox", any case); NONE otherwise. */
PrMailFileKind  pr_mail_file_kind      (const char   *name);

/* Sets up GMime once (any thread, any number of times). */
void            pr_mail_init           (void);

/* One entry of what a mail file holds: a ballot found in it, or a
 * message in which none was found. */
typedef struct {
  char    *where;       /* "MESSAGE/PART" ("3/2.1"; PART as IMAP numbers
                         * MIME parts, "@N" after it for the N-th of
                         * several ballots pasted into one text part),
                         * "MESSAGE" for a message without a ballot,
                         * NULL for the file itself (it holds no message) */
  char    *date;        /* the message's date, ISO 8601; NULL when none */
  char    *from;        /* its sender as text (decoded, at most 200
                         * characters, valid UTF-8); NULL when none */
  char    *attachment;  /* the attachment's file name (valid UTF-8);
                         * NULL for a ballot pasted into the text */
  GBytes  *bytes;       /* the ballot's bytes as found, NULL with @error */
  GError  *error;       /* PR_BALLOT_ERROR: why it is not a ballot */
} PrMailFound;

void            pr_mail_found_free     (PrMailFound  *found);

/* Every ballot attached to (any transfer encoding, also inside
 * forwarded messages) or pasted into (plain or HTML text, wrapped or
 * quoted) the messages of @data, a mail file of @len bytes: one message,
 * or an mbox (when it starts with "From "). A part counts as a ballot to
 * classify when its file name ends in ".json", its type is JSON, or it
 * starts like a Peer Rank file; a message where nothing counts is one
 * entry with PR_BALLOT_ERROR_MAIL_NO_BALLOT (or MAIL_TOO_COMPLEX when
 * parts were too many or nested too deeply to look at all). The same
 * ballot twice in one message is one entry. Pure: bytes in, entries out;
 * never fails (a file that holds no message is one entry, @where NULL,
 * with PR_BALLOT_ERROR_MAIL_EMPTY). */
GPtrArray      *pr_mail_extract        (const guint8 *data,
                                        gsize         len);

/* The pasted ballots in @text (@len bytes): each run that starts with
 * {"format":"peer-rank-ballot" up to the next '}', with white space and
 * line-leading quote marks ("> ") dropped, as a ballot file's bytes with
 * a final newline. At most @max are returned. */
GPtrArray      *pr_mail_find_pasted    (const char   *text,
                                        gsize         len,
                                        guint         max);

/* What a report shows of an entry's path: the file's base name, and for
 * a ballot found in mail what follows it ("Inbox.mbox#3/2" for
 * "/home/ana/Inbox.mbox#3/2", though a file name may hold a '#'). */
char           *pr_mail_display_name   (const char   *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMailFound, pr_mail_found_free)

G_END_DECLS
