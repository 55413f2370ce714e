/* pr-store-invite.c — invitation files and re-issuing them
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "pr-atomic.h"
#include "pr-ballot-error.h"
#include "pr-journal.h"
#include "pr-store-private.h"

static int
lookup_member (PrStore     *store,
               const char  *member,
               GError     **error)
{
  int index = pr_manifest_lookup_member (store->manifest, member);

  if (index < 0)
    g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
                 _("No member of this round has the id or name “%s”."), member);
  return index;
}

static gboolean
write_invitation_file (PrInvitation  *invitation,
                       const char    *path,
                       GError       **error)
{
  g_autoptr(GBytes) bytes = pr_invitation_to_bytes (invitation);

  return pr_atomic_create_once (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                error);
}

static gboolean
check_open (PrStore  *store,
            GError  **error)
{
  if (!store->closed)
    return TRUE;
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_CLOSED,
                       _("The round is closed, so no invitation can be re-issued: a re-issue "
                         "would stop the member’s counted ballot from counting and change the "
                         "receipts. Reopen the round first if you must."));
  return FALSE;
}

/* Revokes member @index's key for @invitation's and seals the entry. */
static void
swap_key (PrStore      *store,
          guint         index,
          const guint8  new_key[PR_SIGN_PUBLIC_LEN],
          guint8        old_key[PR_SIGN_PUBLIC_LEN])
{
  Voter *voter = &store->voters[index];

  memcpy (old_key, voter->key, PR_SIGN_PUBLIC_LEN);
  g_byte_array_append (voter->revoked, old_key, PR_SIGN_PUBLIC_LEN);
  memcpy (voter->key, new_key, PR_SIGN_PUBLIC_LEN);
  _pr_store_seal_voter (store, index);
}

static void
unswap_key (PrStore      *store,
            guint         index,
            const guint8  old_key[PR_SIGN_PUBLIC_LEN])
{
  Voter *voter = &store->voters[index];

  g_byte_array_set_size (voter->revoked, voter->revoked->len - PR_SIGN_PUBLIC_LEN);
  memcpy (voter->key, old_key, PR_SIGN_PUBLIC_LEN);
  _pr_store_seal_voter (store, index);
}

/* The new invitation is written (when @path is given) first, then the
 * journal records the new key and round.json follows: a member is never
 * left with no valid invitation, and a crash before round.json is
 * written is finished by the next unlock (pr-store-auth.c). */
static PrInvitation *
reissue (PrStore     *store,
         const char  *member,
         const char  *path,
         guint       *index_out,
         GError     **error)
{
  g_autoptr(PrInvitation) invitation = NULL;
  guint8 old_key[PR_SIGN_PUBLIC_LEN];
  guint8 voters[PR_HASH_LEN];
  int index;

  if ((index = lookup_member (store, member, error)) < 0 || !check_open (store, error) ||
      !pr_store_flush (store, error) || !_pr_store_become_writer (store, error))
    return NULL;
  invitation = pr_invitation_new (store->manifest, (guint) index);
  if (path != NULL && !write_invitation_file (invitation, path, error))
    return NULL;
  swap_key (store, (guint) index, pr_invitation_get_public_key (invitation), old_key);
  _pr_store_voters_digest (store, voters);
  if (!pr_journal_append_reissue (store->journal, store->manifest, (guint) index,
                                  pr_invitation_get_public_key (invitation), voters,
                                  g_get_real_time () / G_USEC_PER_SEC, error))
    {
      /* Keep memory as the disk says. */
      unswap_key (store, (guint) index, old_key);
      if (path != NULL)
        g_unlink (path);
      return NULL;
    }
  _pr_store_recompute_counted (store, (guint) index);
  if (!_pr_store_write_round (store, error))
    {
      g_prefix_error (error, _("The re-issue is journaled and the new invitation is valid, but "
                               "round.json was not updated; opening the round with its "
                               "passphrase finishes it. "));
      return NULL;
    }
  if (index_out != NULL)
    *index_out = (guint) index;
  return g_steal_pointer (&invitation);
}

PrInvitation *
pr_store_reissue (PrStore     *store,
                  const char  *member,
                  guint       *index_out,
                  GError     **error)
{
  g_return_val_if_fail (store != NULL && member != NULL, NULL);

  return reissue (store, member, NULL, index_out, error);
}

gboolean
pr_store_reissue_to_file (PrStore     *store,
                          const char  *member,
                          const char  *path,
                          guint       *index_out,
                          GError     **error)
{
  g_autoptr(PrInvitation) invitation = NULL;

  g_return_val_if_fail (store != NULL && member != NULL && path != NULL, FALSE);

  invitation = reissue (store, member, path, index_out, error);
  return invitation != NULL;
}
#define MAX_SLUG 48

/* ---- invitation files ---- */

char *
pr_store_invitation_slug (const char *name,
                   const char *member_id)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0' && slug->len < MAX_SLUG; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (*p != '\'')
        dash = TRUE;
    }
  if (slug->len == 0)
    g_string_append (slug, member_id);
  return g_string_free (slug, FALSE);
}

gboolean
pr_store_ensure_empty_dir (const char  *dir,
                  GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autofree char *display = g_filename_display_name (dir);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  if (g_dir_read_name (d) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is not empty; choose a new or empty folder."), display);
      return FALSE;
    }
  return TRUE;
}

/* Adds the path of each file written to @written. */
gboolean
_pr_store_write_invitations (const char  *outdir,
                   GPtrArray   *invitations,
                   GPtrArray   *written,
                   GError     **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!pr_store_ensure_empty_dir (outdir, error))
    return FALSE;
  for (guint i = 0; i < invitations->len; i++)
    {
      PrInvitation *invitation = g_ptr_array_index (invitations, i);
      PrManifest *manifest = pr_invitation_get_manifest (invitation);
      guint index = pr_invitation_get_member_index (invitation);
      g_autofree char *slug = pr_store_invitation_slug (pr_manifest_get_member_name (manifest, index),
                                                 pr_manifest_get_member_id (manifest, index));
      g_autofree char *name = g_strdup (slug);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = pr_invitation_to_bytes (invitation);

      for (guint n = 2; g_hash_table_contains (used, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u", slug, n);
        }
      g_hash_table_add (used, g_strdup (name));
      file = g_strconcat (name, ".json", NULL);
      path = g_build_filename (outdir, file, NULL);
      if (!pr_atomic_create_once (path, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), error))
        return FALSE;
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return TRUE;
}

gboolean
pr_store_write_invitations (const char  *outdir,
                            GPtrArray   *invitations,
                            GError     **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);

  if (_pr_store_write_invitations (outdir, invitations, written, error))
    return TRUE;
  /* All or none. */
  _pr_store_remove_files (written);
  return FALSE;
}
