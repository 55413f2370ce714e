/* pr-results-csv.c — a tally as CSV, for scripts and for spreadsheets
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "pr-results-csv.h"
#include "pr-results-table.h"

typedef struct {
  GString *out;
  char     separator;  /* ',' (RFC 4180) or ';' */
  gboolean comma;      /* numbers with a decimal comma */
} Csv;

/* RFC 4180 quoting; a leading = + - @ gets a ' so a spreadsheet never
 * runs a name as a formula. */
static void
csv_text (Csv        *csv,
          const char *text)
{
  gboolean formula = text[0] != '\0' && strchr ("=+-@", text[0]) != NULL;
  const char specials[] = { csv->separator, '"', '\r', '\n', '\0' };

  if (!formula && strpbrk (text, specials) == NULL)
    {
      g_string_append (csv->out, text);
      return;
    }
  g_string_append_c (csv->out, '"');
  if (formula)
    g_string_append_c (csv->out, '\'');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv->out, '"');
      g_string_append_c (csv->out, *c);
    }
  g_string_append_c (csv->out, '"');
}

static void
csv_next (Csv *csv)
{
  g_string_append_c (csv->out, csv->separator);
}

/* The shortest of 15–17 significant digits that reads back as the same
 * double: 0.3, not 0.29999999999999999. An empty field for none. */
static void
csv_number (Csv    *csv,
            double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  csv_next (csv);
  if (isnan (value))
    return;
  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  if (csv->comma)
    g_strdelimit (buf, ".", ',');
  g_string_append (csv->out, buf);
}

static void
csv_uint (Csv      *csv,
          gboolean  present,
          guint     value)
{
  csv_next (csv);
  if (present)
    g_string_append_printf (csv->out, "%u", value);
}

static void
csv_header (Csv             *csv,
            const PrResults *r)
{
  g_autoptr(GString) header = g_string_new ("id,name,raters");

  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      const char *t = pr_method_to_string (m);

      if (!pr_results_shows (r, m))
        continue;
      g_string_append_printf (header, ",%s_position", t);
      if (m == PR_METHOD_BORDA || m == PR_METHOD_COPELAND)
        g_string_append_printf (header, ",%s_score", t);
      if (m == PR_METHOD_PLACKETT_LUCE)
        g_string_append_printf (header, ",%s_log_worth,%s_std_error", t, t);
    }
  if (r->bootstrap != NULL)
    g_string_append (header, ",bootstrap_median,bootstrap_low,bootstrap_high");
  /* DESIGN §7.1: the table's columns, after the ones scripts know. */
  g_string_append (header, ",position_varies,position,placed,score,low,high,flags\r\n");
  g_strdelimit (header->str, ",", csv->separator);
  g_string_append (csv->out, header->str);
}

static void
csv_methods (Csv             *csv,
             const PrResults *r,
             guint            c)
{
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      const PrMethodResult *result = r->method[m];

      if (!pr_results_shows (r, m))
        continue;
      csv_uint (csv, TRUE, result->position[c]);
      if (result->score != NULL)
        csv_number (csv, result->score[c]);
      if (result->std_error != NULL)
        csv_number (csv, result->std_error[c]);
    }
  if (r->bootstrap != NULL)
    {
      csv_uint (csv, TRUE, r->bootstrap->median[c]);
      csv_uint (csv, TRUE, r->bootstrap->low[c]);
      csv_uint (csv, TRUE, r->bootstrap->high[c]);
    }
}

/* The table's values, exactly as JSON's "table" has them; flags joined
 * by spaces. */
static void
csv_table_row (Csv              *csv,
               const PrTableRow *row)
{
  csv_uint (csv, row->placed, row->position);
  csv_next (csv);
  g_string_append (csv->out, row->placed ? "true" : "false");
  csv_number (csv, row->score);
  csv_uint (csv, row->has_interval, row->low);
  csv_uint (csv, row->has_interval, row->high);
  csv_next (csv);
  for (guint f = 0, k = 0; f < PR_TABLE_N_FLAGS; f++)
    if (row->flags & (1u << f))
      {
        if (k++ > 0)
          g_string_append_c (csv->out, ' ');
        g_string_append (csv->out, pr_table_flag_to_string (1u << f));
      }
}

char *
pr_results_to_csv_with (const PrResults      *r,
                        const PrResultsTable *table,
                        char                  separator,
                        gboolean              comma)
{
  g_autoptr(PrResultsTable) own = NULL;
  Csv csv = { g_string_new (NULL), separator, comma };

  if (table == NULL)
    table = own = pr_results_get_table (r);
  csv_header (&csv, r);
  for (guint c = 0; c < pr_profile_get_n_candidates (r->profile); c++)
    {
      csv_text (&csv, pr_profile_get_id (r->profile, c));
      csv_next (&csv);
      csv_text (&csv, pr_profile_get_name (r->profile, c));
      csv_uint (&csv, TRUE, r->coverage->raters[c]);
      csv_methods (&csv, r, c);
      csv_next (&csv);
      g_string_append (csv.out, pr_results_position_varies (r, c) ? "true" : "false");
      csv_table_row (&csv, pr_results_table_get_row (table, c));
      g_string_append (csv.out, "\r\n");
    }
  return g_string_free (csv.out, FALSE);
}

char *
pr_results_to_csv (const PrResults      *results,
                   const PrResultsTable *table)
{
  g_return_val_if_fail (results != NULL, NULL);

  return pr_results_to_csv_with (results, table, ',', FALSE);
}

char *
pr_results_to_csv_localized (const PrResults      *results,
                             const PrResultsTable *table)
{
  const struct lconv *conv = localeconv ();
  gboolean comma = conv != NULL && g_strcmp0 (conv->decimal_point, ",") == 0;

  g_return_val_if_fail (results != NULL, NULL);

  return pr_results_to_csv_with (results, table, comma ? ';' : ',', comma);
}
