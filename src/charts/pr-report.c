/* pr-report.c — the results of a round as a paginated PDF
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "pr-chart-private.h"
#include "pr-chart-style.h"
#include "pr-chart.h"
#include "pr-report-private.h"
#include "pr-results-table.h"
#include "pr-results-text.h"

/* A4 in PostScript points. */
#define PAGE_W       595.28
#define PAGE_H       841.89
#define PAGE_MARGIN   56.0
#define CONTENT_W    (PAGE_W - 2 * PAGE_MARGIN)
#define BOTTOM       (PAGE_H - PAGE_MARGIN - 24)
#define BODY_SIZE      9.5
#define HEADING_SIZE  13.0
#define HEADER_SIZE    7.5   /* table column headers … */
#define HEADER_MIN_SIZE 5.5  /* … at the smallest, when long words need it */
#define HEADER_LINES   3
#define TITLE_SIZE    20.0
/* Above this many people the matrix and the per-person charts would fill
 * dozens of pages nobody reads: the report turns compact (DESIGN §6). */
#define COMPACT_MIN   41
#define RIVALS         2

typedef struct {
  cairo_t                   *cr;
  const PrReportInfo        *info;
  const PrResultsAnalysis   *analysis;
  const PrResults           *results;
  const PrResultsTable      *table;
  const guint               *distributions;  /* NULL: no distribution chart */
  gboolean                   compact;
  double                     body;   /* table text size */
  PrChartStyle               style;
  double                     y;
  guint                      page;   /* 1-based */
  guint                      total;  /* 0 while counting pages */
  PrReportHeaderStats       *stats;  /* nullable */
} Doc;

/* -- Flow and pages --------------------------------------------------------- */

static void
doc_footer (Doc *doc)
{
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double w;

  /* The counting pass does not know the total yet; it only needs the
   * footer's size. */
  number = g_strdup_printf (_("Page %u of %u"), doc->page, MAX (doc->total, doc->page));
  left = pr_chart_text_layout (doc->cr, doc->info->title, 8, FALSE, CONTENT_W * 0.6, 1);
  right = pr_chart_text_layout (doc->cr, number, 8, FALSE, 0, 1);
  pr_chart_text_size (right, &w, NULL);
  pr_chart_set_source (doc->cr, &doc->style.muted, 1);
  pr_chart_show_layout (doc->cr, left, PAGE_MARGIN, PAGE_H - PAGE_MARGIN);
  pr_chart_show_layout (doc->cr, right, PAGE_W - PAGE_MARGIN - w, PAGE_H - PAGE_MARGIN);
}

static void
doc_new_page (Doc *doc)
{
  doc_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = PAGE_MARGIN;
}

/* Starts a new page unless @height fits below the current position. */
static void
doc_need (Doc    *doc,
          double  height)
{
  if (doc->y + height > BOTTOM && doc->y > PAGE_MARGIN)
    doc_new_page (doc);
}

static void
doc_text (Doc         *doc,
          const char  *text,
          double       size,
          gboolean     bold,
          const PrRgb *colour,
          double       space_after)
{
  g_autoptr(PangoLayout) layout = pr_chart_text_layout (doc->cr, text, size, bold, CONTENT_W, 40);
  double h;

  pr_chart_text_size (layout, NULL, &h);
  doc_need (doc, h);
  pr_chart_set_source (doc->cr, colour, 1);
  pr_chart_show_layout (doc->cr, layout, PAGE_MARGIN, doc->y);
  doc->y += h + space_after;
}

static void
doc_paragraph (Doc        *doc,
               const char *text)
{
  doc_text (doc, text, BODY_SIZE, FALSE, &doc->style.text, 8);
}

static void
doc_heading (Doc        *doc,
             const char *text)
{
  /* Keep a heading with at least a few lines of what follows. */
  doc_need (doc, 80);
  doc->y += 8;
  doc_text (doc, text, HEADING_SIZE, TRUE, &doc->style.text, 6);
}

/* -- Tables ------------------------------------------------------------------ */

typedef struct {
  guint         n_columns;
  const double *widths;    /* points; the flexible column has 0 */
  const double *xalign;    /* 0 left, 1 right */
} TableShape;

static double
column_width (const TableShape *shape,
              guint             k)
{
  double fixed = 0;

  if (shape->widths[k] > 0)
    return shape->widths[k];
  for (guint i = 0; i < shape->n_columns; i++)
    fixed += shape->widths[i];
  return CONTENT_W - fixed;
}

