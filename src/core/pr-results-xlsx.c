/* pr-results-xlsx.c — a tally as a spreadsheet workbook
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN §6 "Exports": the results table with numbers as numbers and
 * names as text (never a formula), each method's positions, and
 * coverage. libxlsxwriter writes to a file name only, so the workbook is
 * made in a private temporary folder and handed back as bytes for the
 * caller's atomic, write-once output.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <xlsxwriter.h>

#include "pr-results-table.h"
#include "pr-results-text.h"
#include "pr-results-xlsx.h"

G_DEFINE_QUARK (pr-results-xlsx-error-quark, pr_results_xlsx_error)

typedef struct {
  lxw_workbook         *book;
  lxw_format           *bold;
  lxw_format           *title;
  lxw_format           *score;
  const PrResults      *results;
  const PrResultsTable *table;
} Book;

static void
write_number (lxw_worksheet *sheet,
              guint          row,
              guint          col,
              gboolean       present,
              double         value)
{
  if (present && !isnan (value))
    worksheet_write_number (sheet, row, col, value, NULL);
}

/* The score shows with the window's decimals. */
static const char *
score_format (PrMethod method)
{
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return "0.0";
    case PR_METHOD_BORDA:
      return "0.000";
    case PR_METHOD_COPELAND:
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return "0";
    }
}

static void
write_header (Book          *b,
              lxw_worksheet *sheet,
              guint          row,
              const char   **titles,
              guint          n)
{
  for (guint k = 0; k < n; k++)
    worksheet_write_string (sheet, row, k, titles[k], b->bold);
}

static void
results_row (Book             *b,
             lxw_worksheet    *sheet,
             guint             line,
             const PrTableRow *row)
{
  g_autofree char *flags = pr_results_format_flags (row->flags);

  write_number (sheet, line, 0, row->placed, row->position);
  worksheet_write_string (sheet, line, 1, pr_profile_get_name (b->results->profile, row->candidate),
                          NULL);
  if (!isnan (row->score))
    worksheet_write_number (sheet, line, 2, row->score, b->score);
  write_number (sheet, line, 3, row->has_interval, row->low);
  write_number (sheet, line, 4, row->has_interval, row->high);
  worksheet_write_number (sheet, line, 5, row->raters, NULL);
  worksheet_write_boolean (sheet, line, 6, row->placed, NULL);
  worksheet_write_string (sheet, line, 7, flags, NULL);
  worksheet_write_string (sheet, line, 8, pr_profile_get_id (b->results->profile, row->candidate),
                          NULL);
}

static void
sheet_results (Book       *b,
               const char *title)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, C_("spreadsheet", "Results"));
  const char *titles[] = {
    C_("table column", "Position"), C_("table column", "Name"),
    pr_results_table_score_is_percent (b->table->method) ? C_("table column", "Score (%)")
                                                        : C_("table column", "Score"),
    C_("table column", "Interval from"), C_("table column", "Interval to"),
    C_("table column", "Raters"), C_("table column", "Placed"), C_("table column", "Flags"),
    C_("table column", "ID"),
  };
  g_autofree char *unplaced = pr_results_unplaced_text (b->table->min_raters);
  guint line = 3;

  worksheet_write_string (sheet, 0, 0, title, b->title);
  worksheet_write_string (sheet, 1, 0, pr_results_describe_score (b->table->method), NULL);
  write_header (b, sheet, 2, titles, G_N_ELEMENTS (titles));
  for (guint k = 0; k < b->table->n; k++, line++)
    {
      if (k == b->table->n_placed && k > 0)
        {
          /* The unplaced apart, under their own heading (DESIGN §6). */
          worksheet_write_string (sheet, ++line, 0, pr_results_unplaced_title (), b->bold);
          worksheet_write_string (sheet, ++line, 0, unplaced, NULL);
          line++;
        }
      results_row (b, sheet, line, &b->table->rows[k]);
    }
  worksheet_set_column (sheet, 1, 1, 28, NULL);
  worksheet_set_column (sheet, 7, 7, 40, NULL);
}

