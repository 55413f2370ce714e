/* pr-ballot-error.c — the error domain of every sealed-ballot format
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pr-ballot-error.h"

G_DEFINE_QUARK (pr-ballot-error-quark, pr_ballot_error)

typedef struct {
  const char *klass;
  const char *token;
  const char *message;
} ErrorInfo;

/* Indexed by PrBallotError; the static assertion below keeps the table
 * and the enum in step. */
static const ErrorInfo infos[] = {
  { "fs", "not-found", N_("The file does not exist.") },
  { "fs", "not-regular-file", N_("This is not a regular file (it may be a folder or a device).") },
  { "fs", "symlink", N_("This is a symbolic link; links inside a folder are not followed. Import the file it points to directly.") },
  { "fs", "symlink-loop", N_("This path is a loop of symbolic links.") },
  { "fs", "permission-denied", N_("The file cannot be read: permission denied.") },
  { "fs", "too-large", N_("The file is too large to be a Peer Rank file.") },
  { "fs", "read-failed", N_("The file could not be read.") },

  { "envelope", "empty", N_("The file is empty.") },
  { "envelope", "syntax", N_("The file is damaged: it is not complete, valid JSON.") },
  { "envelope", "too-deep", N_("The file is too deeply nested to be a Peer Rank file.") },
  { "envelope", "bad-encoding", N_("The file is not valid UTF-8 text, or it contains a NUL byte.") },
  { "envelope", "not-an-object", N_("This is not a Peer Rank file: it does not hold a JSON object.") },
  { "envelope", "not-peer-rank", N_("This is not a Peer Rank file.") },
  { "envelope", "wrong-kind", N_("This is a different kind of Peer Rank file.") },
  { "envelope", "newer-version", N_("This file was made by a newer Peer Rank. Update Peer Rank to open it.") },
  { "envelope", "wrong-type", N_("A field of the file has the wrong type.") },
  { "envelope", "unknown-json-member", N_("The file has a field Peer Rank does not know.") },
  { "envelope", "missing-json-member", N_("The file lacks a required field.") },
  { "envelope", "not-canonical", N_("The file was changed after Peer Rank wrote it (for example re-saved by an editor). Use the original file.") },
  { "envelope", "bad-base64", N_("The file holds damaged base64 data.") },
  { "envelope", "bad-length", N_("A value in the file has the wrong length.") },
  { "envelope", "bad-value", N_("A value in the file is out of range.") },

  { "route", "unknown-round", N_("This ballot is not for this round.") },

  { "crypto", "wrong-size", N_("The ballot's encrypted part has the wrong size for this round; the file was cut short, extended or made for another round.") },
  { "crypto", "key-exchange", N_("The ballot's key is invalid; the file was altered.") },
  { "crypto", "damaged", N_("The ballot cannot be decrypted: it is damaged, was altered, or was made for another round.") },

  { "payload", "bad-padding", N_("The decrypted ballot has invalid padding.") },
  { "payload", "payload-version", N_("The decrypted ballot has an unknown layout; it may come from a newer Peer Rank.") },
  { "payload", "truncated", N_("The decrypted ballot is shorter than its own length fields say.") },
  { "payload", "trailing-data", N_("The decrypted ballot has unexpected bytes at its end.") },
  { "payload", "too-long", N_("The decrypted ballot ranks more people than any round can hold.") },

  { "eligibility", "unknown-voter", N_("The ballot names a voter who is not on this round's roster.") },
  { "eligibility", "bad-signature", N_("The ballot's signature does not match the member's invitation.") },
  { "eligibility", "revoked-key", N_("The ballot was made with an invitation that has been re-issued; the member must vote again with the new invitation.") },

  { "ranking", "ranking-duplicate", N_("The ballot ranks the same person more than once.") },
  { "ranking", "ranking-unknown", N_("The ballot ranks someone who is not on the roster.") },
  { "ranking", "ranking-self", N_("The ballot ranks its own voter.") },
  { "ranking", "ranking-too-short", N_("The ballot ranks fewer people than this round requires.") },

  { "key", "key-limits", N_("The key file asks for absurd key-derivation limits; it was damaged or crafted.") },
  { "key", "key-algorithm", N_("The key file uses an unknown key-derivation algorithm.") },
  { "key", "wrong-passphrase", N_("Wrong passphrase or damaged key file.") },
  { "key", "key-mismatch", N_("The key file belongs to another round.") },
  { "key", "key-derivation", N_("The key could not be derived from the passphrase (not enough memory).") },

  { "envelope", "mail-no-ballot", N_("This message holds no Peer Rank ballot: none is attached, and none is pasted into its text.") },
  { "envelope", "mail-empty", N_("This mail file holds no message.") },
  { "envelope", "mail-too-complex", N_("This message has too many parts, or parts nested too deeply, to be searched for a ballot; save the ballot from it by hand.") },
  { "envelope", "pasted-too-many", N_("This text holds more ballots than one paste takes; the ones after this were not read: paste them separately.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (infos) == PR_BALLOT_ERROR_N_CODES);

static const ErrorInfo *
lookup (int code)
{
  if (code < 0 || code >= PR_BALLOT_ERROR_N_CODES)
    return NULL;
  return &infos[code];
}

const char *
pr_ballot_error_class (int code)
{
  const ErrorInfo *info = lookup (code);

  return info != NULL ? info->klass : "unknown";
}

const char *
pr_ballot_error_token (int code)
{
  const ErrorInfo *info = lookup (code);

  return info != NULL ? info->token : "unknown";
}

const char *
pr_ballot_error_message (int code)
{
  const ErrorInfo *info = lookup (code);

  return info != NULL ? _(info->message) : _("Unknown error.");
}

void
pr_ballot_error_set (GError        **error,
                     PrBallotError   code)
{
  g_set_error_literal (error, PR_BALLOT_ERROR, code, pr_ballot_error_message (code));
}

void
pr_ballot_error_set_member (GError        **error,
                            PrBallotError   code,
                            const char     *member)
{
  g_return_if_fail (member != NULL);

  switch (code)
    {
    case PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The field “%s” of the file has the wrong type."), member);
      break;
    case PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The file has a field “%s” that Peer Rank does not know."), member);
      break;
    case PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The file lacks the required field “%s”."), member);
      break;
    case PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The field “%s” of the file is not valid base64."), member);
      break;
    case PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The field “%s” of the file has the wrong length."), member);
      break;
    case PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE:
      g_set_error (error, PR_BALLOT_ERROR, code,
                   _("The field “%s” of the file has an invalid value."), member);
      break;
    default:
      pr_ballot_error_set (error, code);
      break;
    }
}
