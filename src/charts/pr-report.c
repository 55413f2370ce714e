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

#include "pr-chart.h"
#include "pr-chart-private.h"
#include "pr-chart-style.h"
#include "pr-report.h"

/* A4 in PostScript points. */
#define PAGE_W       595.28
#define PAGE_H       841.89
#define PAGE_MARGIN   56.0
#define CONTENT_W    (PAGE_W - 2 * PAGE_MARGIN)
#define BOTTOM       (PAGE_H - PAGE_MARGIN - 24)
#define BODY_SIZE      9.5
#define HEADING_SIZE  13.0
#define TITLE_SIZE    20.0

typedef struct {
  cairo_t                   *cr;
  const PrReportInfo        *info;
  const PrResults           *results;
  const PrPositionHistogram *histogram;
  PrChartStyle               style;
  double                     y;
  guint                      page;   /* 1-based */
  guint                      total;  /* 0 while counting pages */
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

      layouts[k] = pr_chart_text_layout (doc->cr, cells[k], header ? 7.5 : BODY_SIZE, header,
                                         column_width (shape, k) - 6, 2);
      pr_chart_text_size (layouts[k], NULL, &h);
      row_h = MAX (row_h, h + 6);
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
                                doc->y + 3);
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
                                             pr_method_get_label (results->options.primary));
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

/* The order of `tally`'s text table: primary position, then candidate
 * order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PrMethodResult *m = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (m->position[x] != m->position[y])
    return m->position[x] < m->position[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

static guint *
display_order (const PrResults *results)
{
  guint n = pr_profile_get_n_candidates (results->profile);
  guint *order = g_new0 (guint, n + 1);

  for (guint c = 0; c < n; c++)
    order[c] = c;
  g_qsort_with_data (order, n, sizeof (guint), compare_rows,
                     results->method[results->options.primary]);
  return order;
}

static void
add_cell (GPtrArray  *cells,
          const char *text)
{
  g_ptr_array_add (cells, g_strdup (text));
}

static guint
results_header (GPtrArray       *cells,
                double          *widths,
                double          *xalign,
                const PrResults *r)
{
  const PrMethodResult *p = r->method[r->options.primary];
  guint k = 0;

#define COLUMN(text, width, align) \
  G_STMT_START { add_cell (cells, (text)); widths[k] = (width); xalign[k] = (align); k++; } G_STMT_END
  COLUMN (C_("table column", "Pos."), 36, 1);
  COLUMN (C_("table column", "Name"), 0, 0);
  if (p->score != NULL)
    COLUMN (p->method == PR_METHOD_PLACKETT_LUCE ? C_("table column", "Log-worth")
                                                 : C_("table column", "Score"), 64, 1);
  if (p->method == PR_METHOD_PLACKETT_LUCE)
    COLUMN (C_("table column", "Above typical"), 72, 1);
  if (r->bootstrap != NULL)
    /* xgettext:no-c-format */
    COLUMN (C_("table column", "90 % interval"), 72, 1);
  COLUMN (C_("table column", "Raters"), 54, 1);
  COLUMN ("", 20, 0);
#undef COLUMN
  return k;
}

static void
results_row (GPtrArray       *cells,
             const PrResults *r,
             guint            c)
{
  const PrMethodResult *p = r->method[r->options.primary];
  guint raters = r->coverage->raters[c];
  g_autoptr(GString) flags = g_string_new (NULL);
  char buf[64];

  g_snprintf (buf, sizeof buf, "%u", p->position[c]);
  add_cell (cells, buf);
  add_cell (cells, pr_profile_get_name (r->profile, c));
  if (p->score != NULL)
    {
      /* As `tally`'s text table prints them. */
      if (isnan (p->score[c]) || raters == 0)
        g_strlcpy (buf, "—", sizeof buf);
      else
        g_snprintf (buf, sizeof buf, "%.3f", p->score[c]);
      add_cell (cells, buf);
    }
  if (p->method == PR_METHOD_PLACKETT_LUCE)
    {
      if (raters == 0)
        g_strlcpy (buf, "—", sizeof buf);
      else
        g_snprintf (buf, sizeof buf, "%.0f %%", 100 * pr_chart_chance_above_typical (p->score[c]));
      add_cell (cells, buf);
    }
  if (r->bootstrap != NULL)
    {
      g_snprintf (buf, sizeof buf, "%u–%u", r->bootstrap->low[c], r->bootstrap->high[c]);
      add_cell (cells, buf);
    }
  g_snprintf (buf, sizeof buf, "%u", raters);
  add_cell (cells, buf);
  if (raters < pr_profile_get_min_raters (r->profile))
    g_string_append_c (flags, '!');
  if (pr_results_position_varies (r, c))
    g_string_append_c (flags, '*');
  add_cell (cells, flags->str);
}

static void
section_results (Doc         *doc,
                 const guint *order)
{
  const PrResults *r = doc->results;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[8], xalign[8];
  TableShape shape = { 0, widths, xalign };
  guint n = pr_profile_get_n_candidates (r->profile);
  g_autofree char *thin = g_strdup_printf (_("! fewer raters than the round’s minimum of %u; "
                                             "* the position depends on the method."),
                                           pr_profile_get_min_raters (r->profile));

  doc_heading (doc, _("Results"));
  shape.n_columns = results_header (cells, widths, xalign, r);
  for (guint i = 0; i < n; i++)
    results_row (cells, r, order[i]);
  doc_table (doc, &shape, cells);
  doc_text (doc, thin, 8.5, FALSE, &doc->style.muted, 8);
}

