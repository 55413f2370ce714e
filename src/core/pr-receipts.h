/* pr-receipts.h — a member checks the published receipts for their ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_RECEIPTS_ERROR (pr_receipts_error_quark ())

typedef enum {
  PR_RECEIPTS_ERROR_EMPTY,      /* the text holds no ballot fingerprint */
  PR_RECEIPTS_ERROR_TOO_LARGE,  /* more text than any list of receipts */
} PrReceiptsError;

GQuark     pr_receipts_error_quark (void);

/* A list of receipts is read from at most this many bytes. */
#define PR_RECEIPTS_MAX_SIZE (4 * 1024 * 1024)

/* @fingerprint (a short ballot fingerprint as Peer Rank shows it) in the
 * form receipts list it, "ABCD-EFGH-JKMN-PQRS": any case, with or without
 * dashes, O read as 0 and I or L as 1 (Crockford base 32, as a person
 * may copy it); NULL when it is not one. */
char      *pr_receipts_normalize   (const char  *fingerprint);

/* The receipts in @text (@len bytes: what `round receipts` prints, or
 * the same pasted from a web page, a chat or a document — numbered,
 * bulleted, one per line or several, grouped by dashes or spaces), as
 * normalised fingerprints, sorted, each once. PR_RECEIPTS_ERROR_EMPTY
 * when it holds none. */
GPtrArray *pr_receipts_parse       (const char  *text,
                                    gsize        len,
                                    GError     **error);

/* Whether @receipts (from pr_receipts_parse()) list the ballot with the
 * short fingerprint @fingerprint: whether it was counted. */
gboolean   pr_receipts_lists       (GPtrArray   *receipts,
                                    const char  *fingerprint);

G_END_DECLS
