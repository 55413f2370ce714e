/* pr-ballot-error.h — the error domain of every sealed-ballot format
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One domain for everything that can be wrong with a file Peer Rank reads
 * during a round: ballot files, invitations, round files and key files.
 * Each code belongs to one failure class (DESIGN §7) and has a stable,
 * untranslated token for machine-readable reports. The GError message is
 * always a translated sentence a person can act on; it never contains
 * parser text or decrypted content. */
#define PR_BALLOT_ERROR (pr_ballot_error_quark ())

typedef enum {
  /* fs: reading the file */
  PR_BALLOT_ERROR_FS_NOT_FOUND,
  PR_BALLOT_ERROR_FS_NOT_REGULAR,
  PR_BALLOT_ERROR_FS_SYMLINK,
  PR_BALLOT_ERROR_FS_LOOP,
  PR_BALLOT_ERROR_FS_PERMISSION,
  PR_BALLOT_ERROR_FS_TOO_LARGE,
  PR_BALLOT_ERROR_FS_READ,

  /* envelope: the outer JSON of any of our files */
  PR_BALLOT_ERROR_ENVELOPE_EMPTY,
  PR_BALLOT_ERROR_ENVELOPE_SYNTAX,
  PR_BALLOT_ERROR_ENVELOPE_TOO_DEEP,
  PR_BALLOT_ERROR_ENVELOPE_ENCODING,
  PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT,
  PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK,
  PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND,
  PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION,
  PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE,
  PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER,
  PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER,
  PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL,
  PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64,
  PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH,
  PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE,

  /* route: which round */
  PR_BALLOT_ERROR_ROUTE_UNKNOWN_ROUND,

  /* crypto: decrypting */
  PR_BALLOT_ERROR_CRYPTO_SIZE,
  PR_BALLOT_ERROR_CRYPTO_KEY_EXCHANGE,
  PR_BALLOT_ERROR_CRYPTO_DAMAGED,

  /* payload: the decrypted bytes */
  PR_BALLOT_ERROR_PAYLOAD_PADDING,
  PR_BALLOT_ERROR_PAYLOAD_VERSION,
  PR_BALLOT_ERROR_PAYLOAD_TRUNCATED,
  PR_BALLOT_ERROR_PAYLOAD_TRAILING,
  PR_BALLOT_ERROR_PAYLOAD_TOO_LONG,

  /* eligibility: whose ballot, signature */
  PR_BALLOT_ERROR_ELIGIBILITY_UNKNOWN_MEMBER,
  PR_BALLOT_ERROR_ELIGIBILITY_BAD_SIGNATURE,
  PR_BALLOT_ERROR_ELIGIBILITY_REVOKED,

  /* ranking: the content */
  PR_BALLOT_ERROR_RANKING_DUPLICATE,
  PR_BALLOT_ERROR_RANKING_UNKNOWN,
  PR_BALLOT_ERROR_RANKING_SELF,
  PR_BALLOT_ERROR_RANKING_TOO_SHORT,

  /* key: the organizer's key file (not a per-ballot class) */
  PR_BALLOT_ERROR_KEY_LIMITS,
  PR_BALLOT_ERROR_KEY_ALGORITHM,
  PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE,
  PR_BALLOT_ERROR_KEY_MISMATCH,
  PR_BALLOT_ERROR_KEY_DERIVATION,

  /* envelope: what a mail file holds instead of a ballot (pr-mail.h) */
  PR_BALLOT_ERROR_MAIL_NO_BALLOT,
  PR_BALLOT_ERROR_MAIL_EMPTY,
  PR_BALLOT_ERROR_MAIL_TOO_COMPLEX,
  PR_BALLOT_ERROR_PASTED_TOO_MANY,  /* pasted text: more ballots than one paste takes */

  PR_BALLOT_ERROR_N_CODES
} PrBallotError;

GQuark       pr_ballot_error_quark (void);

/* "fs", "envelope", "route", "crypto", "payload", "eligibility",
 * "ranking" or "key"; "unknown" for a code out of range. */
const char  *pr_ballot_error_class (int code);

/* A stable untranslated token, e.g. "not-regular-file"; unique over all
 * codes; "unknown" for a code out of range. */
const char  *pr_ballot_error_token (int code);

/* The default translated sentence for @code. */
const char  *pr_ballot_error_message (int code);

/* Sets @error to @code with its default message. */
void         pr_ballot_error_set   (GError       **error,
                                    PrBallotError  code);

/* Sets @error to one of the ENVELOPE_* member codes (WRONG_TYPE,
 * UNKNOWN_MEMBER, MISSING_MEMBER, BAD_BASE64, BAD_LENGTH, BAD_VALUE) with
 * a message naming @member (a JSON member name, never file content). */
void         pr_ballot_error_set_member (GError       **error,
                                         PrBallotError  code,
                                         const char    *member);

G_END_DECLS
