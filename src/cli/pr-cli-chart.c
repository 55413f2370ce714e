/* pr-cli-chart.c — peer-rank-cli chart: draw the results to a file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pr-chart.h"
#include "pr-cli-chart.h"
#include "pr-cli-common.h"
#include "pr-cli-tally.h"
#include "pr-manifest.h"
#include "pr-output.h"
#include "pr-results-table.h"
#include "pr-store.h"

/* DESIGN §7: a chart's bootstrap, unless told otherwise. */
#define DEFAULT_RESAMPLES 1000
#define DEFAULT_SEED      1
#define MAX_RESAMPLES     100000

void
pr_cli_chart_args_clear (PrCliChartArgs *a)
{
  g_free (a->preflib);
  g_free (a->passphrase_file);
  g_free (a->out);
  g_free (a->primary);
  g_free (a->unranked);
  g_free (a->seed);
  g_strfreev (a->rest);
}

void
pr_cli_chart_add_entries (GOptionContext *context,
                          PrCliChartArgs *a)
{
  GOptionEntry entries[] = {
    { "preflib", 0, 0, G_OPTION_ARG_FILENAME, &a->preflib,
      N_("Read the ballots of a PrefLib .soc or .soi file"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a->passphrase_file,
      N_("Read the organizer passphrase from the first line of FILE"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &a->out,
      N_("Write to FILE (never inside a round folder)"), N_("FILE") },
    { "primary", 0, 0, G_OPTION_ARG_STRING, &a->primary,
      N_("Method to order and score by (default plackett_luce)"), N_("M") },
    { "unranked", 0, 0, G_OPTION_ARG_STRING, &a->unranked,
      N_("How pairwise methods read unranked people: ignore (default) or below"), N_("HOW") },
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &a->bootstrap,
      N_("Resample the ballots N times for position intervals (default 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a->seed,
      N_("Seed of the bootstrap (default 1)"), N_("S") },
    { "min-raters", 0, 0, G_OPTION_ARG_INT, &a->min_raters,
      N_("Place only people ranked by at least N raters (default: the round’s minimum; "
         "0 for --preflib)"), N_("N") },
    { "place-all", 0, 0, G_OPTION_ARG_NONE, &a->place_all,
      N_("Give everyone a position, however few raters rank them"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &a->force,
      N_("Replace FILE if it exists (never a Peer Rank secret or round file)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->rest, NULL, NULL },
    { NULL }
  };

  a->bootstrap = -1;
  a->min_raters = -1;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
pr_cli_chart_options (const PrCliChartArgs  *a,
                      gboolean               all_methods,
                      guint                  resamples,
                      PrTallyOptions        *options,
                      GError               **error)
{
  pr_tally_options_init (options);
  options->positions = TRUE;
  if (a->primary != NULL && !pr_method_from_string (a->primary, &options->primary))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a method. Use borda, copeland, schulze, ranked_pairs, kemeny or plackett_luce."),
                   a->primary);
      return FALSE;
    }
  /* The chart needs the primary only; the report compares them all. */
  options->methods = all_methods ? 0 : 1u << options->primary;
  if (a->unranked != NULL && !pr_treatment_from_string (a->unranked, &options->treatment))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--unranked must be “ignore” or “below”, not “%s”."), a->unranked);
      return FALSE;
    }
  if (a->bootstrap < -1 || a->bootstrap > MAX_RESAMPLES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--bootstrap must be between 0 and %d."), MAX_RESAMPLES);
      return FALSE;
    }
  if (a->min_raters < -1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--min-raters must be 0 or more."));
      return FALSE;
    }
  options->place_all = a->place_all;
  options->bootstrap = a->bootstrap >= 0 ? (guint) a->bootstrap : resamples;
  options->seed = DEFAULT_SEED;
  if (a->seed != NULL
      && !g_ascii_string_to_unsigned (a->seed, 10, 0, G_MAXINT64, &options->seed, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %" PRId64 "."), (int64_t) G_MAXINT64);
      return FALSE;
    }
  return TRUE;
}

PrProfile *
pr_cli_chart_load (const PrCliChartArgs  *a,
                   GError               **error)
{
  return pr_cli_tally_load_source (a->preflib, a->rest, a->passphrase_file, a->min_raters,
                                   error);
}

gboolean
pr_cli_chart_describe_source (const PrCliChartArgs  *a,
                              PrReportInfo          *info,
                              char                 **title,
                              char                 **fingerprint,
                              GError               **error)
{
  g_autoptr(PrStore) store = NULL;
  PrManifest *manifest;

  if (a->preflib != NULL)
    {
      *title = g_path_get_basename (a->preflib);
      info->title = *title;
      info->source = *title;
      return TRUE;
    }
  if ((store = pr_store_open (a->rest[0], error)) == NULL)
    return FALSE;
  manifest = pr_store_get_manifest (store);
  *title = g_strdup (pr_manifest_get_title (manifest));
  *fingerprint = g_strdup (pr_manifest_get_fingerprint (manifest));
  info->title = *title;
  info->fingerprint = *fingerprint;
  info->n_members = pr_manifest_get_n_members (manifest);
  return TRUE;
}

typedef struct {
  PrCliChartArgs  common;
  char           *kind;
  gboolean        dark;
} Args;

static gboolean
parse_kind (const char   *text,
            PrChartKind  *kind,
            GError      **error)
{
  if (text != NULL && g_str_equal (text, "scores"))
    *kind = PR_CHART_SCORES;
  else if (text != NULL && g_str_equal (text, "distribution"))
    *kind = PR_CHART_DISTRIBUTION;
  else if (text != NULL && g_str_equal (text, "pairwise"))
    *kind = PR_CHART_PAIRWISE;
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give --kind scores, distribution or pairwise."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_args (Args           *a,
            int             argc,
            char          **argv,
            PrChartKind    *kind,
            PrChartFormat  *format,
            GError        **error)
{
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &a->kind,
      N_("The chart: scores, distribution or pairwise"), N_("KIND") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &a->dark,
      N_("Draw the dark variant"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("(DIR [--passphrase-file F] | --preflib FILE) --kind KIND --out FILE"));
  guint n_rest;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Draws a chart of the results as SVG, PNG or PDF, "
                                           "after the file’s extension."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  pr_cli_chart_add_entries (context, &a->common);
  if (!g_option_context_parse (context, &argc, &argv, error) || !parse_kind (a->kind, kind, error))
    return FALSE;
  n_rest = a->common.rest != NULL ? g_strv_length (a->common.rest) : 0;
  if (a->common.out == NULL || (a->common.preflib == NULL && n_rest != 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Usage: chart (DIR [--passphrase-file F] | --preflib FILE) --kind "
                             "scores|distribution|pairwise --out FILE.svg|png|pdf"));
      return FALSE;
    }
  if (!pr_chart_format_from_path (a->common.out, format))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--out must end in .svg, .png or .pdf."));
      return FALSE;
    }
  if (*kind == PR_CHART_DISTRIBUTION && a->common.bootstrap == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The distribution chart needs a bootstrap: give --bootstrap N "
                             "with N at least 1, or leave it out for 1000."));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
draw_chart (Args            *a,
            PrChartKind      kind,
            PrChartFormat    format,
            const PrResults *results,
            GError         **error)
{
  g_autoptr(PrResultsTable) table = pr_results_get_table (results);
  g_autofree guint *distributions = NULL;
  g_autoptr(PrChart) chart = NULL;
  g_autofree char *title = NULL;
  g_autofree char *fingerprint = NULL;
  PrReportInfo info = { 0, };
  PrChartData *data;

  if (!pr_cli_chart_describe_source (&a->common, &info, &title, &fingerprint, error))
    return NULL;
  if (kind == PR_CHART_DISTRIBUTION)
    distributions = pr_results_table_distributions (table, results->bootstrap);
  data = pr_chart_data_new (results, table, distributions);
  pr_chart_data_set_round_title (data, title);
  chart = pr_chart_new (kind, data);
  pr_chart_set_dark (chart, a->dark);
  return pr_chart_render (chart, format, 0, error);
}

int
pr_cli_chart (int    argc,
              char **argv)
{
  Args a = { { 0, }, };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PrTallyOptions options;
  PrChartKind kind = PR_CHART_SCORES;
  PrChartFormat format = PR_CHART_FORMAT_SVG;
  int status = PR_CLI_EXIT_USAGE;

  if (!parse_args (&a, argc, argv, &kind, &format, &error)
      || !pr_cli_chart_options (&a.common, FALSE, kind == PR_CHART_PAIRWISE ? 0 : DEFAULT_RESAMPLES,
                                &options, &error))
    goto out;
  /* Checked first: no passphrase is asked for an output that is refused. */
  if (!pr_cli_check_output (a.common.out, a.common.force))
    goto out;
  if ((profile = pr_cli_chart_load (&a.common, &error)) == NULL
      || (results = pr_results_compute (profile, &options, NULL, &error)) == NULL
      || (bytes = draw_chart (&a, kind, format, results, &error)) == NULL
      || !pr_output_write (a.common.out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           a.common.force, &error))
    goto out;
  status = PR_CLI_EXIT_OK;

out:
  if (error != NULL)
    pr_cli_print_error ("%s", error->message);
  pr_cli_chart_args_clear (&a.common);
  g_free (a.kind);
  return status;
}
