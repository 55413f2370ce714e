/* fuzz-tally.c — libFuzzer target: a PrefLib file through the whole tally
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pr-preflib.h"
#include "pr-results-csv.h"
#include "pr-results-json.h"
#include "pr-results-text.h"
#include "pr-results.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Files over these sizes are parsed but not tallied, so one input stays
 * well under a second. Exact Kemeny over 2^n subsets takes tens of
 * seconds at 21–25 people under the fuzzer's instrumentation (a first
 * run timed out at 24: corpus/tally/timeout-kemeny-24.soi), so those
 * sizes are left to tests/test-methods.c; above 25 Kemeny is a local
 * search and large profiles are tallied again. */
#define FUZZ_MAX_EXACT_KEMENY 20
#define FUZZ_MAX_CANDIDATES   300
#define FUZZ_MAX_BALLOTS      5000

static gboolean
accepted (PrProfile *p)
{
  guint n = pr_profile_get_n_candidates (p);

  return (n <= FUZZ_MAX_EXACT_KEMENY || n > PR_KEMENY_EXACT_MAX)
         && n <= FUZZ_MAX_CANDIDATES
         && pr_profile_get_n_ballots (p) <= FUZZ_MAX_BALLOTS;
}

/* GLib raises SIGTRAP for fatal messages, which libFuzzer does not catch:
 * abort instead, so the input is saved as a crash. A critical from a
 * g_return_if_fail() in the tally is a bug as much as a crash is. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* Tie groups partition the candidates; positions are standard
 * competition positions. */
static void
check_complete (const PrMethodResult *r,
                guint                 n)
{
  g_autofree guint *size = g_new0 (guint, n + 1);
  g_autofree guint *first = g_new0 (guint, n + 1);

  g_assert (r != NULL && r->n == n);
  g_assert (r->n_groups >= 1 && r->n_groups <= n);
  for (guint c = 0; c < n; c++)
    {
      g_assert (r->group[c] < r->n_groups);
      size[r->group[c]]++;
    }
  for (guint g = 1; g < r->n_groups; g++)
    {
      g_assert (size[g - 1] > 0);
      first[g] = first[g - 1] + size[g - 1];
    }
  for (guint c = 0; c < n; c++)
    g_assert (r->position[c] == first[r->group[c]] + 1);
}

/* Plackett–Luce meets its tolerance on everything the target accepts:
 * finite, centred log-worths. */
static void
check_plackett_luce (const PrMethodResult *r)
{
  double sum = 0.0;

  g_assert (r->converged);
  for (guint c = 0; c < r->n; c++)
    {
      g_assert (isfinite (r->score[c]));
      g_assert (!isinf (r->std_error[c]));
      sum += r->score[c];
    }
  g_assert (fabs (sum) <= 1e-9 * (1.0 + r->n));
}

/* Every method under both treatments, then the whole tally with a small
 * bootstrap and agreement, written in every format. */
static void
tally (PrProfile *p,
       guint64    seed)
{
  guint n = pr_profile_get_n_candidates (p);
  g_autoptr(PrResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  PrTallyOptions options;

  for (guint t = 0; t < 2; t++)
    for (guint m = 0; m < PR_N_METHODS; m++)
      {
        g_autoptr(PrMethodResult) r = NULL;

        /* Borda and Plackett–Luce ignore the treatment: run them once. */
        if (t == 1 && (m == PR_METHOD_BORDA || m == PR_METHOD_PLACKETT_LUCE))
          continue;
        r = pr_method_run (m, p, t == 0 ? PR_TREATMENT_IGNORE : PR_TREATMENT_BELOW);
        check_complete (r, n);
        if (m == PR_METHOD_PLACKETT_LUCE)
          check_plackett_luce (r);
      }
  pr_tally_options_init (&options);
  options.bootstrap = 3;
  options.seed = seed;
  options.agreement = TRUE;
  options.n_threads = 1;
  results = pr_results_compute (p, &options, NULL, &error);
  g_assert (results != NULL && error == NULL);
  for (guint c = 0; c < n; c++)
    g_assert (results->bootstrap->low[c] >= 1 && results->bootstrap->high[c] <= n);
  json = pr_results_to_json (results, NULL);
  csv = pr_results_to_csv (results, NULL);
  text = pr_results_to_text (results, NULL);
  g_assert (json_parser_load_from_data (parser, json, -1, NULL));
  g_assert (g_utf8_validate (text, -1, NULL) && csv != NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean ready;
  g_autoptr(PrProfile) p = NULL;

  if (!ready)
    {
      g_log_set_writer_func (log_writer, NULL, NULL);
      ready = TRUE;
    }
  p = pr_preflib_parse ((const char *) data, size, NULL);
  if (p == NULL || !accepted (p))
    return 0;
  tally (p, size);
  return 0;
}
