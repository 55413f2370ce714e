/* pr-store.c — the organizer's round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round folder's life cycle: create and open, round.json, the one
 * writer. Its neighbours:
 *   pr-store-ledger.c   what the journal's lines mean (which ballot counts):
 *                       staging and flushing imports, decisions, closing
 *   pr-store-recover.c  recovery of unjournaled ballots, stored copies
 *   pr-store-invite.c   invitation files and re-issuing them
 *   pr-journal.c      the journal's line format, reading, repair, appending
 *   pr-store-check.c  every inconsistency between the journal and ballots/
 *   pr-store-key.c    unlocking; backup, new passphrase and restore of organizer.key
 *   pr-store-auth.c   the state's MACs, and this computer's anchor of the journal
 *                     (pr-round-anchor.c) that tells an older folder apart
 *   pr-output.c       where commands may write outside the store
 *   pr-import.c       the parallel import pipeline on top of the store
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-ballot-error.h"
#include "pr-format.h"
#include "pr-journal.h"
#include "pr-json.h"
#include "pr-keyfile.h"
#include "pr-store-private.h"

G_DEFINE_QUARK (pr-store-error-quark, pr_store_error)

static void
voter_clear (Voter *voter)
{
  g_clear_pointer (&voter->revoked, g_byte_array_unref);
  g_clear_pointer (&voter->email, g_free);
}

PrStore *
_pr_store_store_new (const char *dir)
{
  PrStore *store = g_new0 (PrStore, 1);

  store->dir = g_strdup (dir);
  store->round_path = g_build_filename (dir, PR_STORE_ROUND_FILE, NULL);
  store->key_path = g_build_filename (dir, PR_STORE_KEY_FILE, NULL);
  store->ballots_dir = g_build_filename (dir, PR_STORE_BALLOTS_DIR, NULL);
  store->journal_path = g_build_filename (dir, PR_STORE_JOURNAL_FILE, NULL);
  store->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  store->by_fingerprint = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->by_digest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->journal = pr_journal_new (store->journal_path);
  pr_journal_set_written_func (store->journal, _pr_store_journal_written, store);
  store->batch = pr_atomic_batch_new (store->ballots_dir);
  store->round_version = PR_ROUND_VERSION;
  return store;
}

/* Takes ownership of @manifest and sizes the per-member tables. */
void
_pr_store_store_set_manifest (PrStore    *store,
                    PrManifest *manifest)
{
  store->manifest = manifest;
  store->n_voters = pr_manifest_get_n_members (manifest);
  store->voters = g_new0 (Voter, store->n_voters);
  store->counted = g_new (int, store->n_voters);
  store->by_member = g_new (GArray *, store->n_voters);
  for (guint i = 0; i < store->n_voters; i++)
    {
      store->voters[i].revoked = g_byte_array_new ();
      store->counted[i] = -1;
      store->by_member[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
}

void
pr_store_free (PrStore *store)
{
  if (store == NULL)
    return;
  for (guint i = 0; i < store->n_voters; i++)
    {
      voter_clear (&store->voters[i]);
      g_array_unref (store->by_member[i]);
    }
  g_free (store->by_member);
  g_free (store->voters);
  g_free (store->counted);
  g_clear_pointer (&store->manifest, pr_manifest_unref);
  g_array_unref (store->entries);
  g_hash_table_unref (store->by_fingerprint);
  g_hash_table_unref (store->by_digest);
  pr_journal_free (store->journal);
  g_clear_pointer (&store->state_key, pr_secret_free);
  g_clear_pointer (&store->snapshot_key, pr_secret_free);
  pr_atomic_batch_free (store->batch);
  g_clear_error (&store->broken_error);
  g_free (store->mailed);
  g_free (store->dir);
  g_free (store->round_path);
  g_free (store->key_path);
  g_free (store->ballots_dir);
  g_free (store->journal_path);
  g_free (store);
}

const char *
pr_store_get_dir (PrStore *store)
{
  return store->dir;
}

PrManifest *
pr_store_get_manifest (PrStore *store)
{
  return store->manifest;
}

const char *
pr_store_get_email (PrStore *store,
                    guint    index)
{
  g_return_val_if_fail (index < store->n_voters, NULL);
  return store->voters[index].email;
}

guint
pr_store_get_epoch (PrStore *store,
                    guint    index)
{
  g_return_val_if_fail (index < store->n_voters, 0);
  return store->voters[index].revoked->len / PR_SIGN_PUBLIC_LEN;
}

const guint8 *
pr_store_get_member_key (PrStore *store,
                         guint    index)
{
  g_return_val_if_fail (index < store->n_voters, NULL);
  return store->voters[index].key;
}

char *
pr_store_get_key_path (PrStore *store)
{
  return g_strdup (store->key_path);
}

char *
pr_store_get_ballot_path (PrStore    *store,
                          const char *fingerprint_hex)
{
  g_autofree char *name = g_strconcat (fingerprint_hex, ".json", NULL);

  return g_build_filename (store->ballots_dir, name, NULL);
}
/* ---- round.json ---- */

void
_pr_store_write_voter (PrStore      *store,
                       PrJsonWriter *writer,
                       guint         index,
                       gboolean      with_mac)
{
  Voter *voter = &store->voters[index];

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_string (writer, "id", pr_manifest_get_member_id (store->manifest, index));
  pr_json_writer_member_base64 (writer, "key", voter->key, PR_SIGN_PUBLIC_LEN);
  pr_json_writer_key (writer, "revoked");
  pr_json_writer_begin_array (writer);
  for (guint k = 0; k < voter->revoked->len; k += PR_SIGN_PUBLIC_LEN)
    pr_json_writer_base64 (writer, voter->revoked->data + k, PR_SIGN_PUBLIC_LEN);
  pr_json_writer_end_array (writer);
  pr_json_writer_member_string (writer, "email", voter->email != NULL ? voter->email : "");
  if (with_mac)
    pr_json_writer_member_base64 (writer, "mac", voter->mac, PR_STATE_MAC_LEN);
  pr_json_writer_end_object (writer);
}

void
_pr_store_write_voters (PrStore      *store,
                        PrJsonWriter *writer,
                        gboolean      with_macs)
{
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < store->n_voters; i++)
    _pr_store_write_voter (store, writer, i, with_macs);
  pr_json_writer_end_array (writer);
}

static GBytes *
round_to_bytes (PrStore *store)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_ROUND, store->round_version);
  pr_json_writer_key (writer, "round");
  pr_manifest_write (store->manifest, writer);
  pr_json_writer_key (writer, "voters");
  _pr_store_write_voters (store, writer, store->round_version >= 2);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
}

