/* pr-results.c — a complete tally and its JSON, CSV and text forms
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pr-results.h"

void
pr_tally_options_init (PrTallyOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->primary = PR_METHOD_PLACKETT_LUCE;
  options->treatment = PR_TREATMENT_IGNORE;
  options->positions = TRUE;
}

gboolean
pr_results_needs_primary (const PrTallyOptions *options)
{
  g_return_val_if_fail (options != NULL, FALSE);

  return options->positions || options->bootstrap > 0 || options->agreement;
}

gboolean
pr_results_shows (const PrResults *results,
                  PrMethod         method)
{
  guint mask = results->options.methods != 0 ? results->options.methods
                                             : (1u << PR_N_METHODS) - 1;

  return (mask & (1u << method)) != 0;
}

PrResults *
pr_results_compute (PrProfile            *profile,
                    const PrTallyOptions *options,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(PrResults) r = g_new0 (PrResults, 1);
  PrMethod p;

  g_return_val_if_fail (profile != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->primary < PR_N_METHODS, NULL);

  r->profile = pr_profile_ref (profile);
  r->options = *options;
  p = options->primary;
  /* Only what is shown, and the primary where something needs it: a
   * method nobody asked for costs time and could only fail. */
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      if (!pr_results_shows (r, m) && (m != p || !pr_results_needs_primary (options)))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      r->method[m] = pr_method_run (m, profile, options->treatment);
    }
  r->coverage = pr_coverage_compute (profile);
  if (options->bootstrap > 0)
    {
      r->bootstrap = pr_bootstrap_run_with_progress (profile, p, options->treatment,
                                                     r->method[p], options->bootstrap,
                                                     options->seed, options->n_threads,
                                                     options->bootstrap_progress,
                                                     options->bootstrap_progress_data,
                                                     cancellable, error);
      if (r->bootstrap == NULL)
        return NULL;
    }
  if (options->agreement)
    {
      r->agreement = pr_agreement_compute (profile, p, options->treatment, r->method[p],
                                           options->n_threads, cancellable, error);
      if (r->agreement == NULL)
        return NULL;
    }
  return g_steal_pointer (&r);
}

typedef struct {
  PrProfile      *profile;
  PrTallyOptions  options;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  pr_profile_unref (data->profile);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  PrResults *results = pr_results_compute (data->profile, &data->options, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) pr_results_free);
}