static void
sheet_methods (Book *b)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, C_("spreadsheet", "Methods"));
  guint col = 1;

  worksheet_write_string (sheet, 0, 0, C_("table column", "Name"), b->bold);
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (b->table->methods & (1u << m))
      worksheet_write_string (sheet, 0, col++, pr_method_get_label (m), b->bold);
  for (guint k = 0; k < b->table->n; k++)
    {
      const PrTableRow *row = &b->table->rows[k];

      col = 1;
      worksheet_write_string (sheet, k + 1, 0,
                              pr_profile_get_name (b->results->profile, row->candidate), NULL);
      for (guint m = 0; m < PR_N_METHODS; m++)
        if (b->table->methods & (1u << m))
          write_number (sheet, k + 1, col++, row->positions[m] != 0, row->positions[m]);
    }
  worksheet_set_column (sheet, 0, 0, 28, NULL);
}

static void
sheet_coverage (Book *b)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, C_("spreadsheet", "Coverage"));
  const PrCoverage *c = b->results->coverage;
  const char *titles[] = {
    C_("table column", "Name"), C_("table column", "Raters"),
    C_("table column", "Comparison group"), C_("table column", "Order"),
  };

  write_header (b, sheet, 0, titles, G_N_ELEMENTS (titles));
  for (guint k = 0; k < b->table->n; k++)
    {
      guint p = b->table->rows[k].candidate;
      g_autofree char *role = pr_results_describe_role (c->component_role[c->component[p]], 1);

      worksheet_write_string (sheet, k + 1, 0, pr_profile_get_name (b->results->profile, p), NULL);
      worksheet_write_number (sheet, k + 1, 1, c->raters[p], NULL);
      worksheet_write_number (sheet, k + 1, 2, c->comparison_group[p] + 1, NULL);
      if (role != NULL)
        worksheet_write_string (sheet, k + 1, 3, role, NULL);
    }
  worksheet_set_column (sheet, 0, 0, 28, NULL);
  worksheet_set_column (sheet, 3, 3, 60, NULL);
}

static gboolean
write_book (const char           *path,
            const PrResults      *results,
            const PrResultsTable *table,
            const char           *title,
            GError              **error)
{
  Book b = { workbook_new (path), NULL, NULL, NULL, results, table };
  lxw_error status;

  if (b.book == NULL)
    {
      g_set_error_literal (error, PR_RESULTS_XLSX_ERROR, 0, _("Could not start the spreadsheet."));
      return FALSE;
    }
  b.bold = workbook_add_format (b.book);
  format_set_bold (b.bold);
  b.title = workbook_add_format (b.book);
  format_set_bold (b.title);
  format_set_font_size (b.title, 14);
  b.score = workbook_add_format (b.book);
  format_set_num_format (b.score, score_format (table->method));
  sheet_results (&b, title);
  sheet_methods (&b);
  sheet_coverage (&b);
  if ((status = workbook_close (b.book)) != LXW_NO_ERROR)
    {
      g_set_error (error, PR_RESULTS_XLSX_ERROR, 0, _("Could not write the spreadsheet: %s"),
                   lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

GBytes *
pr_results_to_xlsx (const PrResults      *results,
                    const PrResultsTable *table,
                    const char           *title,
                    GError              **error)
{
  g_autoptr(PrResultsTable) own = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (results != NULL && title != NULL, NULL);

  if (table == NULL)
    table = own = pr_results_get_table (results);
  if ((dir = g_dir_make_tmp ("peer-rank-xlsx-XXXXXX", error)) == NULL)
    return NULL;
  path = g_build_filename (dir, "results.xlsx", NULL);
  ok = write_book (path, results, table, title, error)
       && g_file_get_contents (path, &data, &len, error);
  g_unlink (path);
  g_rmdir (dir);
  if (!ok)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), len);
}
