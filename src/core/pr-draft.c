/* pr-draft.c — the associate's unsent order, kept on disk as they go
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pr-atomic.h"
#include "pr-draft.h"

#define GROUP         "Draft"
#define DRAFT_VERSION 1
#define SUFFIX        ".draft"

struct _PrDraft
{
  char       *dir;
  char       *path;
  PrManifest *manifest;
  guint       member_index;
  char       *invitation_path;
  GStrv       ranked;     /* member ids, best first; NULL: no order */
  GStrv       unranked;
  gint64      sent_time;
  char       *sent_fingerprint;
  /* What the last sealed ballot was: how it left (a file or the
   * clipboard), the order it sealed and the key of the invitation that
   * signed it. NULL when not known (a draft from before they were kept). */
  char       *sent_how;
  GStrv       sent_ranked;
  char       *sent_key;
};

G_DEFINE_QUARK (pr-draft-error-quark, pr_draft_error)

char *
pr_draft_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "peer-rank", "drafts", NULL);
}

/* The name hides nothing secret but does not show the round or member
 * either: a hash of both. */
static char *
draft_path (const char       *dir,
            const PrManifest *manifest,
            guint             member_index)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *member_id = pr_manifest_get_member_id (manifest, member_index);
  g_autofree char *name = NULL;

  g_checksum_update (checksum, pr_manifest_get_id (manifest), PR_ROUND_ID_LEN);
  g_checksum_update (checksum, (const guchar *) member_id, (gssize) strlen (member_id));
  name = g_strdup_printf ("%.32s" SUFFIX, g_checksum_get_string (checksum));
  return g_build_filename (dir, name, NULL);
}

PrDraft *
pr_draft_new (const char *dir,
              PrManifest *manifest,
              guint       member_index)
{
  PrDraft *self;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (member_index < pr_manifest_get_n_members (manifest), NULL);

  self = g_new0 (PrDraft, 1);
  self->dir = dir != NULL ? g_strdup (dir) : pr_draft_default_dir ();
  self->manifest = pr_manifest_ref (manifest);
  self->member_index = member_index;
  self->path = draft_path (self->dir, manifest, member_index);
  return self;
}

void
pr_draft_free (PrDraft *self)
{
  if (self == NULL)
    return;

  g_free (self->dir);
  g_free (self->path);
  pr_manifest_unref (self->manifest);
  g_free (self->invitation_path);
  g_strfreev (self->ranked);
  g_strfreev (self->unranked);
  g_free (self->sent_fingerprint);
  g_free (self->sent_how);
  g_strfreev (self->sent_ranked);
  g_free (self->sent_key);
  g_free (self);
}

const char *
pr_draft_get_path (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

static gboolean
damaged (GError     **error,
         const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, PR_DRAFT_ERROR, PR_DRAFT_ERROR_DAMAGED,
               _("The saved draft %s cannot be read; your ranking starts afresh."), display);
  return FALSE;
}

