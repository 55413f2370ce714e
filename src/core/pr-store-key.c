/* pr-store-key.c — caring for a round's key file: backup, passphrase, restore
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * organizer.key holds the round's only secret: losing it loses every
 * ballot. The organizer keeps a backup copy outside the round folder,
 * may change the passphrase (the key itself never changes, so ballots
 * sealed to it still open) and may put a backup back.
 */

#include "config.h"

#include <string.h>

#include "pr-atomic.h"
#include "pr-keyfile.h"
#include "pr-output.h"
#include "pr-store-private.h"

static char *
key_path (PrStore *store)
{
  return pr_store_get_key_path (store);
}

gboolean
pr_store_backup_key (PrStore     *store,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *source = key_path (store);
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);

  bytes = pr_atomic_read (source, PR_KEYFILE_MAX_SIZE, TRUE, error);
  if (bytes == NULL || !pr_keyfile_check (g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), error))
    return FALSE;
  return pr_output_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), FALSE,
                          error);
}

gboolean
pr_store_change_passphrase (PrStore     *store,
                            const char  *old_passphrase,
                            const char  *new_passphrase,
                            guint64      opslimit,
                            gsize        memlimit,
                            GError     **error)
{
  g_autofree char *path = key_path (store);
  g_autoptr(PrSecret) secret = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (store != NULL && old_passphrase != NULL && new_passphrase != NULL, FALSE);

  if ((secret = pr_store_read_secret_key (store, NULL, old_passphrase, error)) == NULL)
    return FALSE;
  bytes = pr_keyfile_write (secret, new_passphrase, strlen (new_passphrase), opslimit, memlimit,
                            error);
  if (bytes == NULL)
    return FALSE;
  /* Atomic: either the old file or the new one, never neither. */
  return pr_atomic_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

/* ---- keys ---- */

PrSecret *
pr_store_read_secret_key (PrStore     *store,
                          const char  *key_path,
                          const char  *passphrase,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PrSecret *secret = NULL;

  g_return_val_if_fail (store != NULL && passphrase != NULL, NULL);

  bytes = pr_atomic_read (key_path != NULL ? key_path : store->key_path, PR_KEYFILE_MAX_SIZE,
                          key_path == NULL, &local_error);
  if (bytes != NULL)
    secret = pr_keyfile_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              passphrase, strlen (passphrase),
                              pr_manifest_get_public_key (store->manifest), &local_error);
  if (secret == NULL)
    {
      gboolean wrong = g_error_matches (local_error, PR_BALLOT_ERROR,
                                        PR_BALLOT_ERROR_KEY_WRONG_PASSPHRASE);

      g_set_error_literal (error, PR_STORE_ERROR,
                           wrong ? PR_STORE_ERROR_PASSPHRASE : PR_STORE_ERROR_DAMAGED,
                           local_error->message);
    }
  return secret;
}

void
_pr_store_set_opener_keys (PrStore        *store,
                           PrBallotOpener *opener)
{
  for (guint i = 0; i < store->n_voters; i++)
    {
      Voter *voter = &store->voters[i];

      pr_ballot_opener_set_member_key (opener, i, voter->key);
      pr_ballot_opener_clear_revoked_keys (opener, i);
      for (guint k = 0; k < voter->revoked->len; k += PR_SIGN_PUBLIC_LEN)
        pr_ballot_opener_add_revoked_key (opener, i, voter->revoked->data + k);
    }
}

static PrBallotOpener *
unlock (PrStore     *store,
        const char  *passphrase,
        gboolean     accept_rollback,
        guint       *rolled_back,
        GError     **error)
{
  g_autoptr(PrSecret) secret = NULL;
  PrBallotOpener *opener;

  if ((secret = pr_store_read_secret_key (store, NULL, passphrase, error)) == NULL ||
      !_pr_store_authenticate (store, secret, accept_rollback, rolled_back, error))
    return NULL;
  opener = pr_ballot_opener_new (store->manifest, secret, error);
  if (opener != NULL)
    _pr_store_set_opener_keys (store, opener);
  return opener;
}

PrBallotOpener *
pr_store_unlock (PrStore     *store,
                 const char  *passphrase,
                 GError     **error)
{
  guint rolled_back;

  g_return_val_if_fail (store != NULL && passphrase != NULL, NULL);

  return unlock (store, passphrase, FALSE, &rolled_back, error);
}

PrBallotOpener *
pr_store_unlock_accepting_rollback (PrStore     *store,
                                    const char  *passphrase,
                                    guint       *rolled_back,
                                    GError     **error)
{
  guint lines;

  g_return_val_if_fail (store != NULL && passphrase != NULL, NULL);

  return unlock (store, passphrase, TRUE, rolled_back != NULL ? rolled_back : &lines, error);
}

gboolean
pr_store_restore_key (const char  *dir,
                      const char  *backup_path,
                      const char  *passphrase,
                      GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrSecret) secret = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (dir != NULL && backup_path != NULL && passphrase != NULL, FALSE);

  /* round.json alone says which key belongs to the round. */
  store = _pr_store_store_new (dir);
  if (!pr_atomic_check_no_link (store->key_path, error) || !_pr_store_load_round (store, error))
    return FALSE;
  /* Only a copy that opens and belongs to this round replaces anything. */
  if ((secret = pr_store_read_secret_key (store, backup_path, passphrase, error)) == NULL ||
      (bytes = pr_atomic_read (backup_path, PR_KEYFILE_MAX_SIZE, FALSE, error)) == NULL)
    return FALSE;
  return pr_atomic_write (store->key_path, g_bytes_get_data (bytes, NULL),
                          g_bytes_get_size (bytes), error);
}
