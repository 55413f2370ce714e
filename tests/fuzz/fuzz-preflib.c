/* fuzz-preflib.c — libFuzzer target: PrefLib .soc/.soi files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "pr-methods.h"
#include "pr-preflib.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Every accepted file is within the caps, writes back to a file that
 * reads as the same profile, and small ones tally without trouble. */
static void
check_profile (PrProfile *p)
{
  g_autofree char *written = pr_preflib_write (p, "fuzz.soi", "fuzz", PR_PREFLIB_WRITE_KEEP_NAMES);
  g_autoptr(PrProfile) back = pr_preflib_parse (written, strlen (written), NULL);
  guint n = pr_profile_get_n_candidates (p);

  g_assert (n >= 1 && n <= PR_PREFLIB_MAX_ALTERNATIVES);
  g_assert (pr_profile_get_n_ballots (p) >= 1 && pr_profile_get_n_ballots (p) <= PR_PREFLIB_MAX_VOTERS);
  g_assert (back != NULL);
  g_assert (pr_profile_get_n_ballots (back) == pr_profile_get_n_ballots (p));
  g_assert (pr_profile_get_n_orders (back) == pr_profile_get_n_orders (p));
  for (guint i = 0; i < n; i++)
    g_assert (g_strcmp0 (pr_profile_get_name (back, i), pr_profile_get_name (p, i)) == 0);
  if (n > 12)
    return;
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      g_autoptr(PrMethodResult) r = pr_method_run (m, p, PR_TREATMENT_BELOW);

      g_assert (r->n_groups >= 1 && r->n_groups <= n);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) p = pr_preflib_parse ((const char *) data, size, &error);

  if (p == NULL)
    {
      g_assert (error != NULL && error->domain == PR_PREFLIB_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  check_profile (p);
  return 0;
}
