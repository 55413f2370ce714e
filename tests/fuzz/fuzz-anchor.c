/* fuzz-anchor.c — libFuzzer target: a computer's anchor of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is read as the anchor file of the fuzz round (DESIGN §4):
 * an anchor that verifies reads back the same after it is written
 * again. Then an anchor made from the input is written with its MAC and
 * one byte of the file changed: it reads as none, or as the same.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "pr-round-anchor.h"
#include "pr-state-mac.h"

static const char *
anchor_path (const FuzzRound *round)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = NULL;

      path = pr_round_anchor_path (round->manifest);
      dir = g_path_get_dirname (path);
      g_assert (g_mkdir_with_parents (dir, 0700) == 0);
    }
  return path;
}

static gboolean
same (const PrRoundAnchor *a,
      const PrRoundAnchor *b)
{
  return a->n_lines == b->n_lines && memcmp (a->head, b->head, PR_STATE_MAC_LEN) == 0;
}

static void
read_as_given (const FuzzRound *round,
               const PrSecret  *key,
               const guint8    *data,
               gsize            size)
{
  PrRoundAnchor anchor, again;

  g_assert (g_file_set_contents (anchor_path (round), (const char *) data, (gssize) size, NULL));
  if (!pr_round_anchor_read (key, round->manifest, &anchor))
    return;
  g_assert (anchor.n_lines > 0);
  g_assert (pr_round_anchor_write (key, round->manifest, &anchor, NULL));
  g_assert (pr_round_anchor_read (key, round->manifest, &again) && same (&anchor, &again));
}

static void
write_and_change (const FuzzRound *round,
                  const PrSecret  *key,
                  const guint8    *data,
                  gsize            size)
{
  PrRoundAnchor anchor = { 0 }, read;
  g_autofree char *text = NULL;
  gsize len = 0;
  guint32 lines = 0;

  memcpy (&lines, data, MIN (size, sizeof lines));
  anchor.n_lines = 1 + lines % 1000000;
  pr_crypto_hash (data, size, anchor.head);
  g_assert (pr_round_anchor_write (key, round->manifest, &anchor, NULL));
  g_assert (pr_round_anchor_read (key, round->manifest, &read) && same (&anchor, &read));
  g_assert (g_file_get_contents (anchor_path (round), &text, &len, NULL) && len > 0);
  text[size % len] ^= size > 0 ? (data[0] | 1) : 1;
  g_assert (g_file_set_contents (anchor_path (round), text, (gssize) len, NULL));
  g_assert (!pr_round_anchor_read (key, round->manifest, &read) || same (&anchor, &read));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const FuzzRound *round;
  g_autoptr(PrSecret) key = NULL;

  fuzz_private_data_home ();
  round = fuzz_round ();
  key = pr_state_key_derive (round->organizer_sk);
  if (size > 4096)
    return 0;
  read_as_given (round, key, data, size);
  write_and_change (round, key, data, size);
  return 0;
}