/* Whether every word of @layout is whole: no line starts inside a word,
 * none is wider than @width. */
static gboolean
words_are_whole (PangoLayout *layout,
                 double       width)
{
  const char *text = pango_layout_get_text (layout);
  const PangoLogAttr *attrs;
  int n_attrs = 0;
  double w;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      glong offset = g_utf8_pointer_to_offset (text, text + line->start_index);

      if (offset > 0 && offset < n_attrs && !attrs[offset].is_line_break)
        return FALSE;
    }
  pr_chart_text_size (layout, &w, NULL);
  return w <= width + 0.01;
}

static void
count_header (PangoLayout         *layout,
              double               width,
              double               size,
              PrReportHeaderStats *stats)
{
  stats->n_headers++;
  stats->n_ellipsized += pango_layout_is_ellipsized (layout);
  stats->n_broken += !words_are_whole (layout, width);
  stats->n_wrapped += pango_layout_get_line_count (layout) > 1;
  stats->n_shrunk += size < HEADER_SIZE;
}

/* A column header is never cut (German words are long, columns narrow):
 * it wraps between words onto up to HEADER_LINES lines, and is set
 * smaller when even that does not fit; at the smallest size it is broken
 * inside a word rather than cut. */
static PangoLayout *
header_layout (Doc        *doc,
               const char *text,
               double      width)
{
  PangoLayout *layout = NULL;
  double size;

  for (size = HEADER_SIZE; size >= HEADER_MIN_SIZE; size -= 0.5)
    {
      g_clear_object (&layout);
      layout = pr_chart_text_layout (doc->cr, text, size, TRUE, width, HEADER_LINES);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      if (pango_layout_get_line_count (layout) <= HEADER_LINES && words_are_whole (layout, width))
        break;
    }
  if (size < HEADER_MIN_SIZE)
    {
      size = HEADER_MIN_SIZE;
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (doc->stats != NULL)
    count_header (layout, width, size, doc->stats);
  return layout;
}

static double
table_row (Doc              *doc,
           const TableShape *shape,
           const char      **cells,
           gboolean          header,
           gboolean          band,
           gboolean          draw)
{
  PangoLayout *layouts[16];
  double row_h = 0, x = PAGE_MARGIN;

  g_assert (shape->n_columns <= G_N_ELEMENTS (layouts));
  for (guint k = 0; k < shape->n_columns; k++)
    {
      double h;

      if (header)
        layouts[k] = header_layout (doc, cells[k], column_width (shape, k) - 6);
      else
        layouts[k] = pr_chart_text_layout (doc->cr, cells[k], doc->body, FALSE,
                                           column_width (shape, k) - 6, 3);
      pr_chart_text_size (layouts[k], NULL, &h);
      row_h = MAX (row_h, h + (doc->compact ? 3 : 6));
    }
  if (draw && band)
    {
      pr_chart_set_source (doc->cr, &doc->style.grid, 0.45);
      cairo_rectangle (doc->cr, PAGE_MARGIN, doc->y, CONTENT_W, row_h);
      cairo_fill (doc->cr);
    }
  for (guint k = 0; k < shape->n_columns; k++)
    {
      double w, cw = column_width (shape, k);

      pr_chart_text_size (layouts[k], &w, NULL);
      if (draw)
        {
          pr_chart_set_source (doc->cr, header ? &doc->style.muted : &doc->style.text, 1);
          pr_chart_show_layout (doc->cr, layouts[k], x + 3 + (cw - 6 - w) * shape->xalign[k],
                                doc->y + (doc->compact ? 1.5 : 3));
        }
      x += cw;
      g_object_unref (layouts[k]);
    }
  return row_h;
}

/* Rows of @cells (n_rows × n_columns, the header first), across pages
 * with the header repeated on each. */
static void
doc_table (Doc              *doc,
           const TableShape *shape,
           GPtrArray        *cells)
{
  guint n_rows = cells->len / shape->n_columns;
  const char **header = (const char **) cells->pdata;

  for (guint r = 1; r < n_rows; r++)
    {
      const char **row = (const char **) cells->pdata + r * shape->n_columns;
      double h = table_row (doc, shape, row, FALSE, FALSE, FALSE);
      gboolean header_needed = r == 1;

      if (r == 1)
        doc_need (doc, h + 24);
      else if (doc->y + h > BOTTOM)
        {
          doc_new_page (doc);
          header_needed = TRUE;
        }
      if (header_needed)
        {
          doc->y += table_row (doc, shape, header, TRUE, FALSE, TRUE);
          pr_chart_set_source (doc->cr, &doc->style.muted, 1);
          cairo_set_line_width (doc->cr, 0.75);
          cairo_move_to (doc->cr, PAGE_MARGIN, doc->y);
          cairo_line_to (doc->cr, PAGE_MARGIN + CONTENT_W, doc->y);
          cairo_stroke (doc->cr);
        }
      doc->y += table_row (doc, shape, row, FALSE, r % 2 == 0, TRUE);
    }
  doc->y += 10;
}

/* -- Sections ---------------------------------------------------------------- */

/* Distinct voters among the counted ballots; 0 when the ballots carry
 * none (a PrefLib file). */
static guint
count_voters (PrProfile *profile)
{
  g_autoptr(GHashTable) voters = g_hash_table_new (NULL, NULL);
  guint n_orders = pr_profile_get_n_orders (profile);

  for (guint o = 0; o < n_orders; o++)
    {
      guint voter;

      pr_profile_get_order (profile, o, NULL, &voter, NULL);
      if (voter != PR_PROFILE_NO_VOTER)
        g_hash_table_add (voters, GUINT_TO_POINTER (voter + 1));
    }
  return g_hash_table_size (voters);
}

static char *
participation_text (const Doc *doc)
{
  PrProfile *profile = doc->results->profile;
  guint n_ballots = pr_profile_get_n_ballots (profile);
  guint n = doc->info->n_members > 0 ? doc->info->n_members : pr_profile_get_n_candidates (profile);
  guint voters = count_voters (profile);
  g_autofree char *ballots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u counted ballot",
                                                           "%u counted ballots", n_ballots),
                                              n_ballots);

  if (doc->info->fingerprint != NULL && voters > 0)
    /* TRANSLATORS: "Participation: 11 of 12 people on the roster voted (11 counted ballots)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Participation: %u of %u person on the roster voted (%s)",
                                         "Participation: %u of %u people on the roster voted (%s)",
                                         n),
                            voters, n, ballots);
  /* TRANSLATORS: "Participation: 16 counted ballots over 12 people" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Participation: %s over %u person",
                                       "Participation: %s over %u people", n),
                          ballots, n);
}

static char *
method_text (const PrResults *results)
{
  g_autofree char *method = g_strdup_printf (_("Method: %s"),
                                             pr_method_get_label (pr_results_order_method (results)->method));
  const char *unranked = results->options.treatment == PR_TREATMENT_BELOW
                         ? _("unranked people count as ranked below")
                         : _("unranked people carry no information");
  g_autofree char *resamples = NULL;

  if (results->bootstrap != NULL)
    resamples = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u bootstrap resample, seed %" PRIu64,
                                              "%u bootstrap resamples, seed %" PRIu64,
                                              results->bootstrap->resamples),
                                 results->bootstrap->resamples, (uint64_t) results->bootstrap->seed);
  return g_strjoin ("; ", method, unranked, resamples, NULL);
}

static void
section_title (Doc *doc)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (doc->info->date != NULL ? doc->info->date : now,
                                              "%Y-%m-%d");
  g_autofree char *source = NULL;
  g_autofree char *date_line = g_strdup_printf (_("Date: %s"), date);
  g_autofree char *participation = participation_text (doc);
  g_autofree char *method = method_text (doc->results);

  if (doc->info->fingerprint != NULL)
    source = g_strdup_printf (_("Round fingerprint: %s"), doc->info->fingerprint);
  else
    source = g_strdup_printf (_("PrefLib file: %s"),
                              doc->info->source != NULL ? doc->info->source : doc->info->title);
  doc_text (doc, doc->info->title, TITLE_SIZE, TRUE, &doc->style.text, 2);
  doc_text (doc, _("Peer Rank results report"), BODY_SIZE, FALSE, &doc->style.muted, 14);
  doc_text (doc, source, BODY_SIZE + 1, TRUE, &doc->style.text, 4);
  doc_text (doc, date_line, BODY_SIZE, FALSE, &doc->style.text, 4);
  doc_text (doc, participation, BODY_SIZE, FALSE, &doc->style.text, 4);
  doc_text (doc, method, BODY_SIZE, FALSE, &doc->style.text, 10);
}

static void
add_cell (GPtrArray  *cells,
          const char *text)
{
  g_ptr_array_add (cells, g_strdup (text));
}

static void
take_cell (GPtrArray *cells,
           char      *text)
{
  g_ptr_array_add (cells, text);
}

static guint
results_header (GPtrArray *cells,
                double    *widths,
                double    *xalign)
{
  guint k = 0;

#define COLUMN(text, width, align) \
  G_STMT_START { add_cell (cells, (text)); widths[k] = (width); xalign[k] = (align); k++; } G_STMT_END
  COLUMN (C_("table column", "Pos."), 32, 1);
  COLUMN (C_("table column", "Name"), 0, 0);
  COLUMN (C_("table column", "Score"), 48, 1);
  /* xgettext:no-c-format */
  COLUMN (C_("table column", "90 % interval"), 58, 1);
  /* Wide enough for "Bewertende" or "Évaluateurs", one word, at the
   * smallest header size. */
  COLUMN (C_("table column", "Raters"), 60, 1);
  COLUMN (C_("table column", "Flags"), 120, 0);