static void
remember_round (PrStore      *store,
                const guint8 *data,
                gsize         len)
{
  pr_crypto_hash (data, len, store->round_digest);
  store->round_known = TRUE;
}

gboolean
_pr_store_write_round (PrStore  *store,
             GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (store->state_key != NULL, FALSE);

  /* Written only with the key: always the version with MACs. */
  store->round_version = PR_ROUND_VERSION;
  for (guint i = 0; i < store->n_voters; i++)
    _pr_store_seal_voter (store, i);
  bytes = round_to_bytes (store);
  data = g_bytes_get_data (bytes, &len);
  if (!pr_atomic_write (store->round_path, data, len, error))
    return FALSE;
  remember_round (store, data, len);
  return TRUE;
}

/* Whether round.json is still what this store loaded or last wrote: a
 * re-issue in another process rewrites it without touching the journal. */
gboolean
_pr_store_round_unchanged (PrStore *store)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 digest[PR_HASH_LEN];

  if (!store->round_known)
    return TRUE;  /* being created */
  bytes = pr_atomic_read (store->round_path, PR_ROUND_MAX_SIZE, TRUE, NULL);
  if (bytes == NULL)
    return FALSE;
  pr_crypto_hash (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), digest);
  return memcmp (digest, store->round_digest, PR_HASH_LEN) == 0;
}

static gboolean
parse_revoked (JsonArray  *array,
               Voter      *voter,
               GError    **error)
{
  guint n = json_array_get_length (array);

  if (n > MAX_REVOKED)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "revoked");
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      guint8 key[PR_SIGN_PUBLIC_LEN];
      gsize key_len = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "revoked");
          return FALSE;
        }
      if (!pr_base64_decode (json_node_get_string (node), key, sizeof key, &key_len,
                             "revoked", error))
        return FALSE;
      if (key_len != sizeof key)
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "revoked");
          return FALSE;
        }
      g_byte_array_append (voter->revoked, key, sizeof key);
    }
  return TRUE;
}

