/* pr-cli-tally.c — peer-rank-cli tally: rank the people of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pr-cli-common.h"
#include "pr-cli-passphrase.h"
#include "pr-cli-tally.h"
#include "pr-preflib.h"
#include "pr-results-analysis.h"
#include "pr-results-csv.h"
#include "pr-results-json.h"
#include "pr-results-text.h"
#include "pr-results.h"
#include "pr-round-profile.h"
#include "pr-store.h"

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,
} Format;

typedef struct {
  char   *preflib;
  char   *passphrase_file;
  char  **methods;
  char   *primary;
  char   *unranked;
  int     bootstrap;
  char   *seed;
  gboolean agreement;
  int     min_raters;
  gboolean place_all;
  gboolean diagnostics;
  char   *format;
  char  **rest;
} Args;

static void
args_clear (Args *a)
{
  g_free (a->preflib);
  g_free (a->passphrase_file);
  g_strfreev (a->methods);
  g_free (a->primary);
  g_free (a->unranked);
  g_free (a->seed);
  g_free (a->format);
  g_strfreev (a->rest);
}

static gboolean
parse_args (Args     *a,
            int       argc,
            char    **argv,
            GError  **error)
{
  GOptionEntry entries[] = {
    { "preflib", 0, 0, G_OPTION_ARG_FILENAME, &a->preflib,
      N_("Tally a PrefLib .soc or .soi file"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a->passphrase_file,
      N_("Read the organizer passphrase from the first line of FILE"), N_("FILE") },
    { "method", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->methods,
      N_("Compute and show only this method (repeatable; default all six): borda, copeland, "
         "schulze, ranked_pairs, kemeny, plackett_luce"), N_("M") },
    { "primary", 0, 0, G_OPTION_ARG_STRING, &a->primary,
      N_("Method for the text table’s order and positions, --bootstrap and --agreement "
         "(default plackett_luce); computed for those even when --method leaves it out"),
      N_("M") },
    { "unranked", 0, 0, G_OPTION_ARG_STRING, &a->unranked,
      N_("How pairwise methods read unranked people: ignore (default) or below"), N_("HOW") },
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &a->bootstrap,
      N_("Resample the ballots N times for position intervals"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a->seed,
      N_("Seed of the bootstrap (default: random, reported)"), N_("S") },
    { "agreement", 0, 0, G_OPTION_ARG_NONE, &a->agreement,
      N_("Report Kendall’s W and each rater’s agreement"), NULL },
    { "min-raters", 0, 0, G_OPTION_ARG_INT, &a->min_raters,
      N_("Place only people ranked by at least N raters (default: the round’s minimum; "
         "0 for --preflib)"), N_("N") },
    { "place-all", 0, 0, G_OPTION_ARG_NONE, &a->place_all,
      N_("Give everyone a position, however few raters rank them"), NULL },
    { "diagnostics", 0, 0, G_OPTION_ARG_NONE, &a->diagnostics,
      N_("Add the influence of single ballots and integrity flags (JSON and text)"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &a->format,
      N_("Output format: text (default), json or csv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("(DIR | --preflib FILE)"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Ranks the people of a round folder or a PrefLib file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, &argc, &argv, error);
}

static gboolean
parse_methods (const Args      *a,
               PrTallyOptions  *options,
               GError         **error)
{
  for (guint i = 0; a->methods != NULL && a->methods[i] != NULL; i++)
    {
      PrMethod m;

      if (!pr_method_from_string (a->methods[i], &m))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a method. Use borda, copeland, schulze, ranked_pairs, kemeny or plackett_luce."),
                       a->methods[i]);
          return FALSE;
        }
      options->methods |= 1u << m;
    }
  if (a->primary != NULL && !pr_method_from_string (a->primary, &options->primary))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a method. Use borda, copeland, schulze, ranked_pairs, kemeny or plackett_luce."),
                   a->primary);
      return FALSE;
    }
  return TRUE;
}

#define MAX_RESAMPLES 100000
/* A bootstrap this long on a large round takes a while: say how far it
 * is, on a terminal only (a pipe or a log gets the result alone). */
#define PROGRESS_MIN_RESAMPLES 10000