#undef COLUMN
  return k;
}

/* One row of the results table, exactly as the window shows it. */
static void
results_row (GPtrArray            *cells,
             const PrResults      *r,
             const PrResultsTable *t,
             const PrTableRow     *row)
{
  take_cell (cells, row->placed ? g_strdup_printf ("%u", row->position) : g_strdup ("—"));
  add_cell (cells, pr_profile_get_name (r->profile, row->candidate));
  take_cell (cells, pr_results_table_format_score (t->method, row->score));
  if (!row->has_interval)
    add_cell (cells, "—");
  else if (row->low == row->high)
    take_cell (cells, g_strdup_printf ("%u", row->low));
  else
    take_cell (cells, g_strdup_printf ("%u–%u", row->low, row->high));
  take_cell (cells, g_strdup_printf ("%u", row->raters));
  take_cell (cells, pr_results_format_flags (row->flags));
}

static void
results_table (Doc      *doc,
               gboolean  placed)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[8], xalign[8];
  TableShape shape = { 0, widths, xalign };

  shape.n_columns = results_header (cells, widths, xalign);
  for (guint k = 0; k < doc->table->n; k++)
    if (doc->table->rows[k].placed == placed)
      results_row (cells, doc->results, doc->table, &doc->table->rows[k]);
  if (cells->len > shape.n_columns)
    doc_table (doc, &shape, cells);
}