static GKeyFile *
read_key_file (const char  *path,
               GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_DRAFT_MAX_SIZE, TRUE, error);

  if (bytes == NULL)
    return NULL;
  if (!g_key_file_load_from_data (keys, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  G_KEY_FILE_NONE, NULL) ||
      g_key_file_get_integer (keys, GROUP, "version", NULL) != DRAFT_VERSION)
    {
      damaged (error, path);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

gboolean
pr_draft_load (PrDraft  *self,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *round = NULL;
  g_autofree char *member = NULL;
  g_autofree char *expected_round = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  keys = read_key_file (self->path, &local_error);
  if (keys == NULL)
    {
      if (g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  expected_round = g_base64_encode (pr_manifest_get_id (self->manifest), PR_ROUND_ID_LEN);
  round = g_key_file_get_string (keys, GROUP, "round", NULL);
  member = g_key_file_get_string (keys, GROUP, "member", NULL);
  if (g_strcmp0 (round, expected_round) != 0 ||
      g_strcmp0 (member, pr_manifest_get_member_id (self->manifest, self->member_index)) != 0)
    return damaged (error, self->path);

  g_clear_pointer (&self->ranked, g_strfreev);
  g_clear_pointer (&self->unranked, g_strfreev);
  self->ranked = g_key_file_get_string_list (keys, GROUP, "ranked", NULL, NULL);
  self->unranked = g_key_file_get_string_list (keys, GROUP, "unranked", NULL, NULL);
  if (self->ranked == NULL)
    self->ranked = g_new0 (char *, 1);
  if (self->unranked == NULL)
    self->unranked = g_new0 (char *, 1);
  g_free (self->invitation_path);
  self->invitation_path = g_key_file_get_string (keys, GROUP, "invitation", NULL);
  self->sent_time = g_key_file_get_int64 (keys, GROUP, "sent", NULL);
  g_free (self->sent_fingerprint);
  self->sent_fingerprint = g_key_file_get_string (keys, GROUP, "sent-fingerprint", NULL);
  g_free (self->sent_how);
  self->sent_how = g_key_file_get_string (keys, GROUP, "sent-how", NULL);
  g_strfreev (self->sent_ranked);
  self->sent_ranked = g_key_file_get_string_list (keys, GROUP, "sent-ranked", NULL, NULL);
  g_free (self->sent_key);
  self->sent_key = g_key_file_get_string (keys, GROUP, "sent-key", NULL);
  return TRUE;
}

static void
set_list (GKeyFile   *keys,
          const char *key,
          GStrv       list)
{
  g_key_file_set_string_list (keys, GROUP, key, (const char * const *) list,
                              list != NULL ? g_strv_length (list) : 0);
}

GBytes *
pr_draft_to_bytes (PrDraft *self)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *round = NULL;
  char *data;
  gsize len = 0;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (self != NULL, NULL);

  round = g_base64_encode (pr_manifest_get_id (self->manifest), PR_ROUND_ID_LEN);
  g_key_file_set_integer (keys, GROUP, "version", DRAFT_VERSION);
  g_key_file_set_string (keys, GROUP, "round", round);
  g_key_file_set_string (keys, GROUP, "member",
                         pr_manifest_get_member_id (self->manifest, self->member_index));
  g_key_file_set_string (keys, GROUP, "title", pr_manifest_get_title (self->manifest));
  if (self->invitation_path != NULL)
    g_key_file_set_string (keys, GROUP, "invitation", self->invitation_path);
  set_list (keys, "ranked", self->ranked);
  set_list (keys, "unranked", self->unranked);
  /* Seconds for people reading the file; microseconds to order drafts
   * saved within one second (two invitations ranked one after the other). */
  g_key_file_set_int64 (keys, GROUP, "updated", now / G_USEC_PER_SEC);
  g_key_file_set_int64 (keys, GROUP, "updated-usec", now);
  g_key_file_set_int64 (keys, GROUP, "sent", self->sent_time);
  if (self->sent_fingerprint != NULL)
    g_key_file_set_string (keys, GROUP, "sent-fingerprint", self->sent_fingerprint);
  if (self->sent_how != NULL)
    g_key_file_set_string (keys, GROUP, "sent-how", self->sent_how);
  if (self->sent_ranked != NULL)
    set_list (keys, "sent-ranked", self->sent_ranked);
  if (self->sent_key != NULL)
    g_key_file_set_string (keys, GROUP, "sent-key", self->sent_key);
  data = g_key_file_to_data (keys, &len, NULL);
  return g_bytes_new_take (data, len);
}

gboolean
pr_draft_write (const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* pr_atomic_write() writes a 0600 temporary file and renames it. */
  return pr_atomic_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

gboolean
pr_draft_save (PrDraft  *self,
               GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  bytes = pr_draft_to_bytes (self);
  return pr_draft_write (self->path, bytes, error);
}

gboolean
pr_draft_set_aside (PrDraft  *self,
                    char    **aside_path,
                    GError  **error)
{
  g_autofree char *aside = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  aside = g_strdup_printf ("%s.damaged-%" G_GINT64_FORMAT, self->path, g_get_real_time () / G_USEC_PER_SEC);
  if (g_rename (self->path, aside) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not keep the damaged draft %s aside: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (aside_path != NULL)
    *aside_path = g_steal_pointer (&aside);
  return TRUE;
}

gboolean
pr_draft_has_order (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->ranked != NULL;
}

void
pr_draft_set_invitation_path (PrDraft    *self,
                              const char *path)
{
  g_return_if_fail (self != NULL);
  g_free (self->invitation_path);
  self->invitation_path = g_strdup (path);
}

const char *
pr_draft_get_invitation_path (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->invitation_path;
}

static GStrv
ids_of (const PrManifest *manifest,
        const guint16    *members,
        guint             n)
{
  GStrv ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (pr_manifest_get_member_id (manifest, members[i]));
  return ids;
}

void
pr_draft_set_ranking (PrDraft         *self,
                      const PrRanking *ranking)
{
  const guint16 *order;
  guint n_ranked, n_slots;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ranking != NULL);

  order = pr_ranking_get_order (ranking);
  n_ranked = pr_ranking_get_n_ranked (ranking);
  n_slots = pr_ranking_get_n_slots (ranking);
  g_strfreev (self->ranked);
  g_strfreev (self->unranked);
  self->ranked = ids_of (self->manifest, order, n_ranked);
  self->unranked = ids_of (self->manifest, order + n_ranked, n_slots - n_ranked);
}

/* Appends the indices of @ids to @order; FALSE for an unknown id. */
static gboolean
append_indices (const PrManifest *manifest,
                GStrv             ids,
                GArray           *order)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      int index = pr_manifest_find_member (manifest, ids[i]);
      guint16 value = (guint16) index;

      if (index < 0)
        return FALSE;
      g_array_append_val (order, value);
    }
  return TRUE;
}

gboolean
pr_draft_apply (PrDraft   *self,
                PrRanking *ranking)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint16));
  guint n_ranked;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ranking != NULL, FALSE);

  if (self->ranked == NULL || !append_indices (self->manifest, self->ranked, order))
    return FALSE;
  n_ranked = order->len;
  if (!append_indices (self->manifest, self->unranked, order))
    return FALSE;
  return pr_ranking_set_order (ranking, (const guint16 *) (gpointer) order->data, order->len,
                               n_ranked);
}

