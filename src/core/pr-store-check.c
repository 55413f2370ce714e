/* pr-store-check.c — every inconsistency between the journal and ballots/
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-envelope.h"
#include "pr-store-check.h"

#define HEX_LEN (PR_HASH_LEN * 2)

static const char * const kind_tokens[] = {
  "journal-missing", "journal-torn", "missing", "changed", "mismatch", "unjournaled", "stray",
  "temporary",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_tokens) == PR_STORE_PROBLEM_TEMPORARY + 1);

const char *
pr_store_problem_kind_to_string (PrStoreProblemKind kind)
{
  g_return_val_if_fail (kind <= PR_STORE_PROBLEM_TEMPORARY, "unknown");
  return kind_tokens[kind];
}

static void
problem_free (gpointer data)
{
  PrStoreProblem *problem = data;

  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray          *problems,
             PrStoreProblemKind  kind,
             const char         *file,
             gboolean            counted,
             char               *message)
{
  PrStoreProblem *problem = g_new0 (PrStoreProblem, 1);

  problem->kind = kind;
  problem->file = g_filename_display_name (file);
  problem->counted = counted;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_counted (PrStore            *store,
            const PrStoreEntry *entry)
{
  const char *counted = NULL;

  return pr_store_get_counted (store, entry->member, &counted, NULL) &&
         g_str_equal (counted, entry->fingerprint);
}

/* Without an opener: present and the journaled bytes. */
static void
check_copy (PrStore            *store,
            const PrStoreEntry *entry,
            GPtrArray          *problems)
{
  g_autofree char *path = pr_store_get_ballot_path (store, entry->fingerprint);
  g_autofree char *file = g_build_filename (PR_STORE_BALLOTS_DIR, entry->fingerprint, NULL);
  g_autofree char *name = g_strconcat (file, ".json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ENVELOPE_MAX_SIZE, TRUE, &error);
  gboolean counted = is_counted (store, entry);

  if (bytes == NULL && g_error_matches (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
    add_problem (problems, PR_STORE_PROBLEM_MISSING, name, counted,
                 g_strdup (_("A journaled ballot’s stored copy is missing; import the "
                             "original ballot file again to restore it.")));
  else if (bytes == NULL)
    add_problem (problems, PR_STORE_PROBLEM_CHANGED, name, counted,
                 g_strdup_printf (_("A journaled ballot’s stored copy cannot be read (%s); "
                                    "import the original ballot file again to restore it."),
                                  error->message));
  else if (!pr_store_copy_is_intact (store, entry->fingerprint))
    add_problem (problems, PR_STORE_PROBLEM_CHANGED, name, counted,
                 g_strdup (_("A journaled ballot’s stored copy was changed or replaced by "
                             "another file; import the original ballot file again to "
                             "restore it.")));
}

static void
check_entries (PrStore        *store,
               PrBallotOpener *opener,
               GPtrArray      *problems)
{
  for (guint i = 0; i < pr_store_get_n_entries (store); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      PrStoreEntry entry;
      guint before = problems->len;

      pr_store_get_entry (store, i, &entry);
      check_copy (store, &entry, problems);
      if (opener == NULL || problems->len > before)
        continue;
      bytes = pr_store_read_ballot (store, entry.fingerprint, opener, NULL, NULL, &error);
      if (bytes == NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s/%s.json", PR_STORE_BALLOTS_DIR,
                                                   entry.fingerprint);

          add_problem (problems, PR_STORE_PROBLEM_MISMATCH, name, is_counted (store, &entry),
                       g_strdup (error->message));
        }
      pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener)));
    }
}

static gboolean
is_ballot_name (const char *name)
{
  guint8 hash[PR_HASH_LEN];
  g_autofree char *hex = NULL;

  if (strlen (name) != HEX_LEN + 5 || !g_str_has_suffix (name, ".json"))
    return FALSE;
  hex = g_strndup (name, HEX_LEN);
  return pr_crypto_fingerprint_from_hex (hex, hash);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
classify_file (PrStore    *store,
               const char *name,
               GPtrArray  *problems)
{
  g_autofree char *file = g_build_filename (PR_STORE_BALLOTS_DIR, name, NULL);

  if (is_ballot_name (name))
    {
      g_autofree char *hex = g_strndup (name, HEX_LEN);

      if (!pr_store_has_ballot (store, hex))
        add_problem (problems, PR_STORE_PROBLEM_UNJOURNALED, file, FALSE,
                     g_strdup (_("A stored ballot the import journal does not name (an "
                                 "interrupted import, or a cut journal); importing into the "
                                 "round recovers it.")));
    }
  else if (g_str_has_prefix (name, ".pr-tmp-"))
    add_problem (problems, PR_STORE_PROBLEM_TEMPORARY, file, FALSE,
                 g_strdup (_("A temporary file a stopped import left; the next import "
                             "removes it.")));
  else if (strstr (name, ".json.damaged-") == NULL)
    add_problem (problems, PR_STORE_PROBLEM_STRAY, file, FALSE,
                 g_strdup (_("This file does not belong in the ballots folder and is never "
                             "counted; move it out of the round folder.")));
}

static void
check_ballots_dir (PrStore   *store,
                   GPtrArray *problems)
{
  g_autofree char *dir = g_build_filename (pr_store_get_dir (store), PR_STORE_BALLOTS_DIR, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    classify_file (store, g_ptr_array_index (names, i), problems);
}

GPtrArray *
pr_store_check_folder (PrStore        *store,
                       PrBallotOpener *opener)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);

  g_return_val_if_fail (store != NULL, problems);

  if (!pr_store_has_journal (store))
    add_problem (problems, PR_STORE_PROBLEM_JOURNAL_MISSING, PR_STORE_JOURNAL_FILE, FALSE,
                 g_strdup (_("The import journal is missing; importing into the round "
                             "recovers every stored ballot into a new one (decisions "
                             "recorded in the old journal are lost).")));
  else if (pr_store_journal_is_torn (store))
    add_problem (problems, PR_STORE_PROBLEM_JOURNAL_TORN, PR_STORE_JOURNAL_FILE, FALSE,
                 g_strdup (_("The import journal ends in a cut line (an import was stopped, "
                             "or the file was cut); the next import cuts it off and "
                             "recovers the ballot it named.")));
  check_entries (store, opener, problems);
  check_ballots_dir (store, problems);
  return problems;
}