/* Every column in plain words (DESIGN §6): a committee reads the
 * report without the app. */
static void
explain_columns (Doc *doc)
{
  const PrResults *r = doc->results;
  g_autofree char *score = g_strdup_printf (_("Score: %s"),
                                            pr_results_describe_score (doc->table->method));
  g_autofree char *raters = g_strdup_printf (_("Raters: how many ballots rank the person. "
                                               "The round asks for at least %u before a person "
                                               "is placed."),
                                             doc->table->min_raters);

  doc_text (doc, _("How to read the table"), BODY_SIZE, TRUE, &doc->style.text, 4);
  doc_paragraph (doc, _("Pos.: the position among the people placed; people with equal "
                        "results share a position."));
  doc_paragraph (doc, score);
  if (r->bootstrap != NULL)
    /* xgettext:no-c-format */
    doc_paragraph (doc, _("90 % interval: the positions the person took in 90 % of the "
                          "resamples of the ballots. A wide interval means the ballots do not "
                          "settle the position."));
  doc_paragraph (doc, raters);
  /* xgettext:no-c-format */
  doc_paragraph (doc, _("Flags: “too few raters” and “nobody ranked them” explain why a person "
                        "has no position; “depends on the method” means that at least one "
                        "other counting method places the person outside their 90 % interval, "
                        "so read that position with care."));
}

static void
section_results (Doc *doc)
{
  g_autofree char *unplaced = pr_results_unplaced_text (doc->table->min_raters);

  doc_heading (doc, _("Results"));
  results_table (doc, TRUE);
  if (doc->table->n_placed < doc->table->n)
    {
      doc_heading (doc, pr_results_unplaced_title ());
      doc_paragraph (doc, unplaced);
      results_table (doc, FALSE);
    }
  explain_columns (doc);
}

/* DESIGN §6: separate comparison groups are missing data; people who
 * beat (or lost to) everyone they met are decisive data. */