static char *
join_names (const PrResults *r,
            const guint     *candidates,
            guint            n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, pr_profile_get_name (r->profile, candidates[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
coverage_groups (Doc *doc)
{
  const PrCoverage *cov = doc->results->coverage;
  g_autofree guint *members = g_new0 (guint, cov->n + 1);
  g_autofree char *intro = NULL;

  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The ballots compare the people only within %u group; "
                                        "positions across groups rest on no data.",
                                        "The ballots compare the people only within %u separate "
                                        "groups; positions across groups rest on no data.",
                                        cov->n_components),
                           cov->n_components);
  doc_paragraph (doc, intro);
  for (guint g = 0; g < cov->n_components; g++)
    {
      guint k = 0;
      g_autofree char *names = NULL;
      g_autofree char *line = NULL;

      for (guint c = 0; c < cov->n; c++)
        if (cov->component[c] == g)
          members[k++] = c;
      names = join_names (doc->results, members, k);
      line = g_strdup_printf (_("Group %u: %s"), g + 1, names);
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
  if (cov->n_below > 0)
    {
      g_autofree char *names = join_names (r, cov->below, cov->n_below);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u person has fewer than %u raters: %s. "
                                                            "Their position rests on little information, "
                                                            "and no breakdown of their ratings is shown.",
                                                            "%u people have fewer than %u raters: %s. "
                                                            "Their positions rest on little information, "
                                                            "and no breakdown of their ratings is shown.",
                                                            cov->n_below),
                                               cov->n_below, min_raters, names);

      doc_paragraph (doc, text);
    }
  if (!cov->strongly_connected)
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
  g_autoptr(PrChart) chart = pr_chart_new (kind, pr_chart_data_new (doc->results, doc->histogram));
  double width = pr_chart_get_natural_width (chart);
  double height = pr_chart_get_height_for_width (chart, width);
  double scale = MIN (CONTENT_W / width, 1);
  double per_page = (BOTTOM - PAGE_MARGIN) / scale;

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

static void
methods_table (Doc         *doc,
               const guint *order)
{
  const PrResults *r = doc->results;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  double widths[PR_N_METHODS + 1] = { 0, };
  double xalign[PR_N_METHODS + 1] = { 0, };
  TableShape shape = { 1, widths, xalign };
  guint n = pr_profile_get_n_candidates (r->profile);

  add_cell (cells, C_("table column", "Name"));
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m) && r->method[m] != NULL)
      {
        add_cell (cells, pr_method_get_label (m));
        widths[shape.n_columns] = 62;
        xalign[shape.n_columns++] = 1;
      }
  if (shape.n_columns < 3)
    return;
  for (guint i = 0; i < n; i++)
    {
      add_cell (cells, pr_profile_get_name (r->profile, order[i]));
      for (guint m = 0; m < PR_N_METHODS; m++)
        if (pr_results_shows (r, m) && r->method[m] != NULL)
          {
            g_autofree char *pos = g_strdup_printf ("%u", r->method[m]->position[order[i]]);

            add_cell (cells, pos);
          }
    }
  doc_heading (doc, _("Position by method"));
  doc_table (doc, &shape, cells);
}

static void
section_method (Doc         *doc,
                const guint *order)
{
  const PrResults *r = doc->results;
  g_autofree char *privacy = g_strdup_printf (_("Privacy: no breakdown of one person’s ratings "
                                                "— their position distribution or how they "
                                                "compare with each teammate — is shown for anyone "
                                                "with fewer than %u raters."),
                                              pr_profile_get_min_raters (r->profile));

  doc_new_page (doc);
  doc_heading (doc, _("Method and its limits"));
  doc_paragraph (doc, method_description (r->options.primary));
  if (r->bootstrap != NULL)
    /* xgettext:no-c-format */
    doc_paragraph (doc, _("The 90 % interval of a position comes from resampling the ballots "
                          "with replacement and ranking again: in 90 % of the resamples the "
                          "person’s position fell inside it. A wide interval means the ballots do "
                          "not settle that position."));
  doc_paragraph (doc, _("Positions rest on the ballots alone. A person few teammates ranked has "
                        "an uncertain position; people ranked by separate groups cannot be "
                        "compared; close people may be ordered differently by different methods "
                        "(marked *). A peer ranking shows how teammates saw each other’s "
                        "contribution, not the contribution itself."));
  doc_paragraph (doc, privacy);
  methods_table (doc, order);
}

static void
write_document (Doc *doc)
{
  g_autofree guint *order = display_order (doc->results);

  doc->page = 1;
  doc->y = PAGE_MARGIN;
  section_title (doc);
  section_results (doc, order);
  section_coverage (doc);
  section_chart (doc, PR_CHART_SCORES);
  if (doc->histogram != NULL && doc->results->bootstrap != NULL)
    section_chart (doc, PR_CHART_DISTRIBUTION);
  section_chart (doc, PR_CHART_PAIRWISE);
  section_method (doc, order);
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
pr_report_render (const PrReportInfo         *info,
                  const PrResults            *results,
                  const PrPositionHistogram  *histogram,
                  GError                    **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  Doc doc = { 0, };

  g_return_val_if_fail (info != NULL && info->title != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (results->method[results->options.primary] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc.info = info;
  doc.results = results;
  doc.histogram = histogram;
  pr_chart_style_init (&doc.style, FALSE);
  /* The first pass counts the pages, so each can say "Page k of N". */
  if ((doc.total = render_pass (&doc, NULL, error)) == 0
      || render_pass (&doc, out, error) == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
