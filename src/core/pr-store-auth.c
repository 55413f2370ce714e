/* pr-store-auth.c — the round folder's state, bound to the organizer's key
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whoever can write to the round folder without the passphrase must not
 * change what counts (DESIGN §4): each voter's entry in round.json has a
 * MAC under the state key, the journal is a MAC chain, and the journal's
 * lines that change voters record the digest of round.json's "voters".
 * Unlocking checks all three and names what was changed; a re-issue or
 * an upgrade cut short by a crash is finished here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pr-keyfile.h"
#include "pr-round-anchor.h"
#include "pr-store-private.h"

void
_pr_store_set_state_key (PrStore  *store,
                         PrSecret *secret)
{
  g_clear_pointer (&store->state_key, pr_secret_free);
  store->state_key = pr_state_key_derive (secret);
  pr_journal_set_key (store->journal, store->state_key, pr_manifest_get_hash (store->manifest));
}

/* The voter object without its MAC: what the MAC covers. */
static GBytes *
voter_bytes (PrStore *store,
             guint    index)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  _pr_store_write_voter (store, writer, index, FALSE);
  return pr_json_writer_get_bytes (writer, FALSE);
}

void
_pr_store_seal_voter (PrStore *store,
                      guint    index)
{
  g_autoptr(GBytes) bytes = voter_bytes (store, index);

  g_assert (store->state_key != NULL);
  pr_state_mac (store->state_key, PR_STATE_DOMAIN_VOTER, pr_manifest_get_hash (store->manifest),
                NULL, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                store->voters[index].mac);
}

static gboolean
voter_is_sealed (PrStore *store,
                 guint    index)
{
  g_autoptr(GBytes) bytes = voter_bytes (store, index);

  return pr_state_mac_verify (store->state_key, PR_STATE_DOMAIN_VOTER,
                              pr_manifest_get_hash (store->manifest), NULL,
                              g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              store->voters[index].mac);
}

void
_pr_store_voters_digest (PrStore *store,
                         guint8   out[PR_HASH_LEN])
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  _pr_store_write_voters (store, writer, TRUE);
  bytes = pr_json_writer_get_bytes (writer, FALSE);
  pr_crypto_hash (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), out);
}

static gboolean
digest_is (PrStore      *store,
           const guint8  expected[PR_HASH_LEN])
{
  guint8 digest[PR_HASH_LEN];

  _pr_store_voters_digest (store, digest);
  return sodium_memcmp (digest, expected, PR_HASH_LEN) == 0;
}

/* The first voter whose entry does not carry its MAC is named. */
static gboolean
check_voters (PrStore  *store,
              GError  **error)
{
  for (guint i = 0; i < store->n_voters; i++)
    {
      if (voter_is_sealed (store, i))
        continue;
      /* TRANSLATORS: round.json is a file name; %s are a member's id and name */
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED,
                   _("round.json: the entry of member %s (%s) under “voters” was changed "
                     "without the passphrase (its signing key, revoked keys or e-mail "
                     "address). Nothing is counted from this round until round.json is put "
                     "back as it was, from a backup copy of the round folder."),
                   pr_manifest_get_member_id (store->manifest, i),
                   pr_manifest_get_member_name (store->manifest, i));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_voters_replaced (guint     line_no,
                     GError  **error)
{
  /* TRANSLATORS: round.json is a file name */
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED,
               _("round.json: its voters are not those the import journal recorded on line %u "
                 "(an older copy of round.json, or of a voter’s entry, was put back without "
                 "the passphrase). Nothing is counted from this round until round.json is put "
                 "back as it was, from a backup copy of the round folder."),
               line_no);
  return FALSE;
}

static gboolean
rewrite_round (PrStore  *store,
               GError  **error)
{
  return _pr_store_become_writer (store, error) && _pr_store_write_round (store, error);
}

/* A re-issue journals the new key before round.json is written: a crash
 * in between leaves round.json one step behind, which is finished here
 * when applying the journaled step gives exactly the recorded voters. */
static gboolean
finish_reissue (PrStore              *store,
                const PrJournalState *state,
                GError              **error)
{
  Voter *voter = &store->voters[state->reissue_member];
  guint8 old_key[PR_SIGN_PUBLIC_LEN];

  if (!state->last_is_reissue || !state->has_voters_before ||
      !digest_is (store, state->voters_before))
    return set_voters_replaced (state->voters_line, error);
  memcpy (old_key, voter->key, sizeof old_key);
  g_byte_array_append (voter->revoked, old_key, sizeof old_key);
  memcpy (voter->key, state->reissue_key, PR_SIGN_PUBLIC_LEN);
  _pr_store_seal_voter (store, state->reissue_member);
  if (!digest_is (store, state->voters))
    {
      g_byte_array_set_size (voter->revoked, voter->revoked->len - PR_SIGN_PUBLIC_LEN);
      memcpy (voter->key, old_key, sizeof old_key);
      return set_voters_replaced (state->voters_line, error);
    }
  _pr_store_recompute_counted (store, state->reissue_member);
  return rewrite_round (store, error);
}