static gboolean
parse_voter (PrStore    *store,
             guint       index,
             JsonNode   *node,
             GError    **error)
{
  static const PrJsonMember members[] = {
    { "id", PR_JSON_TYPE_STRING },
    { "key", PR_JSON_TYPE_STRING },
    { "revoked", PR_JSON_TYPE_ARRAY },
    { "email", PR_JSON_TYPE_STRING },
    { "mac", PR_JSON_TYPE_STRING },
  };
  /* Version 1 had no MACs. */
  gsize n_members = store->round_version >= 2 ? 5 : 4;
  Voter *voter = &store->voters[index];
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "voters");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!pr_json_check_members (object, members, n_members, error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (object, "id"),
                 pr_manifest_get_member_id (store->manifest, index)) != 0)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "id");
      return FALSE;
    }
  if (!pr_json_get_base64 (object, "key", voter->key, PR_SIGN_PUBLIC_LEN, error) ||
      (n_members == 5 && !pr_json_get_base64 (object, "mac", voter->mac, PR_STATE_MAC_LEN, error)))
    return FALSE;
  voter->email = g_strdup (json_object_get_string_member (object, "email"));
  return parse_revoked (json_object_get_array_member (object, "revoked"), voter, error);
}

static gboolean
parse_round_object (PrStore     *store,
                    JsonObject  *object,
                    GError     **error)
{
  static const PrJsonMember members[] = {
    { "format", PR_JSON_TYPE_STRING },
    { "version", PR_JSON_TYPE_INT },
    { "round", PR_JSON_TYPE_OBJECT },
    { "voters", PR_JSON_TYPE_ARRAY },
  };
  PrManifest *manifest;
  JsonArray *voters;

  if (!pr_json_check_header (object, PR_FORMAT_ROUND, PR_ROUND_VERSION, error) ||
      !pr_json_check_members (object, members, G_N_ELEMENTS (members), error))
    return FALSE;
  store->round_version = json_object_get_int_member (object, "version");
  manifest = pr_manifest_from_json (json_object_get_member (object, "round"), error);
  if (manifest == NULL)
    return FALSE;
  _pr_store_store_set_manifest (store, manifest);
  voters = json_object_get_array_member (object, "voters");
  if (json_array_get_length (voters) != store->n_voters)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, "voters");
      return FALSE;
    }
  for (guint i = 0; i < store->n_voters; i++)
    {
      if (!parse_voter (store, i, json_array_get_element (voters, i), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_pr_store_load_round (PrStore  *store,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) canonical = NULL;
  const guint8 *data = NULL;
  gsize len = 0;

  bytes = pr_atomic_read (store->round_path, PR_ROUND_MAX_SIZE, TRUE, &local_error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &len);
      root = pr_json_parse (data, len, PR_ROUND_MAX_SIZE, &local_error);
    }
  if (root != NULL && parse_round_object (store, json_node_get_object (root), &local_error))
    {
      canonical = round_to_bytes (store);
      if (pr_json_check_canonical (data, len, canonical, &local_error))
        {
          remember_round (store, data, len);
          return TRUE;
        }
    }
  if (g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
    {
      g_autofree char *display = g_filename_display_name (store->dir);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_A_ROUND,
                   _("%s is not a Peer Rank round folder (it has no round.json)."), display);
      return FALSE;
    }
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
               _("The round file round.json cannot be used: %s"), local_error->message);
  return FALSE;
}
/* ---- open and create ---- */