static void
coverage_groups (Doc *doc)
{
  const PrCoverage *cov = doc->results->coverage;
  g_autofree guint *members = g_new0 (guint, cov->n + 1);

  if (cov->n_comparison_groups > 1)
    {
      g_autofree char *intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "No ballot compares these %u group with each other; positions across groups rest on no data.",
                                                             "No ballot compares these %u groups with each other; positions across groups rest on no data.",
                                                             cov->n_comparison_groups),
                                                cov->n_comparison_groups);

      doc_paragraph (doc, intro);
      for (guint g = 0; g < cov->n_comparison_groups; g++)
        {
          g_autofree char *names = pr_results_join_names (doc->results->profile, members,
                                                          pr_coverage_get_members (cov, g, FALSE,
                                                                                   members));
          g_autofree char *line = g_strdup_printf (_("Group %u: %s"), g + 1, names);

          doc_paragraph (doc, line);
        }
    }
  for (guint k = 0; k < cov->n_components; k++)
    {
      guint n = pr_coverage_get_members (cov, k, TRUE, members);
      g_autofree char *role = pr_results_describe_role (cov->component_role[k], n);
      g_autofree char *names = NULL;
      g_autofree char *line = NULL;

      if (role == NULL)
        continue;
      names = pr_results_join_names (doc->results->profile, members, n);
      line = g_strdup_printf ("%s: %s", names, role);
      doc_paragraph (doc, line);
    }
}

static void
section_coverage (Doc *doc)
{
  const PrResults *r = doc->results;
  const PrCoverage *cov = r->coverage;
  const PrMethodResult *pl = r->method[PR_METHOD_PLACKETT_LUCE];
  guint min_raters = pr_profile_get_min_raters (r->profile);

  doc_heading (doc, _("Coverage"));
  if (doc->table->n_placed < doc->table->n && !doc->table->place_all)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u person is not placed: too few raters rank them (see above).",
                                                            "%u people are not placed: too few raters rank them (see above).",
                                                            doc->table->n - doc->table->n_placed),
                                               doc->table->n - doc->table->n_placed);

      doc_paragraph (doc, text);
    }
  coverage_groups (doc);
  if (pl != NULL && !pl->converged)
    doc_paragraph (doc, _("The Plackett–Luce fit stopped before it converged; its scores are "
                          "approximate."));
  if (cov->n_below == 0 && cov->strongly_connected)
    {
      g_autofree char *text = g_strdup_printf (_("Every person has at least %u raters, and the "
                                                 "ballots compare everyone with everyone else, "
                                                 "directly or through others."), min_raters);

      doc_paragraph (doc, text);
    }
}

/* Where the page that starts at @start must end: at the last row
 * boundary that fits, so no row is cut in two. */
static double
slice_end (PrChart *chart,
           double   start,
           double   limit,
           double   height)
{
  double top, row_h, cut;
  guint n;

  if (limit >= height)
    return height;
  pr_chart_get_rows (chart, &top, &row_h, &n);
  if (limit < top || row_h <= 0)
    return limit;
  cut = top + floor ((limit - top) / row_h) * row_h;
  return cut > start + row_h ? cut : limit;
}

static void
draw_slice (Doc     *doc,
            PrChart *chart,
            double   width,
            double   height,
            double   scale,
            double   start,
            double   end)
{
  cairo_save (doc->cr);
  cairo_translate (doc->cr, PAGE_MARGIN, doc->y);
  cairo_scale (doc->cr, scale, scale);
  cairo_translate (doc->cr, 0, -start);
  cairo_rectangle (doc->cr, 0, start, width, end - start);
  cairo_clip (doc->cr);
  pr_chart_draw (chart, doc->cr, width, height);
  cairo_restore (doc->cr);
}

/* Each chart on pages of its own, as wide as the text; a chart of many
 * people continues on the next page, cut between rows. */
static void
section_chart (Doc         *doc,
               PrChartKind  kind)
{
  PrChartData *data = pr_chart_data_new (doc->results, doc->table, doc->distributions);
  g_autoptr(PrChart) chart = NULL;
  double width, height, scale;
  double per_page;

  pr_chart_data_set_round_title (data, doc->info->title);
  chart = pr_chart_new (kind, data);
  width = pr_chart_get_natural_width (chart);
  height = pr_chart_get_height_for_width (chart, width);
  scale = MIN (CONTENT_W / width, 1);
  per_page = (BOTTOM - PAGE_MARGIN) / scale;
  pr_chart_set_background (chart, FALSE);
  for (double start = 0, end; start < height; start = end)
    {
      end = slice_end (chart, start, start + per_page, height);
      doc_new_page (doc);
      draw_slice (doc, chart, width, height, scale, start, end);
      doc->y += (end - start) * scale + 12;
    }
}