/* From a bootstrap worker; never two calls at once (PrStatsProgressFunc). */
static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  fputc ('\r', stderr);
  /* TRANSLATORS: shown while it runs, rewritten in place on a terminal */
  fprintf (stderr, _("Bootstrap: %u of %u resamples (%u %%)"), done, total,
           (guint) ((guint64) done * 100 / MAX (total, 1)));
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static gboolean
parse_options (const Args      *a,
               PrTallyOptions  *options,
               Format          *format,
               GError         **error)
{
  pr_tally_options_init (options);
  if (!parse_methods (a, options, error))
    return FALSE;
  if (a->unranked != NULL && !pr_treatment_from_string (a->unranked, &options->treatment))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--unranked must be “ignore” or “below”, not “%s”."), a->unranked);
      return FALSE;
    }
  if (a->bootstrap < 0 || a->bootstrap > MAX_RESAMPLES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--bootstrap must be between 0 and %d."), MAX_RESAMPLES);
      return FALSE;
    }
  options->bootstrap = (guint) a->bootstrap;
  if (options->bootstrap > PROGRESS_MIN_RESAMPLES && isatty (STDERR_FILENO))
    options->bootstrap_progress = print_progress;
  options->seed = g_random_int ();
  if (a->seed != NULL
      && !g_ascii_string_to_unsigned (a->seed, 10, 0, G_MAXINT64, &options->seed, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %" PRId64 "."), (int64_t) G_MAXINT64);
      return FALSE;
    }
  options->agreement = a->agreement;
  options->place_all = a->place_all;
  if (a->min_raters < -1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--min-raters must be 0 or more."));
      return FALSE;
    }
  if (a->format == NULL || g_str_equal (a->format, "text"))
    *format = FORMAT_TEXT;
  else if (g_str_equal (a->format, "json"))
    *format = FORMAT_JSON;
  else if (g_str_equal (a->format, "csv"))
    *format = FORMAT_CSV;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--format must be text, json or csv, not “%s”."), a->format);
      return FALSE;
    }
  if (a->diagnostics && *format == FORMAT_CSV)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--diagnostics needs --format json or text."));
      return FALSE;
    }
  /* Every format carries the table, ordered by the primary method. */
  options->positions = TRUE;
  return TRUE;
}

PrProfile *
pr_cli_tally_load_round (const char  *dir,
                         const char  *passphrase_file,
                         GError     **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  /* An unusable folder is reported before anyone is asked for a
   * passphrase. */
  if ((store = pr_store_open (dir, error)) == NULL
      || (passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, error)) == NULL)
    return NULL;
  return pr_round_profile_load (dir, passphrase, error);
}

PrProfile *
pr_cli_tally_load_source (const char  *preflib,
                          char       **rest,
                          const char  *passphrase_file,
                          int          min_raters,
                          GError     **error)
{
  guint n_rest = rest != NULL ? g_strv_length (rest) : 0;
  PrProfile *profile;

  if (preflib != NULL && n_rest > 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give either a round folder or --preflib FILE, not both."));
      return NULL;
    }
  g_return_val_if_fail (preflib != NULL || n_rest == 1, NULL);
  profile = preflib != NULL ? pr_preflib_load (preflib, error)
                            : pr_cli_tally_load_round (rest[0], passphrase_file, error);
  /* DESIGN §7.1: the round's own minimum (a PrefLib file's is 0), or
   * --min-raters. */
  if (profile != NULL && min_raters >= 0)
    pr_profile_set_min_raters (profile, (guint) min_raters);
  return profile;
}

/* The profile from --preflib or from the round folder. */
static PrProfile *
load_profile (const Args  *a,
              GError     **error)
{
  if (a->preflib == NULL && (a->rest == NULL || g_strv_length (a->rest) != 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give one round folder, or --preflib FILE. See “peer-rank-cli tally --help”."));
      return NULL;
    }
  return pr_cli_tally_load_source (a->preflib, a->rest, a->passphrase_file, a->min_raters,
                                   error);
}

static char *
format_results (const PrResults *results,
                Format           format)
{
  switch (format)
    {
    case FORMAT_JSON:
      return pr_results_to_json (results, NULL);
    case FORMAT_CSV:
      return pr_results_to_csv (results, NULL);
    case FORMAT_TEXT:
    default:
      return pr_results_to_text (results, NULL);
    }
}

/* --diagnostics: the results (transfer full) with influence and flags;
 * CSV has one row per person and no place for them. */
static char *
format_diagnostics (PrResults  *results,
                    Format      format,
                    GError    **error)
{
  g_autoptr(PrResultsAnalysis) analysis = pr_results_analysis_compute (results, NULL, error);

  if (analysis == NULL)
    return NULL;
  if (format == FORMAT_JSON)
    return pr_results_analysis_to_json (analysis, NULL);
  return pr_results_analysis_to_text (analysis, NULL);
}

int
pr_cli_tally (int    argc,
              char **argv)
{
  Args a = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrResults) results = NULL;
  g_autofree char *text = NULL;
  PrTallyOptions options;
  Format format = FORMAT_TEXT;
  int status = PR_CLI_EXIT_USAGE;

  a.min_raters = -1;
  if (!parse_args (&a, argc, argv, &error)
      || !parse_options (&a, &options, &format, &error)
      || (profile = load_profile (&a, &error)) == NULL
      || (results = pr_results_compute (profile, &options, NULL, &error)) == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      args_clear (&a);
      return status;
    }
  if (a.diagnostics)
    text = format_diagnostics (g_steal_pointer (&results), format, &error);
  else
    text = format_results (results, format);
  if (text == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      args_clear (&a);
      return status;
    }
  fwrite (text, 1, strlen (text), stdout);
  status = fflush (stdout) == 0 ? PR_CLI_EXIT_OK : PR_CLI_EXIT_USAGE;
  args_clear (&a);
  return status;
}
