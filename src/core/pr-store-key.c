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
#include "pr-store.h"

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