static const char *
method_description (PrMethod method)
{
  switch (method)
    {
    case PR_METHOD_PLACKETT_LUCE:
      return _("Plackett–Luce fits one worth per person to all ballots at once, each ballot read "
               "as a ranking of the people it ranks. The score is the chance to be ranked above a "
               "typical teammate, one of average worth.");
    case PR_METHOD_BORDA:
      return _("Borda gives each person on a ballot of k people (k − i)/(k − 1) points for place "
               "i and averages over the ballots that rank them.");
    case PR_METHOD_COPELAND:
      return _("Copeland counts, for each person, the teammates a majority of ballots put below "
               "them minus those it puts above them.");
    case PR_METHOD_SCHULZE:
      return _("Schulze orders people by the strength of the strongest chain of majority "
               "preferences between them.");
    case PR_METHOD_RANKED_PAIRS:
      return _("Ranked pairs locks in majority preferences from the largest margin down, "
               "skipping any that would contradict those already locked.");
    case PR_METHOD_KEMENY:
    case PR_N_METHODS:
    default:
      return _("Kemeny finds the order that disagrees with the fewest pairwise preferences on "
               "the ballots.");
    }
}

/* Each method's position in the table's numbering, in the table's
 * order; placed people only. */
static void
methods_table (Doc *doc)
{
  const PrResultsTable *t = doc->table;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[PR_N_METHODS + 1] = { 0, };
  double xalign[PR_N_METHODS + 1] = { 0, };
  TableShape shape = { 1, widths, xalign };

  add_cell (cells, C_("table column", "Name"));
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (t->methods & (1u << m))
      {
        add_cell (cells, pr_method_get_label (m));
        widths[shape.n_columns] = 62;
        xalign[shape.n_columns++] = 1;
      }
  if (shape.n_columns < 3)
    return;
  for (guint k = 0; k < t->n_placed; k++)
    {
      add_cell (cells, pr_profile_get_name (doc->results->profile, t->rows[k].candidate));
      for (guint m = 0; m < PR_N_METHODS; m++)
        if (t->methods & (1u << m))
          take_cell (cells, g_strdup_printf ("%u", t->rows[k].positions[m]));
    }
  doc_heading (doc, _("Position by method"));
  doc_table (doc, &shape, cells);
}

static void
section_method (Doc *doc)
{
  const PrResults *r = doc->results;
  g_autofree char *privacy = g_strdup_printf (_("Privacy: no figure in this report rests on "
                                                "fewer than %u ballots. No breakdown of one "
                                                "person’s ratings — their position distribution "
                                                "or how they compare with each teammate — is "
                                                "shown for anyone with fewer raters, and pairs "
                                                "fewer ballots compare are left empty."),
                                              pr_profile_get_min_raters (r->profile));

  doc_new_page (doc);
  doc_heading (doc, _("Method and its limits"));
  doc_paragraph (doc, method_description (pr_results_order_method (r)->method));
  /* Wherever a Kemeny order appears: as the order, or in the methods table. */
  if (r->method[PR_METHOD_KEMENY] != NULL && pr_results_shows (r, PR_METHOD_KEMENY)
      && (pr_results_order_method (r)->method == PR_METHOD_KEMENY || !doc->compact))
    {
      g_autofree char *proof = pr_results_describe_kemeny (r->method[PR_METHOD_KEMENY]);

      doc_paragraph (doc, proof);
    }
  doc_paragraph (doc, _("Positions rest on the ballots alone. A person few teammates ranked has "
                        "no position; people ranked by separate groups cannot be compared; "
                        "close people may be ordered differently by different methods. A peer "
                        "ranking shows how teammates saw each other’s contribution, not the "
                        "contribution itself."));
  doc_paragraph (doc, privacy);
  if (doc->compact)
    doc_paragraph (doc, _("With this many people the report leaves out the charts of each "
                          "person (their score bar, position distribution and the pairwise "
                          "matrix) and the position by each method: the table above has the "
                          "same numbers, the app draws the charts, and the spreadsheet export "
                          "has every method’s positions."));
  else
    methods_table (doc);
}

typedef struct {
  guint  other;
  guint  wins;    /* ballots ranking the person above the other */
  guint  total;
} Rival;

static int
compare_rivals (gconstpointer a,
                gconstpointer b)
{
  const Rival *x = a, *y = b;
  double dx = fabs ((double) x->wins / x->total - 0.5);
  double dy = fabs ((double) y->wins / y->total - 0.5);

  if (dx != dy)
    return dx < dy ? -1 : 1;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return x->other < y->other ? -1 : (x->other > y->other);
}