static gboolean
check_state_files (PrStore  *store,
                   GError  **error)
{
  const char *paths[] = { store->round_path, store->key_path, store->ballots_dir,
                          store->journal_path };
  g_autoptr(GError) local_error = NULL;
  struct stat st;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      if (!pr_atomic_check_no_link (paths[i], &local_error))
        {
          g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_SYMLINK, local_error->message);
          return FALSE;
        }
    }
  if (stat (store->ballots_dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_DAMAGED,
                   _("The round folder has no ballots folder; it is incomplete or damaged."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_key_file (PrStore  *store,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (store->key_path, PR_KEYFILE_MAX_SIZE, TRUE,
                                            &local_error);

  if (bytes != NULL &&
      pr_keyfile_check (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error))
    return TRUE;
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_KEY_FILE,
               _("The key file organizer.key cannot be used: %s"), local_error->message);
  return FALSE;
}

gboolean
_pr_store_load (PrStore  *store,
                GError  **error)
{
  return _pr_store_load_round (store, error) &&
         check_state_files (store, error) &&
         check_key_file (store, error) &&
         _pr_store_load_journal (store, error);
}

PrStore *
pr_store_open (const char  *dir,
               GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  struct stat st;

  g_return_val_if_fail (dir != NULL, NULL);

  if (stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_A_ROUND,
                   _("%s is not a folder."), display);
      return NULL;
    }
  store = _pr_store_store_new (dir);
  if (!pr_atomic_check_no_link (store->round_path, NULL))
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_SYMLINK,
                           _("round.json is a symbolic link; Peer Rank does not follow links "
                             "in a round folder."));
      return NULL;
    }
  if (!_pr_store_load (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
prepare_empty_dir (const char  *dir,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (dir);
  g_autoptr(GDir) d = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL || g_dir_read_name (d) != NULL)
    {
      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_NOT_EMPTY,
                   _("%s is not empty; choose a new or empty folder."), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_key_file (PrStore             *store,
                const PrSecret      *secret,
                const PrStoreParams *params,
                GError             **error)
{
  g_autoptr(GBytes) bytes = pr_keyfile_write (secret, params->passphrase,
                                              strlen (params->passphrase),
                                              params->opslimit, params->memlimit, error);
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return pr_atomic_create_once (store->key_path, data, len, error);
}

static GPtrArray *
make_invitations (PrStore             *store,
                  const PrStoreParams *params)
{
  GPtrArray *invitations = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_invitation_free);

  for (guint i = 0; i < store->n_voters; i++)
    {
      PrInvitation *invitation = pr_invitation_new (store->manifest, i);

      memcpy (store->voters[i].key, pr_invitation_get_public_key (invitation),
              PR_SIGN_PUBLIC_LEN);
      if (params->emails != NULL && params->emails[i] != NULL)
        store->voters[i].email = g_strdup (params->emails[i]);
      g_ptr_array_add (invitations, invitation);
    }
  return invitations;
}

static gboolean
write_new_folder (PrStore  *store,
                  GError  **error)
{
  if (g_mkdir (store->ballots_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_IO,
                   _("Could not create the ballots folder: %s"), g_strerror (saved));
      return FALSE;
    }
  /* The journal is made with its round line. */
  if (!_pr_store_become_writer (store, error))
    return FALSE;
  /* round.json last: its presence marks a complete round folder. */
  return _pr_store_write_round (store, error) && pr_atomic_fsync_dir (store->dir, error);
}

/* The absolute form of @path with symbolic links resolved as far as it
 * exists (the rest may not exist yet). */
static char *
resolve_path (const char *path)
{
  g_autofree char *head = g_canonicalize_filename (path, NULL);
  g_autofree char *tail = g_strdup ("");

  for (;;)
    {
      char *real = realpath (head, NULL);
      g_autofree char *base = NULL;
      char *parent;

      if (real != NULL)
        {
          char *resolved = g_build_filename (real, tail, NULL);

          free (real);
          return resolved;
        }
      if (strcmp (head, "/") == 0)
        return g_build_filename (head, tail, NULL);
      base = g_path_get_basename (head);
      parent = g_path_get_dirname (head);
      g_free (g_steal_pointer (&head));
      head = parent;
      g_free (g_steal_pointer (&tail));
      tail = g_build_filename (base, tail, NULL);
    }
}

static gboolean
is_within (const char *path,
           const char *dir)
{
  gsize len = strlen (dir);

  if (strncmp (path, dir, len) != 0)
    return FALSE;
  return path[len] == '\0' || path[len] == '/' || (len > 0 && dir[len - 1] == '/');
}

gboolean
pr_store_check_separate_dirs (const char  *dir,
                              const char  *outdir,
                              GError     **error)
{
  g_autofree char *a = resolve_path (dir);
  g_autofree char *b = resolve_path (outdir);

  if (!is_within (a, b) && !is_within (b, a))
    return TRUE;
  g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_INVALID,
                       _("The round folder and the invitations folder must be two separate "
                         "folders, neither inside the other: the invitations are secrets for "
                         "the members, the round folder is yours."));
  return FALSE;
}

/* Undoes a round folder that could not be completed: everything in it
 * is ours, since it was empty. */
static void
remove_new_folder (PrStore *store)
{
  g_unlink (store->round_path);
  g_unlink (store->key_path);
  g_unlink (store->journal_path);
  pr_atomic_clean_dir (store->dir);
  g_rmdir (store->ballots_dir);
}

void
_pr_store_remove_files (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
}

/* Invitations (when @outdir is given) first, then the key file, then the
 * folder with round.json last: a round never exists without its
 * invitations, and a failure leaves neither. */
static PrStore *
create (const char           *dir,
        const PrStoreParams  *params,
        const char           *outdir,
        GPtrArray           **invitations_out,
        GError              **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrSecret) secret = NULL;
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  guint8 public_key[PR_KX_PUBLIC_LEN];
  PrManifest *manifest;

  secret = pr_crypto_kx_keypair (public_key);
  manifest = pr_manifest_new (NULL, params->title, params->description, params->deadline,
                              params->organizer, params->min_ranked, params->min_raters,
                              params->names, public_key, error);
  if (manifest == NULL || !prepare_empty_dir (dir, error))
    {
      g_clear_pointer (&manifest, pr_manifest_unref);
      return NULL;
    }
  store = _pr_store_store_new (dir);
  _pr_store_store_set_manifest (store, manifest);
  _pr_store_set_state_key (store, secret);
  invitations = make_invitations (store, params);
  for (guint i = 0; i < store->n_voters; i++)
    _pr_store_seal_voter (store, i);
  if (outdir != NULL && !_pr_store_write_invitations (outdir, invitations, written, error))
    {
      _pr_store_remove_files (written);
      return NULL;
    }
  if (!write_key_file (store, secret, params, error) || !write_new_folder (store, error))
    {
      _pr_store_remove_files (written);
      remove_new_folder (store);
      return NULL;
    }
  if (invitations_out != NULL)
    *invitations_out = g_steal_pointer (&invitations);
  return g_steal_pointer (&store);
}