static gboolean
set_legacy (GError **error)
{
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LEGACY,
                       _("This round was made by an earlier Peer Rank: its voters’ keys and "
                         "import journal are not protected by the passphrase yet. If you made "
                         "this round with that version, protect it now with "
                         "“peer-rank-cli round upgrade”; if not, someone stripped its "
                         "protection: put back a backup copy of the round folder."));
  return FALSE;
}

/* round.json against a verified journal. */
static gboolean
check_round (PrStore              *store,
             const PrJournalState *state,
             GError              **error)
{
  gboolean v1 = store->round_version < 2;

  if (!state->authenticated)
    return v1 ? set_legacy (error) : pr_journal_set_tampered_error (1, error);
  if (!v1 && !check_voters (store, error))
    return FALSE;
  if (!state->has_voters)
    return v1 ? set_legacy (error) : TRUE;  /* no journal yet: the MACs say it all */
  if (v1)
    {
      /* An upgrade cut short: the journal has it, round.json not yet. */
      for (guint i = 0; i < store->n_voters; i++)
        _pr_store_seal_voter (store, i);
      if (!digest_is (store, state->voters))
        return set_voters_replaced (state->voters_line, error);
      return rewrite_round (store, error);
    }
  if (digest_is (store, state->voters))
    return TRUE;
  return finish_reissue (store, state, error);
}

/* ---- the anchor: how far this computer has seen the journal ---- */

const char *
pr_store_get_rollback_advice (void)
{
  return _("Nothing is counted from this round until its newest copy is put back. "
           "If you put back an earlier copy on purpose (a backup), accept it with "
           "“peer-rank-cli round check --accept-rollback” on the round folder: "
           "what was recorded after that copy is then given up.");
}

static gboolean
set_rolled_back (const PrRoundAnchor  *anchor,
                 guint                 n_lines,
                 GError              **error)
{
  const char *advice = pr_store_get_rollback_advice ();

  if (n_lines < anchor->n_lines)
    /* TRANSLATORS: the first %u is a line number, the second a count of lines */
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_ROLLED_BACK,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The round folder is older than the one last opened on this "
                              "computer: journal.jsonl, line %u, which this computer saw, is "
                              "missing (the journal has %u line). An earlier copy of the round "
                              "folder was put back, or its journal was cut or deleted, without "
                              "the passphrase. %s",
                              "The round folder is older than the one last opened on this "
                              "computer: journal.jsonl, line %u, which this computer saw, is "
                              "missing (the journal has %u lines). An earlier copy of the round "
                              "folder was put back, or its journal was cut or deleted, without "
                              "the passphrase. %s", n_lines),
                 anchor->n_lines, n_lines, advice);
  else
    /* TRANSLATORS: %u is a line number */
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED,
                 _("The round folder is older than the one last opened on this computer: "
                   "journal.jsonl, line %u, is not the line this computer saw there. An "
                   "earlier copy of the round folder was put back, or another copy of it "
                   "was changed, or its journal was. %s"),
                 anchor->n_lines, advice);
  return FALSE;
}

/* Whether the journal goes on from what this computer saw last: as
 * long, and the same MAC at the anchored line (so the same chain up to
 * there). @anchor gets the anchor, n_lines 0 when there is none. */
static gboolean
check_anchor (PrStore        *store,
              PrRoundAnchor  *anchor,
              GError        **error)
{
  if (!pr_round_anchor_read (store->state_key, store->manifest, anchor))
    {
      anchor->n_lines = 0;  /* first opened here: nothing to compare */
      return TRUE;
    }
  if (pr_round_anchor_holds (anchor, store->journal))
    return TRUE;
  return set_rolled_back (anchor, pr_journal_get_n_lines (store->journal), error);
}

/* Records the journal as it is now. A failure only weakens what the next
 * unlock can tell, so it is logged rather than failing what succeeded. */
static void
save_anchor (PrStore *store)
{
  g_autoptr(GError) error = NULL;
  PrRoundAnchor anchor;

  if (!pr_round_anchor_from_journal (store->journal, &anchor))
    return;  /* no line with a MAC yet */
  if (!pr_round_anchor_write (store->state_key, store->manifest, &anchor, &error))
    g_warning ("The record of how far this computer has seen the round cannot be written: %s",
               error->message);
}