/* The placed teammates the ballots split most evenly over with @c, among
 * pairs at least the minimum of ballots compare (DESIGN §6). */
static char *
closest_rivals (Doc   *doc,
                guint  c)
{
  const PrResultsTable *t = doc->table;
  const guint *N = pr_profile_get_pairwise (doc->results->profile, doc->results->options.treatment);
  guint n = t->n, min = MAX (t->min_raters, 1), n_rivals = 0;
  g_autofree Rival *rivals = g_new0 (Rival, n + 1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < t->n_placed; k++)
    {
      guint o = t->rows[k].candidate;
      guint total = o != c ? N[(gsize) c * n + o] + N[(gsize) o * n + c] : 0;

      if (total >= min)
        rivals[n_rivals++] = (Rival) { o, N[(gsize) c * n + o], total };
    }
  qsort (rivals, n_rivals, sizeof (Rival), compare_rivals);
  for (guint k = 0; k < MIN (n_rivals, RIVALS); k++)
    /* TRANSLATORS: a rival and the ballots for and against: "Bo Chen 3:2" */
    g_string_append_printf (text, _("%s%s %u:%u"), k > 0 ? ", " : "",
                            pr_profile_get_name (doc->results->profile, rivals[k].other),
                            rivals[k].wins, rivals[k].total - rivals[k].wins);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* For many people, instead of the matrix: each placed person's closest
 * rivals, where the ballots are most divided. */
static void
section_rivals (Doc *doc)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[] = { 32, 120, 0 };
  double xalign[] = { 1, 0, 0 };
  TableShape shape = { 3, widths, xalign };

  add_cell (cells, C_("table column", "Pos."));
  add_cell (cells, C_("table column", "Name"));
  add_cell (cells, C_("table column", "Closest rivals (ballots for : against)"));
  for (guint k = 0; k < doc->table->n_placed; k++)
    {
      const PrTableRow *row = &doc->table->rows[k];
      g_autofree char *rivals = closest_rivals (doc, row->candidate);

      if (rivals[0] == '\0')
        continue;
      take_cell (cells, g_strdup_printf ("%u", row->position));
      add_cell (cells, pr_profile_get_name (doc->results->profile, row->candidate));
      take_cell (cells, g_steal_pointer (&rivals));
    }
  doc_new_page (doc);
  doc_heading (doc, _("Closest rivals"));
  doc_paragraph (doc, _("With this many people a matrix of every pair is unreadable. For each "
                        "person placed, the teammates the ballots are most divided over, with "
                        "how many ballots rank the person above and below them. Only pairs "
                        "at least the round’s minimum of ballots compare are listed, and "
                        "people without such a pair are left out."));
  doc_table (doc, &shape, cells);
}

/* Influence rows: everyone allowed, or in a compact report the most
 * influenced. */
static void
appendix_influence (Doc *doc)
{
  const PrResultsAnalysis *a = doc->analysis;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[] = { 0, 90, 120 };
  double xalign[] = { 0, 1, 1 };
  TableShape shape = { 3, widths, xalign };
  guint n = 0;
  g_autofree guint *people = pr_results_analysis_influence_order (a, &n);

  doc_text (doc, _("Influence of single ballots"), BODY_SIZE, TRUE, &doc->style.text, 4);
  if (people == NULL)
    {
      doc_paragraph (doc, _("Too many different ballots to refit without each one."));
      return;
    }
  doc_paragraph (doc, _("How far each position moves when any one ballot is left out and the "
                        "rest are counted again. A position one ballot can shift by several "
                        "places rests on that ballot. People under the minimum of raters are "
                        "not listed."));
  add_cell (cells, C_("table column", "Name"));
  add_cell (cells, C_("table column", "Largest shift"));
  add_cell (cells, C_("table column", "Ballots that move them"));
  for (guint k = 0; k < (doc->compact ? MIN (n, 20) : n); k++)
    {
      const PrInfluence *p = &a->influence->people[people[k]];

      add_cell (cells, pr_profile_get_name (doc->results->profile, people[k]));
      take_cell (cells, g_strdup_printf ("%u", p->max_shift));
      take_cell (cells, g_strdup_printf ("%u", p->n_moving));
    }
  doc_table (doc, &shape, cells);
}