PrStore *
pr_store_create (const char           *dir,
                 const PrStoreParams  *params,
                 GPtrArray           **invitations_out,
                 GError              **error)
{
  g_return_val_if_fail (dir != NULL && params != NULL && params->passphrase != NULL, NULL);

  return create (dir, params, NULL, invitations_out, error);
}

PrStore *
pr_store_create_with_invitations (const char           *dir,
                                  const PrStoreParams  *params,
                                  const char           *outdir,
                                  GPtrArray           **invitations_out,
                                  GError              **error)
{
  g_return_val_if_fail (dir != NULL && params != NULL && params->passphrase != NULL, NULL);
  g_return_val_if_fail (outdir != NULL, NULL);

  if (!pr_store_check_separate_dirs (dir, outdir, error))
    return NULL;
  return create (dir, params, outdir, invitations_out, error);
}

/* One writer per round folder at a time: the journal is flock'ed from
 * the first write on (until pr_store_yield()), and a journal that grew or
 * a round.json that changed since the folder was read means another
 * process wrote: the state in memory is stale (pr_store_catch_up()). */
gboolean
_pr_store_become_writer (PrStore  *store,
               GError  **error)
{
  guint8 voters[PR_HASH_LEN];

  /* Every line and round.json are sealed with the state key, which only
   * the passphrase gives (DESIGN §4). */
  if (store->state_key == NULL)
    {
      g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_LOCKED,
                           _("This change to the round needs its passphrase."));
      return FALSE;
    }
  _pr_store_voters_digest (store, voters);
  if (!pr_journal_lock (store->journal, voters, error))
    return FALSE;
  if (!_pr_store_round_unchanged (store))
    {
      pr_journal_release (store->journal);
      return pr_journal_set_stale_error (error);
    }
  return TRUE;
}