void
_pr_store_journal_written (PrJournal *journal,
                           gpointer   user_data)
{
  PrStore *store = user_data;

  if (store->state_key != NULL)
    save_anchor (store);
}

/* After a successful unlock: the anchor only moves forward (another
 * process may have recorded more lines meanwhile). */
static void
advance_anchor (PrStore *store)
{
  PrRoundAnchor anchor;

  if (pr_round_anchor_read (store->state_key, store->manifest, &anchor) &&
      anchor.n_lines >= pr_journal_get_n_lines (store->journal))
    return;
  save_anchor (store);
}

/* With @accept_rollback, a journal older than the anchor is taken as it
 * is: the anchor is forgotten (@rolled_back gets the lines it named, 0
 * when there was nothing to accept) and made anew from this folder. */
static gboolean
check_or_accept_anchor (PrStore   *store,
                        gboolean   accept_rollback,
                        guint     *rolled_back,
                        GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  PrRoundAnchor anchor;

  *rolled_back = 0;
  if (check_anchor (store, &anchor, &local_error))
    return TRUE;
  if (!accept_rollback)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *rolled_back = anchor.n_lines;
  return pr_round_anchor_forget (store->manifest, error);
}

gboolean
_pr_store_authenticate (PrStore   *store,
                        PrSecret  *secret,
                        gboolean   accept_rollback,
                        guint     *rolled_back,
                        GError   **error)
{
  PrJournalState state;

  *rolled_back = 0;
  /* Created or unlocked before: what is in memory was verified or
   * written by this store, and the journal's chain goes on from there. */
  if (store->state_key != NULL)
    return TRUE;
  _pr_store_set_state_key (store, secret);
  if (pr_journal_verify (store->journal, store->state_key, pr_manifest_get_hash (store->manifest),
                         &state, error) &&
      check_or_accept_anchor (store, accept_rollback, rolled_back, error) &&
      check_round (store, &state, error))
    {
      advance_anchor (store);
      return TRUE;
    }
  /* Nothing is written with a key whose state did not verify. */
  g_clear_pointer (&store->state_key, pr_secret_free);
  return FALSE;
}

gboolean
_pr_store_authenticate_with_state_key (PrStore         *store,
                                       const PrSecret  *state_key,
                                       GError         **error)
{
  PrJournalState state;
  guint rolled_back = 0;

  g_return_val_if_fail (store->state_key == NULL, FALSE);

  store->state_key = pr_secret_new_from_data (pr_secret_get_data (state_key),
                                               pr_secret_get_size (state_key));
  if (pr_journal_verify (store->journal, store->state_key, pr_manifest_get_hash (store->manifest),
                         &state, error) &&
      check_or_accept_anchor (store, FALSE, &rolled_back, error) &&
      check_round (store, &state, error))
    {
      advance_anchor (store);
      return TRUE;
    }
  g_clear_pointer (&store->state_key, pr_secret_free);
  return FALSE;
}

static gboolean
upgrade (PrStore  *store,
         GError  **error)
{
  PrJournalState state;
  PrRoundAnchor anchor;
  guint8 voters[PR_HASH_LEN];

  /* A protected round put back as its version 1 copy is a rollback. */
  if (!pr_journal_verify (store->journal, store->state_key, pr_manifest_get_hash (store->manifest),
                          &state, error) ||
      !check_anchor (store, &anchor, error))
    return FALSE;
  if (state.authenticated)
    return check_round (store, &state, error);  /* nothing to upgrade, or finish one */
  if (store->round_version >= 2)
    return pr_journal_set_tampered_error (1, error);
  for (guint i = 0; i < store->n_voters; i++)
    _pr_store_seal_voter (store, i);
  _pr_store_voters_digest (store, voters);
  /* The journal binds the old lines first; round.json follows (a crash
   * in between is finished by the next unlock). */
  return _pr_store_become_writer (store, error) &&
         pr_journal_append_upgrade (store->journal, voters, g_get_real_time () / G_USEC_PER_SEC,
                                    error) &&
         _pr_store_write_round (store, error);
}

gboolean
pr_store_upgrade (PrStore     *store,
                  const char  *passphrase,
                  GError     **error)
{
  g_autoptr(PrSecret) secret = NULL;

  g_return_val_if_fail (store != NULL && passphrase != NULL, FALSE);

  if ((secret = pr_store_read_secret_key (store, NULL, passphrase, error)) == NULL)
    return FALSE;
  _pr_store_set_state_key (store, secret);
  if (upgrade (store, error))
    {
      advance_anchor (store);
      return TRUE;
    }
  g_clear_pointer (&store->state_key, pr_secret_free);
  return FALSE;
}

gboolean
pr_store_is_legacy (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->round_version < 2;
}

gboolean
pr_store_is_unlocked (PrStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->state_key != NULL;
}