guint
pr_draft_get_n_ranked (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ranked != NULL ? g_strv_length (self->ranked) : 0;
}

void
pr_draft_set_sent (PrDraft    *self,
                   gint64      time,
                   const char *fingerprint)
{
  g_return_if_fail (self != NULL);
  self->sent_time = time;
  g_free (self->sent_fingerprint);
  self->sent_fingerprint = g_strdup (fingerprint);
}

void
pr_draft_set_sealed (PrDraft       *self,
                     gint64         time,
                     const char    *fingerprint,
                     const char    *how,
                     const guint16 *ranked,
                     guint          n_ranked,
                     const char    *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ranked != NULL || n_ranked == 0);

  pr_draft_set_sent (self, time, fingerprint);
  g_free (self->sent_how);
  self->sent_how = g_strdup (how);
  g_strfreev (self->sent_ranked);
  self->sent_ranked = ids_of (self->manifest, ranked, n_ranked);
  g_free (self->sent_key);
  self->sent_key = g_strdup (key);
}

const char *
pr_draft_get_sent_how (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sent_how;
}

const char *
pr_draft_get_sent_key (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sent_key;
}

gboolean
pr_draft_sent_matches (PrDraft         *self,
                       const PrRanking *ranking)
{
  const guint16 *order;
  guint n_ranked;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ranking != NULL, FALSE);

  if (self->sent_ranked == NULL)
    return FALSE;
  order = pr_ranking_get_order (ranking);
  n_ranked = pr_ranking_get_n_ranked (ranking);
  if (g_strv_length (self->sent_ranked) != n_ranked)
    return FALSE;
  for (guint i = 0; i < n_ranked; i++)
    if (g_strcmp0 (self->sent_ranked[i], pr_manifest_get_member_id (self->manifest, order[i])) != 0)
      return FALSE;
  return TRUE;
}

gint64
pr_draft_get_sent_time (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sent_time;
}

const char *
pr_draft_get_sent_fingerprint (PrDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sent_fingerprint;
}

void
pr_draft_summary_free (PrDraftSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->title);
  g_free (summary->invitation_path);
  g_free (summary->draft_path);
  g_free (summary);
}

static PrDraftSummary *
read_summary (const char *path)
{
  g_autoptr(GKeyFile) keys = read_key_file (path, NULL);
  g_auto(GStrv) ranked = NULL;
  PrDraftSummary *summary;

  if (keys == NULL || g_key_file_get_boolean (keys, GROUP, "hidden", NULL))
    return NULL;
  summary = g_new0 (PrDraftSummary, 1);
  summary->draft_path = g_strdup (path);
  summary->title = g_key_file_get_string (keys, GROUP, "title", NULL);
  summary->invitation_path = g_key_file_get_string (keys, GROUP, "invitation", NULL);
  ranked = g_key_file_get_string_list (keys, GROUP, "ranked", NULL, NULL);
  summary->n_ranked = ranked != NULL ? g_strv_length (ranked) : 0;
  summary->sent_time = g_key_file_get_int64 (keys, GROUP, "sent", NULL);
  if (g_key_file_has_key (keys, GROUP, "updated-usec", NULL))
    summary->updated = g_key_file_get_int64 (keys, GROUP, "updated-usec", NULL);
  else
    summary->updated = g_key_file_get_int64 (keys, GROUP, "updated", NULL) * G_USEC_PER_SEC;
  if (summary->title == NULL || !g_utf8_validate (summary->title, -1, NULL))
    g_clear_pointer (&summary, pr_draft_summary_free);
  return summary;
}

gboolean
pr_draft_hide (const char  *draft_path,
               GError     **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (draft_path != NULL, FALSE);

  if ((keys = read_key_file (draft_path, error)) == NULL)
    return FALSE;
  g_key_file_set_boolean (keys, GROUP, "hidden", TRUE);
  data = g_key_file_to_data (keys, &len, NULL);
  return pr_atomic_write (draft_path, data, len, error);
}

static int
compare_updated (gconstpointer a,
                 gconstpointer b)
{
  const PrDraftSummary *x = *(PrDraftSummary * const *) a;
  const PrDraftSummary *y = *(PrDraftSummary * const *) b;

  return (x->updated < y->updated) - (x->updated > y->updated);
}

GPtrArray *
pr_draft_list (const char *dir)
{
  g_autofree char *default_dir = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_draft_summary_free);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  if (dir == NULL)
    dir = default_dir = pr_draft_default_dir ();
  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      PrDraftSummary *summary;

      if (!g_str_has_suffix (name, SUFFIX) || name[0] == '.')
        continue;
      path = g_build_filename (dir, name, NULL);
      if ((summary = read_summary (path)) != NULL)
        g_ptr_array_add (list, summary);
    }
  g_ptr_array_sort (list, compare_updated);
  return g_steal_pointer (&list);
}
