/* pr-results-page.h — the results of a round: ranking, methods, charts,
 * coverage, agreement, influence and integrity flags, exports
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pr-results-analysis.h"
#include "pr-results-ranking.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

#define PR_TYPE_RESULTS_PAGE (pr_results_page_get_type ())

G_DECLARE_FINAL_TYPE (PrResultsPage, pr_results_page, PR, RESULTS_PAGE, AdwBin)

typedef enum {
  PR_RESULTS_EXPORT_CSV,      /* pr_results_to_csv_localized(): `tally --format csv`
                               * with the locale's separators */
  PR_RESULTS_EXPORT_JSON,     /* pr_results_to_json(): `tally --format json` */
  PR_RESULTS_EXPORT_PREFLIB,  /* the anonymised .soi, as `export --preflib` */
  PR_RESULTS_EXPORT_CHART,    /* the chart shown; SVG, PNG or PDF by the extension */
  PR_RESULTS_EXPORT_REPORT,   /* the PDF report, as `report` */
  PR_RESULTS_EXPORT_XLSX,     /* pr_results_to_xlsx(): `export --xlsx` */
} PrResultsExport;

/* The bootstrap the page runs (DESIGN §7's chart and report defaults). */
#define PR_RESULTS_PAGE_RESAMPLES 1000
#define PR_RESULTS_PAGE_SEED      1
/* The settings' bootstrap-resamples range. */
#define PR_RESULTS_PAGE_MAX_RESAMPLES 100000

GtkWidget  *pr_results_page_new           (void);

/* Shows the results of @profile (a round's counted ballots, with the
 * round's min_raters): the page tallies it in a worker thread with every
 * method, the chosen primary (kept from the last call), a bootstrap and
 * agreement, then the influence and integrity flags, showing progress.
 * A call while one runs cancels it. Call it again with a new profile
 * when ballots were imported: the method, the selected person and the
 * scroll position are kept, and the old results stay on screen until
 * the new ones are ready. @fingerprint (nullable) goes into the report;
 * @summary is the line under the title. Main thread only. */
void        pr_results_page_set_profile   (PrResultsPage   *self,
                                           PrProfile       *profile,
                                           const char      *title,
                                           const char      *fingerprint,
                                           const char      *summary);
/* The same with a tally already made (transfer full): shown at once,
 * the diagnostics follow from a worker thread. Its options (primary,
 * bootstrap, agreement) become the page's. */
void        pr_results_page_take_results  (PrResultsPage   *self,
                                           const char      *title,
                                           const char      *fingerprint,
                                           const char      *summary,
                                           PrResults       *results);

/* The primary method ("method" property); changing it recomputes. */
PrMethod    pr_results_page_get_method    (PrResultsPage   *self);
void        pr_results_page_set_method    (PrResultsPage   *self,
                                           PrMethod         method);
/* How the pairwise methods read unranked people ("treatment" property,
 * default PR_TREATMENT_IGNORE); changing it recomputes. */
PrTreatment pr_results_page_get_treatment (PrResultsPage   *self);
void        pr_results_page_set_treatment (PrResultsPage   *self,
                                           PrTreatment      treatment);
/* Whether per-rater data may be shown ("organizer" property, default
 * FALSE): each rater's agreement, the integrity flags that name raters,
 * and who ranked a person where. */
gboolean    pr_results_page_get_organizer (PrResultsPage   *self);
void        pr_results_page_set_organizer (PrResultsPage   *self,
                                           gboolean         organizer);
/* Whether the table places everyone, however few raters rank them
 * ("place-all" property, default FALSE: DESIGN §6). */
gboolean    pr_results_page_get_place_all (PrResultsPage   *self);
void        pr_results_page_set_place_all (PrResultsPage   *self,
                                           gboolean         place_all);
/* Bootstrap resamples ("resamples" property, default
 * PR_RESULTS_PAGE_RESAMPLES; 0: no intervals); changing it recomputes. */
guint       pr_results_page_get_resamples (PrResultsPage   *self);
void        pr_results_page_set_resamples (PrResultsPage   *self,
                                           guint            resamples);
/* Whether a computation runs ("busy" property). */
gboolean    pr_results_page_get_busy      (PrResultsPage   *self);
/* The options of the tally shown (or being made). */
void        pr_results_page_get_options   (PrResultsPage   *self,
                                           PrTallyOptions  *options);
/* The analysis shown, NULL before the first one. */
PrResultsAnalysis *pr_results_page_get_analysis (PrResultsPage *self);

/* The results table shown (the analysis's, as *Place everyone* says),
 * NULL before the first analysis. */
const PrResultsTable *pr_results_page_get_table (PrResultsPage *self);
/* People shown in the ranking tables, placed or not (0 while nothing is
 * shown). */
guint       pr_results_page_get_n_rows    (PrResultsPage   *self);
PrResultsRanking *pr_results_page_get_ranking (PrResultsPage *self);
GtkColumnView *pr_results_page_get_ranking_view    (PrResultsPage *self);
GtkColumnView *pr_results_page_get_methods_view    (PrResultsPage *self);
GtkColumnView *pr_results_page_get_influence_view  (PrResultsPage *self);
GtkListView   *pr_results_page_get_raters_view     (PrResultsPage *self);
GtkListBox    *pr_results_page_get_coverage_list   (PrResultsPage *self);
GtkListBox    *pr_results_page_get_flags_list      (PrResultsPage *self);
GtkWidget     *pr_results_page_get_chart_view      (PrResultsPage *self);
/* Selects the person with candidate index @candidate in the ranking and
 * returns the text of their breakdown (or of the note that replaces it
 * under min_raters raters). */
const char *pr_results_page_select_person (PrResultsPage   *self,
                                           guint            candidate);
void        pr_results_page_set_chart     (PrResultsPage   *self,
                                           guint            kind);

/* Writes an export of the analysis shown to @file with pr_output_write()
 * (write-once; @replace only after the person confirmed replacing it),
 * rendering in a worker thread. */
void        pr_results_page_export_async  (PrResultsPage       *self,
                                           PrResultsExport      kind,
                                           GFile               *file,
                                           gboolean             replace,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    pr_results_page_export_finish (PrResultsPage       *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* The save dialog of an export action while it is open, else NULL. */
GtkNativeDialog *pr_results_page_get_file_chooser (PrResultsPage *self);
/* Kendall's W as shown ("—" when there is none). */
const char *pr_results_page_get_agreement_text (PrResultsPage *self);
/* The last message shown as a toast (an export saved or failed). */
const char *pr_results_page_get_last_message (PrResultsPage *self);

/* Binds the "method", "treatment" and "resamples" properties to the
 * settings primary-method, unranked-treatment and bootstrap-resamples
 * (both ways): what the organizer chose is kept for next time. */
void        pr_results_page_bind_settings (PrResultsPage   *self,
                                           GSettings       *settings);

G_END_DECLS