static void
appendix_flags (Doc *doc)
{
  const GArray *flags = doc->analysis->flags;

  doc_text (doc, _("Integrity flags"), BODY_SIZE, TRUE, &doc->style.text, 4);
  doc_paragraph (doc, _("Flags to look at, never automatic exclusions: raters who lift each "
                        "other far above where everyone else ranks them, and raters whose order "
                        "is close to the reverse of the consensus. Colleagues who work closely "
                        "together can rightly rank each other first."));
  if (flags == NULL || flags->len == 0)
    doc_paragraph (doc, _("No flags."));
  for (guint k = 0; flags != NULL && k < flags->len; k++)
    {
      g_autofree char *title = NULL;
      g_autofree char *text = pr_integrity_flag_describe (doc->results,
                                                          &g_array_index (flags, PrIntegrityFlag, k),
                                                          &title);
      g_autofree char *line = g_strdup_printf ("%s: %s", title, text);

      doc_paragraph (doc, line);
    }
}

/* What only the organizer should read: it names raters. */
static void
section_appendix (Doc *doc)
{
  if (!doc->info->appendix || doc->analysis == NULL || !doc->analysis->complete)
    return;
  doc_new_page (doc);
  doc_heading (doc, _("Organizer’s appendix"));
  doc_paragraph (doc, _("For the organizer only: the integrity flags below name raters. Remove "
                        "this page before the report goes further."));
  appendix_influence (doc);
  appendix_flags (doc);
}

static void
write_document (Doc *doc)
{
  doc->page = 1;
  doc->y = PAGE_MARGIN;
  section_title (doc);
  section_results (doc);
  section_coverage (doc);
  if (doc->compact)
    section_rivals (doc);
  else
    {
      section_chart (doc, PR_CHART_SCORES);
      if (doc->distributions != NULL)
        section_chart (doc, PR_CHART_DISTRIBUTION);
      section_chart (doc, PR_CHART_PAIRWISE);
    }
  section_method (doc);
  section_appendix (doc);
  doc_footer (doc);
  cairo_show_page (doc->cr);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* One pass over the document; returns its pages, or 0 on a Cairo error. */
static guint
render_pass (Doc         *doc,
             GByteArray  *out,
             GError     **error)
{
  cairo_surface_t *surface = out != NULL
    ? cairo_pdf_surface_create_for_stream (pr_chart_write_to_array, out, PAGE_W, PAGE_H)
    : cairo_pdf_surface_create_for_stream (discard, NULL, PAGE_W, PAGE_H);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->info->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Peer Rank");
  doc->cr = cairo_create (surface);
  write_document (doc);
  status = cairo_status (doc->cr);
  cairo_destroy (doc->cr);
  doc->cr = NULL;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PR_CHART_ERROR, PR_CHART_ERROR_CAIRO,
                   _("Could not write the report: %s"), cairo_status_to_string (status));
      return 0;
    }
  return doc->page;
}

GBytes *
pr_report_render (const PrReportInfo       *info,
                  const PrResultsAnalysis  *analysis,
                  const PrResultsTable     *table,
                  GError                  **error)
{
  return pr_report_render_with_stats (info, analysis, table, NULL, error);
}

GBytes *
pr_report_render_with_stats (const PrReportInfo       *info,
                             const PrResultsAnalysis  *analysis,
                             const PrResultsTable     *table,
                             PrReportHeaderStats      *stats,
                             GError                  **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(PrResultsTable) own = NULL;
  g_autofree guint *own_distributions = NULL;
  Doc doc = { 0, };

  g_return_val_if_fail (info != NULL && info->title != NULL, NULL);
  g_return_val_if_fail (analysis != NULL && analysis->results != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc.info = info;
  doc.analysis = analysis;
  doc.results = analysis->results;
  doc.table = table != NULL ? table : (own = pr_results_get_table (analysis->results));
  /* A table of the analysis's own has its distribution made; another
   * (the CLI's options) is counted here, in the caller's thread. */
  doc.distributions = pr_results_analysis_get_distribution (analysis, doc.table);
  if (doc.distributions == NULL && analysis->results->bootstrap != NULL)
    doc.distributions = own_distributions = pr_results_table_distributions (doc.table,
                                                                            analysis->results->bootstrap);
  doc.compact = doc.table->n >= COMPACT_MIN;
  doc.body = doc.compact ? 8.0 : BODY_SIZE;
  pr_chart_style_init (&doc.style, FALSE);
  /* The first pass counts the pages, so each can say "Page k of N"; the
   * second is the one drawn. */
  if ((doc.total = render_pass (&doc, NULL, error)) == 0)
    return NULL;
  if (stats != NULL)
    *stats = (PrReportHeaderStats) { 0, };
  doc.stats = stats;
  if (render_pass (&doc, out, error) == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
