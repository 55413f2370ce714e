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

gboolean
_pr_store_authenticate (PrStore   *store,
                        PrSecret  *secret,
                        GError   **error)
{
  PrJournalState state;

  /* Created or unlocked before: what is in memory was verified or
   * written by this store, and the journal's chain goes on from there. */
  if (store->state_key != NULL)
    return TRUE;
  _pr_store_set_state_key (store, secret);
  if (pr_journal_verify (store->journal, store->state_key, pr_manifest_get_hash (store->manifest),
                         &state, error) &&
      check_round (store, &state, error))
    return TRUE;
  /* Nothing is written with a key whose state did not verify. */
  g_clear_pointer (&store->state_key, pr_secret_free);
  return FALSE;
}

static gboolean
upgrade (PrStore  *store,
         GError  **error)
{
  PrJournalState state;
  guint8 voters[PR_HASH_LEN];

  if (!pr_journal_verify (store->journal, store->state_key, pr_manifest_get_hash (store->manifest),
                          &state, error))
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
    return TRUE;
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
