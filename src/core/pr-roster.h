/* pr-roster.h — reading a roster from plain text or a spreadsheet's CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many people a roster (and so a round) may hold. */
#define PR_ROSTER_MIN_MEMBERS 2
#define PR_ROSTER_MAX_MEMBERS 1000

G_END_DECLS

G_BEGIN_DECLS

#define PR_ROSTER_MAX_SIZE      (1024 * 1024)
#define PR_ROSTER_MAX_NAME      64     /* characters */
#define PR_ROSTER_MAX_EMAIL     254    /* bytes (RFC 5321 path limit) */

#define PR_ROSTER_ERROR (pr_roster_error_quark ())

typedef enum {
  PR_ROSTER_ERROR_TOO_LARGE,
  PR_ROSTER_ERROR_EMPTY,
  PR_ROSTER_ERROR_ENCODING,
  PR_ROSTER_ERROR_SYNTAX,        /* CSV: unterminated quote, stray quote */
  PR_ROSTER_ERROR_NAME_EMPTY,
  PR_ROSTER_ERROR_NAME_TOO_LONG,
  PR_ROSTER_ERROR_NAME_CONTROL,  /* control or bidirectional-override character */
  PR_ROSTER_ERROR_NAME_DUPLICATE,
  PR_ROSTER_ERROR_TOO_FEW,
  PR_ROSTER_ERROR_TOO_MANY,
  PR_ROSTER_ERROR_EMAIL,         /* email column: not local@domain, too long, spaces */
} PrRosterError;

GQuark      pr_roster_error_quark (void);

typedef struct _PrRoster PrRoster;

/* Plain text (@csv FALSE): one name per line, blank lines skipped, names
 * trimmed. CSV (@csv TRUE): RFC 4180 with a header row; the column headed
 * "name" (any case) else the first; an optional "email" column; ',' or ';'
 * as the header line shows; quoted fields with separators, newlines and
 * doubled quotes; blank rows skipped. Either: UTF-8 with or without BOM,
 * otherwise Windows-1252 (converted), CRLF or LF. Names are validated
 * (pr_roster_check_name, no duplicates after NFKC + casefold); errors name
 * the line (1-based, of the file). A non-empty email must be local@domain,
 * at most PR_ROSTER_MAX_EMAIL bytes, without spaces or control or format
 * characters; an empty one means no address. */
PrRoster   *pr_roster_parse       (const guint8 *data,
                                   gsize         len,
                                   gboolean      csv,
                                   GError      **error);
void        pr_roster_free        (PrRoster     *roster);
guint       pr_roster_get_n       (const PrRoster *roster);
const char *pr_roster_get_name    (const PrRoster *roster,
                                   guint           index);
/* NULL without an email column; may be "". */
const char *pr_roster_get_email   (const PrRoster *roster,
                                   guint           index);
/* Line of the file where the entry starts. */
guint       pr_roster_get_line    (const PrRoster *roster,
                                   guint           index);
/* NULL-terminated names, owned by the roster. */
const char * const *pr_roster_get_names (const PrRoster *roster);

/* One name: not empty, ≤ PR_ROSTER_MAX_NAME characters, valid UTF-8, no
 * control (Cc) or bidirectional-override/isolate characters. */
gboolean    pr_roster_check_name  (const char   *name,
                                   GError      **error);
/* Every name and no duplicates after g_utf8_normalize (NFKC) +
 * g_utf8_casefold; @lines (nullable) gives line numbers for messages,
 * else positions (1-based) are named. */
gboolean    pr_roster_check_names (const char * const *names,
                                   const guint        *lines,
                                   GError            **error);
/* An address as the email column accepts it: empty (none), or
 * local@domain within PR_ROSTER_MAX_EMAIL bytes, without spaces, control
 * or format characters (PR_ROSTER_ERROR_EMAIL). */
gboolean    pr_roster_check_email (const char   *email,
                                   GError      **error);
/* pr_roster_parse() for a person importing a file: entries whose name or
 * address is refused (empty, too long, forbidden characters, bad address,
 * the same name as an earlier entry) are left out, and @refused receives
 * one GError per such entry, in file order, whose message names its line.
 * Fails (NULL) only for what spoils the whole file: too large, encoding,
 * CSV syntax, too many names. Too few names are not checked. */
PrRoster   *pr_roster_parse_lenient (const guint8 *data,
                                     gsize         len,
                                     gboolean      csv,
                                     GPtrArray   **refused,
                                     GError      **error);
/* The comparison key used for duplicates (newly allocated). */
char       *pr_roster_name_key    (const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrRoster, pr_roster_free)

G_END_DECLS
