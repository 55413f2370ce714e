/* pr-round-profile.c — the counted ballots of a round folder, for tallying
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "pr-atomic.h"
#include "pr-envelope.h"
#include "pr-round-profile.h"

static void
wiped_array_free (gpointer data)
{
  GArray *array = data;

  sodium_memzero (array->data, array->len * sizeof (guint));
  g_array_unref (array);
}

/* Opens one stored ballot, checked against the journal, and copies its
 * ranking out of secret memory. */
static GArray *
open_counted (PrStore        *store,
              PrBallotOpener *opener,
              const char     *hex,
              GError        **error)
{
  PrSecret *workspace = pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener));
  g_autoptr(GBytes) bytes = NULL;
  GArray *ranking;
  PrBallotInfo info;

  bytes = pr_store_read_ballot (store, hex, opener, workspace, &info, error);
  if (bytes == NULL)
    return NULL;
  ranking = g_array_sized_new (FALSE, FALSE, sizeof (guint), info.n_ranked);
  for (gsize k = 0; k < info.n_ranked; k++)
    {
      guint value = info.ranking[k];

      g_array_append_val (ranking, value);
    }
  pr_secret_wipe (workspace);
  return ranking;
}

/* ---- reading a few ballots at a time ---- */

struct _PrRoundReader {
  PrStore        *store;    /* borrowed */
  PrBallotOpener *opener;
  GArray         *members;  /* guint: members with a counted ballot */
  guint           next;     /* index into members */
  GPtrArray      *rankings; /* GArray of guint per ballot read */
};

PrRoundReader *
pr_round_reader_new (PrStore         *store,
                     PrBallotOpener  *opener,
                     GError         **error)
{
  PrRoundReader *reader;
  guint n;

  g_return_val_if_fail (store != NULL && opener != NULL, NULL);

  /* Never a smaller count than what was imported. */
  if (!pr_store_check_complete (store, error))
    return NULL;
  reader = g_new0 (PrRoundReader, 1);
  reader->store = store;
  reader->opener = pr_ballot_opener_ref (opener);
  reader->members = g_array_new (FALSE, FALSE, sizeof (guint));
  reader->rankings = g_ptr_array_new_with_free_func (wiped_array_free);
  n = pr_manifest_get_n_members (pr_store_get_manifest (store));
  for (guint i = 0; i < n; i++)
    if (pr_store_get_counted (store, i, NULL, NULL))
      g_array_append_val (reader->members, i);
  return reader;
}

gboolean
pr_round_reader_read (PrRoundReader  *reader,
                      guint           max_ballots,
                      GError        **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  for (guint k = 0; k < max_ballots && reader->next < reader->members->len; k++)
    {
      guint member = g_array_index (reader->members, guint, reader->next);
      const char *hex = NULL;
      GArray *ranking;

      /* The store changed since the reader was made: start again. */
      if (!pr_store_get_counted (reader->store, member, &hex, NULL))
        {
          g_set_error_literal (error, PR_STORE_ERROR, PR_STORE_ERROR_BUSY,
                               _("The round changed while its ballots were read; read them again."));
          return FALSE;
        }
      if ((ranking = open_counted (reader->store, reader->opener, hex, error)) == NULL)
        return FALSE;
      g_ptr_array_add (reader->rankings, ranking);
      reader->next++;
    }
  return TRUE;
}

guint
pr_round_reader_get_n_read (PrRoundReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->next;
}

guint
pr_round_reader_get_n_ballots (PrRoundReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->members->len;
}

void
pr_round_reader_free (PrRoundReader *reader)
{
  if (reader == NULL)
    return;
  pr_ballot_opener_unref (reader->opener);
  g_array_unref (reader->members);
  g_ptr_array_unref (reader->rankings);
  g_free (reader);
}

/* The counted ballots' rankings with an opener already made. */
static gboolean
load_counted (PrStore         *store,
              PrBallotOpener  *opener,
              GPtrArray      **rankings_out,
              GArray         **voters_out,
              GError         **error)
{
  g_autoptr(PrRoundReader) reader = pr_round_reader_new (store, opener, error);

  if (reader == NULL || !pr_round_reader_read (reader, G_MAXUINT, error))
    return FALSE;
  /* What the reader read is the caller's; the reader frees the rest. */
  *rankings_out = g_steal_pointer (&reader->rankings);
  reader->rankings = g_ptr_array_new ();
  if (voters_out != NULL)
    {
      *voters_out = g_steal_pointer (&reader->members);
      reader->members = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  return TRUE;
}

gboolean
pr_store_load_counted (PrStore     *store,
                       const char  *passphrase,
                       GPtrArray  **rankings_out,
                       GArray     **voters_out,
                       GError     **error)
{
  g_autoptr(PrBallotOpener) opener = NULL;

  g_return_val_if_fail (store != NULL && passphrase != NULL && rankings_out != NULL, FALSE);

  /* Unlocked before the reader checks that every ballot is journaled:
   * a folder changed or put back without the passphrase is named as
   * such, not by what it lacks. */
  if ((opener = pr_store_unlock (store, passphrase, error)) == NULL)
    return FALSE;
  return load_counted (store, opener, rankings_out, voters_out, error);
}

static PrProfile *
new_roster_profile (PrManifest *manifest)
{
  guint n = pr_manifest_get_n_members (manifest);
  g_autofree const char **ids = g_new0 (const char *, n + 1);
  g_autofree const char **names = g_new0 (const char *, n + 1);
  PrProfile *profile;

  for (guint i = 0; i < n; i++)
    {
      ids[i] = pr_manifest_get_member_id (manifest, i);
      names[i] = pr_manifest_get_member_name (manifest, i);
    }
  profile = pr_profile_new (ids, names, n);
  pr_profile_set_min_raters (profile, pr_manifest_get_min_raters (manifest));
  return profile;
}

static PrProfile *
profile_from_rankings (PrManifest  *manifest,
                       GPtrArray   *rankings,
                       GArray      *voters,
                       GError     **error)
{
  PrProfile *profile = new_roster_profile (manifest);

  for (guint i = 0; i < rankings->len; i++)
    {
      GArray *ranking = g_ptr_array_index (rankings, i);

      if (!pr_profile_add_ballot (profile, g_array_index (voters, guint, i),
                                  (const guint *) (const void *) ranking->data,
                                  ranking->len, 1, error))
        {
          pr_profile_unref (profile);
          return NULL;
        }
    }
  return profile;
}

PrProfile *
pr_round_reader_finish (PrRoundReader  *reader,
                        GError        **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (reader->next == reader->members->len, NULL);

  return profile_from_rankings (pr_store_get_manifest (reader->store), reader->rankings,
                                reader->members, error);
}

PrProfile *
pr_round_profile_load (const char  *dir,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) rankings = NULL;
  g_autoptr(GArray) voters = NULL;

  g_return_val_if_fail (dir != NULL && passphrase != NULL, NULL);

  if ((store = pr_store_open (dir, error)) == NULL ||
      !pr_store_load_counted (store, passphrase, &rankings, &voters, error))
    return NULL;
  return profile_from_rankings (pr_store_get_manifest (store), rankings, voters, error);
}

PrProfile *
pr_round_profile_new (PrStore         *store,
                      PrBallotOpener  *opener,
                      GError         **error)
{
  g_autoptr(GPtrArray) rankings = NULL;
  g_autoptr(GArray) voters = NULL;

  g_return_val_if_fail (store != NULL && opener != NULL, NULL);

  if (!load_counted (store, opener, &rankings, &voters, error))
    return NULL;
  return profile_from_rankings (pr_store_get_manifest (store), rankings, voters, error);
}
