/* pr-results-json.c — a tally as DESIGN §7's JSON, with its table
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

#include "pr-results-json.h"
#include "pr-results-table.h"

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
  json_builder_set_member_name (b, "comparison_groups");
  json_builder_begin_array (b);
  for (guint k = 0; k < c->n_comparison_groups; k++)
    {
      guint size = 0;

      for (guint i = 0; i < c->n; i++)
        if (c->comparison_group[i] == k)
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

static void
add_optional_uint (JsonBuilder *b,
                   const char  *name,
                   gboolean     present,
                   guint        value)
{
  json_builder_set_member_name (b, name);
  if (present)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_table_row (JsonBuilder          *b,
               PrProfile            *profile,
               const PrResultsTable *t,
               const PrTableRow     *row)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, pr_profile_get_id (profile, row->candidate));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, pr_profile_get_name (profile, row->candidate));
  add_optional_uint (b, "position", row->placed, row->position);
  json_builder_set_member_name (b, "placed");
  json_builder_add_boolean_value (b, row->placed);
  json_builder_set_member_name (b, "score");
  add_number (b, row->score);
  add_optional_uint (b, "low", row->has_interval, row->low);
  add_optional_uint (b, "high", row->has_interval, row->high);
  json_builder_set_member_name (b, "raters");
  json_builder_add_int_value (b, row->raters);
  json_builder_set_member_name (b, "positions");
  json_builder_begin_object (b);
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (t->methods & (1u << m))
      add_optional_uint (b, pr_method_to_string (m), row->positions[m] != 0, row->positions[m]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint f = 0; f < PR_TABLE_N_FLAGS; f++)
    if (row->flags & (1u << f))
      json_builder_add_string_value (b, pr_table_flag_to_string (1u << f));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* DESIGN §7.1 "table": the rows every output renders. */
static void
add_table (JsonBuilder          *b,
           PrProfile            *profile,
           const PrResultsTable *t)
{
  json_builder_set_member_name (b, "table");
  json_builder_begin_array (b);
  for (guint k = 0; k < t->n; k++)
    add_table_row (b, profile, t, &t->rows[k]);
  json_builder_end_array (b);
}

void
pr_results_add_json_members (JsonBuilder          *b,
                             const PrResults      *r,
                             const PrResultsTable *table)
{
  g_autoptr(PrResultsTable) own = NULL;

  g_return_if_fail (r != NULL);

  if (table == NULL)
    table = own = pr_results_get_table (r);
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
  add_table (b, r->profile, table);
}

char *
pr_results_json_finish (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
pr_results_to_json (const PrResults      *r,
                    const PrResultsTable *table)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (r != NULL, NULL);

  json_builder_begin_object (b);
  pr_results_add_json_members (b, r, table);
  json_builder_end_object (b);
  return pr_results_json_finish (b);
}