void
pr_results_compute_async (PrProfile            *profile,
                          const PrTallyOptions *options,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (profile != NULL && options != NULL);

  /* Fill the profile's caches here, so the worker only reads it. */
  pr_profile_fill_caches (profile, options->treatment);
  data = g_new0 (ComputeData, 1);
  data->profile = pr_profile_ref (profile);
  data->options = *options;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_results_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

PrResults *
pr_results_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_results_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pr_results_free (PrResults *results)
{
  if (results == NULL)
    return;
  for (guint m = 0; m < PR_N_METHODS; m++)
    pr_method_result_free (results->method[m]);
  pr_coverage_free (results->coverage);
  pr_agreement_free (results->agreement);
  pr_bootstrap_free (results->bootstrap);
  g_clear_pointer (&results->profile, pr_profile_unref);
  g_free (results);
}

/* -- JSON (DESIGN §7) ------------------------------------------------------ */

static void
add_number (JsonBuilder *b,
            double       value)
{
  if (isnan (value) || isinf (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_ranking (JsonBuilder          *b,
             PrProfile            *profile,
             const PrMethodResult *m)
{
  g_autofree guint *members = g_new0 (guint, m->n + 1);

  json_builder_set_member_name (b, "ranking");
  json_builder_begin_array (b);
  for (guint g = 0; g < m->n_groups; g++)
    {
      guint k = pr_method_result_get_group (m, g, members);

      json_builder_begin_array (b);
      for (guint i = 0; i < k; i++)
        json_builder_add_string_value (b, pr_profile_get_id (profile, members[i]));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

/* A member {id: value} with one number per candidate; `integer` writes
 * whole numbers (Copeland) as JSON integers. */
static void
add_per_candidate (JsonBuilder  *b,
                   PrProfile    *profile,
                   const char   *name,
                   const double *values,
                   gboolean      integer)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint c = 0; c < pr_profile_get_n_candidates (profile); c++)
    {
      json_builder_set_member_name (b, pr_profile_get_id (profile, c));
      if (integer && !isnan (values[c]))
        json_builder_add_int_value (b, (gint64) values[c]);
      else
        add_number (b, values[c]);
    }
  json_builder_end_object (b);
}

static void
add_method (JsonBuilder          *b,
            PrProfile            *profile,
            const PrMethodResult *m)
{
  json_builder_set_member_name (b, pr_method_to_string (m->method));
  json_builder_begin_object (b);
  add_ranking (b, profile, m);
  switch (m->method)
    {
    case PR_METHOD_BORDA:
    case PR_METHOD_COPELAND:
      add_per_candidate (b, profile, "scores", m->score, m->method == PR_METHOD_COPELAND);
      break;
    case PR_METHOD_KEMENY:
      json_builder_set_member_name (b, "distance");
      json_builder_add_int_value (b, (gint64) m->distance);
      json_builder_set_member_name (b, "exact");
      json_builder_add_boolean_value (b, m->exact);
      json_builder_set_member_name (b, "lower_bound");
      json_builder_add_int_value (b, (gint64) m->lower_bound);
      break;
    case PR_METHOD_PLACKETT_LUCE:
      add_per_candidate (b, profile, "log_worth", m->score, FALSE);
      add_per_candidate (b, profile, "std_error", m->std_error, FALSE);
      json_builder_set_member_name (b, "alpha");
      json_builder_add_double_value (b, m->alpha);
      /* FALSE when the fit stopped short of its tolerance (DESIGN §7):
       * the log-worths are then approximate. */
      json_builder_set_member_name (b, "converged");
      json_builder_add_boolean_value (b, m->converged);
      break;
    case PR_METHOD_SCHULZE:
    case PR_METHOD_RANKED_PAIRS:
    case PR_N_METHODS:
    default:
      break;
    }
  json_builder_end_object (b);
}

static void
add_id_list (JsonBuilder *b,
             PrProfile   *profile,
             const guint *members,
             guint        k)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < k; i++)
    json_builder_add_string_value (b, pr_profile_get_id (profile, members[i]));
  json_builder_end_array (b);
}

static void
add_coverage (JsonBuilder      *b,
              const PrResults  *r)
{
  const PrCoverage *c = r->coverage;
  g_autofree guint *members = g_new0 (guint, c->n + 1);

  json_builder_set_member_name (b, "coverage");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "raters");
  json_builder_begin_object (b);
  for (guint i = 0; i < c->n; i++)
    {
      json_builder_set_member_name (b, pr_profile_get_id (r->profile, i));
      json_builder_add_int_value (b, c->raters[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "below_min_raters");
  add_id_list (b, r->profile, c->below, c->n_below);
  json_builder_set_member_name (b, "strongly_connected");
  json_builder_add_boolean_value (b, c->strongly_connected);
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  /* Components are numbered by their first member: listing them by
   * number lists them by first member, each in candidate order. */
  for (guint k = 0; k < c->n_components; k++)
    {
      guint size = 0;

      for (guint i = 0; i < c->n; i++)
        if (c->component[i] == k)
          members[size++] = i;
      add_id_list (b, r->profile, members, size);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* "raters" in canonical (sorted) profile order, anonymous ones named
 * "#k" by their place in that list (see agreement_raters() in
 * pr-stats.c): neither follows the order of the ballots in the input. */
static void
add_agreement (JsonBuilder       *b,
               const PrAgreement *a)
{
  json_builder_set_member_name (b, "agreement");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kendall_w");
  add_number (b, a->kendall_w);
  json_builder_set_member_name (b, "raters");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->n_raters; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rater");
      json_builder_add_string_value (b, a->raters[i].rater);
      json_builder_set_member_name (b, "tau");
      add_number (b, a->raters[i].tau);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_bootstrap (JsonBuilder       *b,
               PrProfile         *profile,
               const PrBootstrap *bs)
{
  json_builder_set_member_name (b, "bootstrap");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "resamples");
  json_builder_add_int_value (b, bs->resamples);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) bs->seed);
  json_builder_set_member_name (b, "positions");
  json_builder_begin_object (b);
  for (guint c = 0; c < bs->n; c++)
    {
      json_builder_set_member_name (b, pr_profile_get_id (profile, c));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "median");
      json_builder_add_int_value (b, bs->median[c]);
      json_builder_set_member_name (b, "low");
      json_builder_add_int_value (b, bs->low[c]);
      json_builder_set_member_name (b, "high");
      json_builder_add_int_value (b, bs->high[c]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_candidates (JsonBuilder *b,
                PrProfile   *profile)
{
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint c = 0; c < pr_profile_get_n_candidates (profile); c++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, pr_profile_get_id (profile, c));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, pr_profile_get_name (profile, c));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
pr_results_to_json (const PrResults *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  json_builder_begin_object (b);
  add_candidates (b, r->profile);
  json_builder_set_member_name (b, "ballots");
  json_builder_add_int_value (b, pr_profile_get_n_ballots (r->profile));
  json_builder_set_member_name (b, "treatment");
  json_builder_add_string_value (b, pr_treatment_to_string (r->options.treatment));
  json_builder_set_member_name (b, "methods");
  json_builder_begin_object (b);
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m))
      add_method (b, r->profile, r->method[m]);
  json_builder_end_object (b);
  add_coverage (b, r);
  if (r->agreement != NULL)
    add_agreement (b, r->agreement);
  if (r->bootstrap != NULL)
    add_bootstrap (b, r->profile, r->bootstrap);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* -- CSV ------------------------------------------------------------------ */

/* RFC 4180 quoting; a leading = + - @ gets a ' so a spreadsheet never
 * runs a name as a formula. */
static void
csv_text (GString    *out,
          const char *text)
{
  gboolean formula = strchr ("=+-@", text[0]) != NULL && text[0] != '\0';

  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

/* The shortest of 15–17 significant digits that reads back as the same
 * double: 0.3, not 0.29999999999999999. */
static void
csv_number (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (isnan (value))
    return;
  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
csv_header (GString         *out,
            const PrResults *r)
{
  g_string_append (out, "id,name,raters");
  for (guint m = 0; m < PR_N_METHODS; m++)
    {
      const char *t = pr_method_to_string (m);

      if (!pr_results_shows (r, m))
        continue;
      g_string_append_printf (out, ",%s_position", t);
      if (m == PR_METHOD_BORDA || m == PR_METHOD_COPELAND)
        g_string_append_printf (out, ",%s_score", t);
      if (m == PR_METHOD_PLACKETT_LUCE)
        g_string_append_printf (out, ",%s_log_worth,%s_std_error", t, t);
    }
  if (r->bootstrap != NULL)
    g_string_append (out, ",bootstrap_median,bootstrap_low,bootstrap_high");
  g_string_append (out, ",position_varies\r\n");
}

/* The shown methods, for sensitivity. */
static guint
shown_results (const PrResults *r,
               PrMethodResult **out)
{
  guint k = 0;

  for (guint m = 0; m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m))
      out[k++] = r->method[m];
  return k;
}

/* Method sensitivity of one person across the methods shown, as the CSV
 * column and the text table's "*" report it. */
gboolean
pr_results_position_varies (const PrResults *results,
                            guint            candidate)
{
  PrMethodResult *shown[PR_N_METHODS];
  guint n_shown;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (candidate < pr_profile_get_n_candidates (results->profile), FALSE);

  n_shown = shown_results (results, shown);
  return pr_position_varies (shown, n_shown, candidate);
}

char *
pr_results_to_csv (const PrResults *r)
{
  GString *out = g_string_new (NULL);
  PrMethodResult *shown[PR_N_METHODS];
  guint n_shown = shown_results (r, shown);

  csv_header (out, r);
  for (guint c = 0; c < pr_profile_get_n_candidates (r->profile); c++)
    {
      csv_text (out, pr_profile_get_id (r->profile, c));
      g_string_append_c (out, ',');
      csv_text (out, pr_profile_get_name (r->profile, c));
      g_string_append_printf (out, ",%u", r->coverage->raters[c]);
      for (guint k = 0; k < n_shown; k++)
        {
          const PrMethodResult *m = shown[k];

          g_string_append_printf (out, ",%u", m->position[c]);
          if (m->score != NULL)
            csv_number (out, m->score[c]);
          if (m->std_error != NULL)
            csv_number (out, m->std_error[c]);
        }
      if (r->bootstrap != NULL)
        g_string_append_printf (out, ",%u,%u,%u", r->bootstrap->median[c],
                                r->bootstrap->low[c], r->bootstrap->high[c]);
      g_string_append (out, pr_position_varies (shown, n_shown, c) ? ",true\r\n" : ",false\r\n");
    }
  return g_string_free (out, FALSE);
}

/* -- Text table ------------------------------------------------------------ */

typedef struct {
  GPtrArray *cells;   /* of char*, row-major */
  guint      n_columns;
} Table;

static void
table_add (Table      *t,
           const char *text)
{
  g_ptr_array_add (t->cells, g_strdup (text));
}

static void
table_print (const Table *t,
             GString     *out)
{
  g_autofree gsize *width = g_new0 (gsize, t->n_columns);

  for (guint i = 0; i < t->cells->len; i++)
    width[i % t->n_columns] = MAX (width[i % t->n_columns],
                                   (gsize) g_utf8_strlen (g_ptr_array_index (t->cells, i), -1));
  for (guint i = 0; i < t->cells->len; i++)
    {
      const char *cell = g_ptr_array_index (t->cells, i);
      guint col = i % t->n_columns;

      g_string_append (out, cell);
      if (col + 1 == t->n_columns)
        {
          /* No padding at the end of a line. */
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '\n');
          continue;
        }
      for (gsize pad = g_utf8_strlen (cell, -1); pad < width[col] + 2; pad++)
        g_string_append_c (out, ' ');
    }
}

static int
compare_primary (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PrMethodResult *m = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (m->position[x] != m->position[y])
    return m->position[x] < m->position[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

/* The method the table is ordered by: the primary, or without it (its
 * positions were not asked for) the first method shown. */
static const PrMethodResult *
order_method (const PrResults *r)
{
  for (guint m = 0; r->method[r->options.primary] == NULL && m < PR_N_METHODS; m++)
    if (pr_results_shows (r, m) && r->method[m] != NULL)
      return r->method[m];
  return r->method[r->options.primary];
}

static void
text_header_row (Table           *t,
                 const PrResults *r,
                 PrMethodResult **shown,
                 guint            n_shown)
{
  const PrMethodResult *p = order_method (r);

  table_add (t, C_("table column", "Pos."));
  table_add (t, C_("table column", "Name"));
  if (p->score != NULL)
    table_add (t, C_("table column", "Score"));
  if (p->method == PR_METHOD_PLACKETT_LUCE)
    table_add (t, C_("table column", "Above typical"));
  if (r->bootstrap != NULL)
    /* xgettext:no-c-format */
    table_add (t, C_("table column", "90 % interval"));
  table_add (t, C_("table column", "Raters"));
  for (guint k = 0; k < n_shown; k++)
    table_add (t, pr_method_get_label (shown[k]->method));
  table_add (t, "");
}

static void
text_row (Table           *t,
          const PrResults *r,
          PrMethodResult **shown,
          guint            n_shown,
          guint            c)
{
  const PrMethodResult *p = order_method (r);
  char buf[64];

  g_snprintf (buf, sizeof buf, "%u", p->position[c]);
  table_add (t, buf);
  table_add (t, pr_profile_get_name (r->profile, c));
  if (p->score != NULL)
    {
      if (isnan (p->score[c]))
        table_add (t, "—");
      else
        {
          g_snprintf (buf, sizeof buf, "%.3f", p->score[c]);
          table_add (t, buf);
        }
    }
  /* DESIGN §6: the chance to be ranked above a typical teammate, one
   * whose log-worth is the mean (0 after centring): 1 / (1 + e^−θ). */
  if (p->method == PR_METHOD_PLACKETT_LUCE)
    {
      g_snprintf (buf, sizeof buf, "%.0f %%", 100.0 / (1.0 + exp (-p->score[c])));
      table_add (t, buf);
    }
  if (r->bootstrap != NULL)
    {
      g_snprintf (buf, sizeof buf, "%u–%u", r->bootstrap->low[c], r->bootstrap->high[c]);
      table_add (t, buf);
    }
  g_snprintf (buf, sizeof buf, "%u%s", r->coverage->raters[c],
              r->coverage->raters[c] < pr_profile_get_min_raters (r->profile) ? " !" : "");
  table_add (t, buf);
  for (guint k = 0; k < n_shown; k++)
    {
      g_snprintf (buf, sizeof buf, "%u", shown[k]->position[c]);
      table_add (t, buf);
    }
  table_add (t, pr_position_varies (shown, n_shown, c) ? "*" : "");
}

static void
text_notes (GString         *out,
            const PrResults *r)
{
  const PrMethodResult *kemeny = r->method[PR_METHOD_KEMENY];
  const PrMethodResult *pl = r->method[PR_METHOD_PLACKETT_LUCE];

  PrMethodResult *shown[PR_N_METHODS];
  guint n_shown = shown_results (r, shown);
  gboolean varies = FALSE;

  for (guint c = 0; c < r->coverage->n; c++)
    varies = varies || pr_position_varies (shown, n_shown, c);
  g_string_append_c (out, '\n');
  if (varies)
    g_string_append_printf (out, "%s\n", _("* the position depends on the method."));
  if (r->coverage->n_below > 0)
    g_string_append_printf (out, _("! fewer raters than the minimum of %u.\n"),
                            pr_profile_get_min_raters (r->profile));
  if (!r->coverage->strongly_connected)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The people fall into %u group that no ballot compares "
                                         "with the others; rankings across groups rest on no data.\n",
                                         "The people fall into %u groups that no ballot compares "
                                         "with each other; rankings across groups rest on no data.\n",
                                         r->coverage->n_components),
                            r->coverage->n_components);
  if (kemeny != NULL && pr_results_shows (r, PR_METHOD_KEMENY) && !kemeny->exact)
    g_string_append_printf (out, _("Kemeny: too many people for the exact method; a local "
                                   "search found distance %" PRIu64
                                   " (no order does better than %" PRIu64 ").\n"),
                            kemeny->distance, kemeny->lower_bound);
  /* The JSON says so in plackett_luce's "converged". */
  if (pl != NULL && !pl->converged)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Plackett–Luce: the fit stopped after %u step without "
                                         "converging; its log-worths are approximate.\n",
                                         "Plackett–Luce: the fit stopped after %u steps without "
                                         "converging; its log-worths are approximate.\n",
                                         pl->iterations),
                            pl->iterations);
  if (r->agreement != NULL && !isnan (r->agreement->kendall_w))
    g_string_append_printf (out, _("Agreement between raters (Kendall’s W): %.3f\n"),
                            r->agreement->kendall_w);
}

char *
pr_results_to_text (const PrResults *r)
{
  guint n = pr_profile_get_n_candidates (r->profile);
  g_autofree guint *idx = g_new0 (guint, n + 1);
  PrMethodResult *shown[PR_N_METHODS];
  guint n_shown = shown_results (r, shown);
  Table t = { g_ptr_array_new_with_free_func (g_free), 0 };
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u ballot; unranked people: %s; order by %s.\n\n",
                                       "%u ballots; unranked people: %s; order by %s.\n\n",
                                       pr_profile_get_n_ballots (r->profile)),
                          pr_profile_get_n_ballots (r->profile),
                          r->options.treatment == PR_TREATMENT_BELOW
                          ? _("ranked below") : _("no information"),
                          pr_method_get_label (order_method (r)->method));
  text_header_row (&t, r, shown, n_shown);
  t.n_columns = t.cells->len;
  for (guint c = 0; c < n; c++)
    idx[c] = c;
  g_qsort_with_data (idx, n, sizeof (guint), compare_primary, (gpointer) order_method (r));
  for (guint k = 0; k < n; k++)
    text_row (&t, r, shown, n_shown, idx[k]);
  table_print (&t, out);
  text_notes (out, r);
  g_ptr_array_unref (t.cells);
  return g_string_free (out, FALSE);
}
