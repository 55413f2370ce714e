/* pr-cli-report.c — peer-rank-cli report: the results as a PDF
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-cli-common.h"
#include "pr-cli-chart.h"
#include "pr-cli-report.h"
#include "pr-output.h"
#include "pr-report.h"

#define REPORT_RESAMPLES 1000

static gboolean
parse_args (PrCliChartArgs  *a,
            int              argc,
            char           **argv,
            GError         **error)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("(DIR [--passphrase-file F] | --preflib FILE) --out FILE.pdf"));
  guint n_rest;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Writes the results, charts, method and coverage "
                                           "as a PDF report."));
  pr_cli_chart_add_entries (context, a);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  n_rest = a->rest != NULL ? g_strv_length (a->rest) : 0;
  if (a->out == NULL || (a->preflib == NULL && n_rest != 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Usage: report (DIR [--passphrase-file F] | --preflib FILE) --out FILE.pdf"));
      return FALSE;
    }
  if (!g_str_has_suffix (a->out, ".pdf") && !g_str_has_suffix (a->out, ".PDF"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--out must end in .pdf."));
      return FALSE;
    }
  return TRUE;
}

/* The report of one analysis: shared with the app (the page's export)
 * so both render exactly the same inputs. */
static GBytes *
write_report (const PrReportInfo  *info,
              PrResults           *results,
              GError             **error)
{
  g_autoptr(PrResultsAnalysis) analysis = pr_results_analysis_compute (results, NULL, error);

  if (analysis == NULL)
    return NULL;
  return pr_report_render (info, analysis, NULL, error);
}

int
pr_cli_report (int    argc,
               char **argv)
{
  PrCliChartArgs a = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = NULL;
  g_autoptr(PrResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *fingerprint = NULL;
  PrReportInfo info = { .appendix = TRUE };
  PrTallyOptions options;
  int status = PR_CLI_EXIT_USAGE;

  if (!parse_args (&a, argc, argv, &error)
      || !pr_cli_chart_options (&a, TRUE, REPORT_RESAMPLES, &options, &error))
    goto out;
  /* Checked first: no passphrase is asked for an output that is refused. */
  if (!pr_cli_check_output (a.out, a.force))
    goto out;
  if ((profile = pr_cli_chart_load (&a, &error)) == NULL
      || !pr_cli_chart_describe_source (&a, &info, &title, &fingerprint, &error)
      || (results = pr_results_compute (profile, &options, NULL, &error)) == NULL
      || (bytes = write_report (&info, g_steal_pointer (&results), &error)) == NULL
      || !pr_output_write (a.out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           a.force, &error))
    goto out;
  status = PR_CLI_EXIT_OK;

out:
  if (error != NULL)
    pr_cli_print_error ("%s", error->message);
  pr_cli_chart_args_clear (&a);
  return status;
}
