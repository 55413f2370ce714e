/* fuzz-journal.c — libFuzzer target: import journal bytes and their MACs
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is read as journal.jsonl twice: as it is (MACs as given,
 * which almost never verify) and sealed again line by line with the
 * round's state key, so that the parser behind a valid chain — round,
 * re-issue and upgrade lines, the voters they record — is reached too.
 * A journal that verifies is checked against its anchor (DESIGN §4): it
 * holds its own, and cut before its last line it still verifies but no
 * longer holds it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "pr-journal.h"
#include "pr-round-anchor.h"
#include "pr-state-mac.h"
#include "pr-store-error.h"

static gboolean
count_line (const PrJournalLine  *line,
            gpointer              user_data,
            GError              **error)
{
  (*(guint *) user_data)++;
  g_assert (line->kind <= PR_JOURNAL_LINE_MAIL);
  return TRUE;
}

static const char *
journal_path (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("pr-fuzz-journal-XXXXXX", NULL);

      g_assert (dir != NULL);
      path = g_build_filename (dir, "journal.jsonl", NULL);
    }
  return path;
}

/* The journal @data holds, loaded and verified; NULL when it is not. */
static PrJournal *
load_and_verify (const FuzzRound *round,
                 const PrSecret  *key,
                 const guint8    *data,
                 gsize            size)
{
  g_autoptr(PrJournal) journal = pr_journal_new (journal_path ());
  g_autoptr(GError) error = NULL;
  PrJournalState state;
  guint n = 0;

  g_assert (g_file_set_contents (journal_path (), (const char *) data, (gssize) size, NULL));
  if (!pr_journal_load (journal, round->manifest, count_line, &n, &error))
    {
      g_assert (error != NULL && error->domain == PR_STORE_ERROR);
      return NULL;
    }
  g_assert (pr_journal_get_n_lines (journal) == n);
  if (!pr_journal_verify (journal, key, pr_manifest_get_hash (round->manifest), &state, &error))
    {
      g_assert (g_error_matches (error, PR_STORE_ERROR, PR_STORE_ERROR_TAMPERED));
      return NULL;
    }
  g_assert (!state.has_voters || state.voters_line >= 1);
  return g_steal_pointer (&journal);
}

/* The byte after the @n_lines-th newline of @data. */
static gsize
end_of_line (const guint8 *data,
             gsize         size,
             guint         n_lines)
{
  gsize i = 0;

  for (guint seen = 0; i < size && seen < n_lines; i++)
    seen += data[i] == '\n';
  return i;
}

/* A rollback the chain cannot tell is one the anchor does. */
static void
check_anchor (const FuzzRound *round,
              const PrSecret  *key,
              const guint8    *data,
              gsize            size)
{
  g_autoptr(PrJournal) journal = load_and_verify (round, key, data, size);
  g_autoptr(PrJournal) cut = NULL;
  PrRoundAnchor anchor, cut_anchor;

  if (journal == NULL || !pr_round_anchor_from_journal (journal, &anchor))
    return;
  g_assert (pr_round_anchor_holds (&anchor, journal));
  if (anchor.n_lines < 2)
    return;
  cut = load_and_verify (round, key, data, end_of_line (data, size, anchor.n_lines - 1));
  g_assert (cut != NULL);
  g_assert (!pr_round_anchor_holds (&anchor, cut));
  if (pr_round_anchor_from_journal (cut, &cut_anchor))
    g_assert (pr_round_anchor_holds (&cut_anchor, journal));
}

/* Each complete line without a ,"mac":"…"} it may end in, sealed again. */
static GString *
reseal (const PrSecret *key,
        const guint8    round_hash[PR_HASH_LEN],
        const guint8   *data,
        gsize           size)
{
  GString *out = g_string_new (NULL);
  guint8 mac[PR_STATE_MAC_LEN];
  gboolean chained = FALSE;
  gsize start = 0;

  for (gsize i = 0; i < size; i++)
    {
      gsize len = i - start;
      const char *line = (const char *) data + start;
      const char *at;
      g_autofree char *hex = NULL;

      if (data[i] != '\n')
        continue;
      at = g_strstr_len (line, (gssize) len, ",\"mac\":\"");
      len = at != NULL ? (gsize) (at - line) : (len > 0 && line[len - 1] == '}' ? len - 1 : len);
      pr_state_mac (key, PR_STATE_DOMAIN_JOURNAL, round_hash, chained ? mac : NULL,
                    (const guint8 *) line, len, mac);
      chained = TRUE;
      hex = pr_crypto_fingerprint_hex (mac);
      g_string_append_len (out, line, (gssize) len);
      g_string_append_printf (out, ",\"mac\":\"%s\"}\n", hex);
      start = i + 1;
    }
  return out;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round = fuzz_round ();
  g_autoptr(PrSecret) key = pr_state_key_derive (round->organizer_sk);
  GString *sealed;

  if (size > 64 * 1024)
    return 0;
  check_anchor (round, key, data, size);
  sealed = reseal (key, pr_manifest_get_hash (round->manifest), data, size);
  check_anchor (round, key, (const guint8 *) sealed->str, sealed->len);
  g_string_free (sealed, TRUE);
  return 0;
}
