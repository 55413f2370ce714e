/* pr-results.h — a complete tally and its JSON, CSV and text forms
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pr-methods.h"
#include "pr-profile.h"
#include "pr-results-table.h"
#include "pr-stats.h"

G_BEGIN_DECLS

typedef struct {
  guint        methods;     /* mask of 1 << PrMethod to show; 0 means all six.
                             * Methods not shown are not computed, except the
                             * primary one where something needs it. */
  PrMethod     primary;     /* default plackett_luce */
  gboolean     positions;   /* the primary's order and positions are wanted (the
                             * text table, the app); default TRUE. The primary
                             * also runs for a bootstrap or agreement. */
  PrTreatment  treatment;   /* default ignore */
  guint        bootstrap;   /* resamples; 0 for none */
  guint64      seed;
  gboolean     agreement;
  guint        n_threads;   /* 0: one per processor */
  gboolean     place_all;   /* the table places everyone, however few rate
                             * them (DESIGN §6); the minimum of raters is
                             * the profile's */
  /* Told how far the bootstrap is (nullable; from a worker thread, see
   * PrStatsProgressFunc). */
  PrStatsProgressFunc bootstrap_progress;
  gpointer            bootstrap_progress_data;
} PrTallyOptions;

void pr_tally_options_init (PrTallyOptions *options);

struct _PrResults {
  PrProfile      *profile;
  PrTallyOptions  options;
  PrMethodResult *method[PR_N_METHODS];  /* shown ones, and the primary when
                                          * pr_results_needs_primary(); NULL
                                          * for the rest */
  PrCoverage     *coverage;
  PrAgreement    *agreement;             /* NULL without options.agreement */
  PrBootstrap    *bootstrap;             /* NULL without options.bootstrap */
};

/* Runs the methods, coverage and the statistics asked for. Fails only
 * when cancelled. */
PrResults *pr_results_compute (PrProfile            *profile,
                               const PrTallyOptions *options,
                               GCancellable         *cancellable,
                               GError              **error);
/* The same in a worker thread (GTask), for the app: the main loop never
 * waits for a tally. Do not add ballots to `profile` until it finishes. */
void       pr_results_compute_async  (PrProfile            *profile,
                                      const PrTallyOptions *options,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
PrResults *pr_results_compute_finish (GAsyncResult         *result,
                                      GError              **error);
void       pr_results_free    (PrResults            *results);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrResults, pr_results_free)

gboolean   pr_results_shows   (const PrResults      *results,
                               PrMethod              method);
/* Whether the options need the primary method: for positions, a
 * bootstrap or agreement. */
gboolean   pr_results_needs_primary (const PrTallyOptions *options);
gboolean   pr_results_position_varies (const PrResults *results,
                                       guint            candidate);
/* The method tables are ordered by: the primary, or without it (its
 * positions were not asked for) the first method shown. */
const PrMethodResult *pr_results_order_method (const PrResults *results);
/* The table of @results with its own options (place_all, the profile's
 * minimum of raters). */
PrResultsTable *pr_results_get_table (const PrResults *results);

/* The writers render @table (NULL: pr_results_get_table()). */

/* DESIGN §7 `tally --format json`, one line with a final newline. */
char      *pr_results_to_json (const PrResults      *results,
                               const PrResultsTable *table);
/* The members of that JSON object, added to @builder's open object, for
 * writers that add more (`tally --diagnostics`). */
void       pr_results_add_json_members (JsonBuilder          *builder,
                                        const PrResults      *results,
                                        const PrResultsTable *table);
/* @builder's root as one line with a final newline. */
char      *pr_results_json_finish      (JsonBuilder          *builder);
/* One row per person (candidate order): id, name, raters, every shown
 * method's position and score, the bootstrap interval, whether the
 * position varies between methods, then the table's position, placed,
 * score, low, high and flags. */
char      *pr_results_to_csv  (const PrResults      *results,
                               const PrResultsTable *table);
/* The same for a spreadsheet of the user's locale: where the decimal
 * separator is a comma, fields are separated by semicolons and numbers
 * written with a decimal comma (a spreadsheet set to German reads a
 * comma-separated file as one column). */
char      *pr_results_to_csv_localized (const PrResults      *results,
                                        const PrResultsTable *table);
/* The same with @separator between fields and, with @decimal_comma,
 * numbers written with a comma. */
char      *pr_results_to_csv_with      (const PrResults      *results,
                                        const PrResultsTable *table,
                                        char                  separator,
                                        gboolean              decimal_comma);
/* A table for a terminal in the table's order: placed people, then
 * those too few raters place. */
char      *pr_results_to_text (const PrResults      *results,
                               const PrResultsTable *table);

G_END_DECLS
