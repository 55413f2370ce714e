/* fuzz-roster.c — libFuzzer target: roster text and CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "pr-roster.h"

/* The first byte says CSV (odd) or plain text (even). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(PrRoster) roster = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_round ();
  if (size < 1)
    return 0;
  roster = pr_roster_parse (data + 1, size - 1, data[0] & 1, &error);
  if (roster == NULL)
    {
      g_assert (error != NULL && error->domain == PR_ROSTER_ERROR);
      return 0;
    }

  /* Every accepted roster can become a round. */
  g_assert (pr_roster_check_names (pr_roster_get_names (roster), NULL, NULL));
  for (guint i = 0; i < pr_roster_get_n (roster); i++)
    {
      const char *email = pr_roster_get_email (roster, i);

      g_assert (g_utf8_validate (pr_roster_get_name (roster, i), -1, NULL));
      g_assert (email == NULL || g_utf8_validate (email, -1, NULL));
      g_assert (pr_roster_get_line (roster, i) >= 1);
    }
  return 0;
}
