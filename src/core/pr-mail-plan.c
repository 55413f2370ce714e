/* pr-mail-plan.c — who gets which message, and which invitation file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-invitation.h"
#include "pr-json.h"
#include "pr-mail-compose.h"
#include "pr-mail-plan.h"

void
pr_mail_recipient_free (PrMailRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->email);
  g_free (recipient->invitation);
  g_free (recipient->file_name);
  g_free (recipient);
}

GBytes *
pr_mail_dup_member_keys (PrStore *store)
{
  guint n = pr_manifest_get_n_members (pr_store_get_manifest (store));
  GByteArray *keys = g_byte_array_sized_new (n * PR_SIGN_PUBLIC_LEN);

  for (guint i = 0; i < n; i++)
    g_byte_array_append (keys, pr_store_get_member_key (store, i), PR_SIGN_PUBLIC_LEN);
  return g_byte_array_free_to_bytes (keys);
}

/* The member whose current invitation the file at @path is, or -1. The
 * file is a secret: its bytes are wiped once read. */
static int
invitation_member (PrManifest *manifest,
                   GBytes     *keys,
                   const char *path)
{
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_INVITATION_MAX_SIZE, TRUE, NULL);
  g_autoptr(PrInvitation) invitation = NULL;
  const guint8 *key_data = g_bytes_get_data (keys, NULL);
  gsize size = 0;
  guint8 *data;
  guint index;

  if (bytes == NULL)
    return -1;
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  invitation = pr_invitation_parse (data, size, NULL);
  sodium_memzero (data, size);
  g_free (data);
  if (invitation == NULL ||
      memcmp (pr_manifest_get_hash (pr_invitation_get_manifest (invitation)),
              pr_manifest_get_hash (manifest), PR_HASH_LEN) != 0)
    return -1;
  index = pr_invitation_get_member_index (invitation);
  if (index >= pr_manifest_get_n_members (manifest) ||
      (gsize) (index + 1) * PR_SIGN_PUBLIC_LEN > g_bytes_get_size (keys) ||
      memcmp (pr_invitation_get_public_key (invitation), key_data + index * PR_SIGN_PUBLIC_LEN,
              PR_SIGN_PUBLIC_LEN) != 0)
    return -1;
  return (int) index;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
pr_mail_find_invitations (PrManifest  *manifest,
                          GBytes      *keys,
                          const char  *dir,
                          GError     **error)
{
  guint n = pr_manifest_get_n_members (manifest);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local_error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *found;
  const char *name;

  if (d == NULL)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("The invitations folder %s cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  found = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (found, (gint) n);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      int member = invitation_member (manifest, keys, path);

      if (member >= 0 && g_ptr_array_index (found, member) == NULL)
        g_ptr_array_index (found, member) = g_steal_pointer (&path);
    }
  return found;
}

static PrMailRecipient *
recipient_new (PrStore            *store,
               guint               index,
               PrJournalMailKind   kind,
               GPtrArray          *invitations)
{
  PrMailRecipient *recipient = g_new0 (PrMailRecipient, 1);
  const char *email = pr_store_get_email (store, index);

  recipient->member = index;
  recipient->email = email != NULL && email[0] != '\0' ? g_strdup (email) : NULL;
  if (invitations != NULL && g_ptr_array_index (invitations, index) != NULL)
    {
      const char *path = g_ptr_array_index (invitations, index);
      g_autofree char *base = g_path_get_basename (path);

      recipient->invitation = g_strdup (path);
      recipient->file_name = g_filename_display_name (base);
    }
  if (!pr_mail_address_is_usable (recipient->email))
    recipient->state = PR_MAIL_NO_ADDRESS;
  else if (kind == PR_JOURNAL_MAIL_REMINDER && pr_store_member_voted (store, index))
    recipient->state = PR_MAIL_VOTED;
  else if (kind == PR_JOURNAL_MAIL_INVITATION && recipient->invitation == NULL)
    recipient->state = PR_MAIL_NO_INVITATION;
  else
    recipient->state = PR_MAIL_READY;
  return recipient;
}

GPtrArray *
pr_mail_plan_from (PrStore           *store,
                   PrJournalMailKind  kind,
                   GPtrArray         *invitations,
                   GArray            *only)
{
  guint n;
  GPtrArray *plan;

  g_return_val_if_fail (store != NULL, NULL);

  n = pr_manifest_get_n_members (pr_store_get_manifest (store));
  g_return_val_if_fail (invitations == NULL || invitations->len == n, NULL);
  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_mail_recipient_free);
  for (guint i = 0; i < n; i++)
    {
      gboolean wanted = only == NULL;

      for (guint k = 0; only != NULL && k < only->len && !wanted; k++)
        wanted = g_array_index (only, guint, k) == i;
      if (wanted)
        g_ptr_array_add (plan, recipient_new (store, i, kind, invitations));
    }
  return plan;
}

GPtrArray *
pr_mail_plan (PrStore           *store,
              PrJournalMailKind  kind,
              const char        *invitations_dir,
              GArray            *only,
              GError           **error)
{
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(GBytes) keys = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (kind != PR_JOURNAL_MAIL_INVITATION || invitations_dir != NULL, NULL);

  if (kind == PR_JOURNAL_MAIL_INVITATION)
    {
      keys = pr_mail_dup_member_keys (store);
      invitations = pr_mail_find_invitations (pr_store_get_manifest (store), keys, invitations_dir,
                                              error);
      if (invitations == NULL)
        return NULL;
    }
  return pr_mail_plan_from (store, kind, invitations, only);
}
