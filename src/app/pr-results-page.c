/* pr-results-page.c — the results of a round: the controls above the
 * panels (ranking, methods, charts, coverage, agreement, influence,
 * flags), computing in a worker, and exports
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-chart.h"
#include "pr-chooser.h"
#include "pr-markup.h"
#include "pr-output.h"
#include "pr-preflib.h"
#include "pr-report.h"
#include "pr-results-agreement.h"
#include "pr-results-charts.h"
#include "pr-results-coverage.h"
#include "pr-results-csv.h"
#include "pr-results-flags.h"
#include "pr-results-influence.h"
#include "pr-results-json.h"
#include "pr-results-methods.h"
#include "pr-results-page.h"
#include "pr-results-ranking.h"
#include "pr-results-table.h"
#include "pr-results-xlsx.h"

struct _PrResultsPage
{
  AdwBin                parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkDropDown          *method_dropdown;
  GtkDropDown          *treatment_dropdown;
  GtkSwitch            *place_all_switch;
  GtkWidget            *progress_box;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  PrResultsRanking     *ranking;
  PrResultsMethods     *methods;
  PrResultsCharts      *charts;
  PrResultsCoverage    *coverage;
  PrResultsAgreement   *agreement;
  PrResultsInfluence   *influence;
  PrResultsFlags       *flags;

  PrProfile            *profile;
  PrTallyOptions        options;
  PrResultsAnalysis    *analysis;   /* the one shown */
  char                 *title;
  char                 *fingerprint;
  gboolean              organizer;
  PrMethod              method;

  GCancellable         *cancellable;
  int                  *stage;      /* a g_atomic_rc_box, shared with the worker */
  guint                 progress_id;

  GtkFileChooserNative *chooser;
  PrResultsExport       chooser_kind;
  char                 *last_message;
};

G_DEFINE_FINAL_TYPE (PrResultsPage, pr_results_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_TREATMENT,
  PROP_ORGANIZER,
  PROP_PLACE_ALL,
  PROP_RESAMPLES,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_COMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The dropdown's order: the default first, then DESIGN §5's order. */
static const PrMethod method_order[] = {
  PR_METHOD_PLACKETT_LUCE, PR_METHOD_BORDA, PR_METHOD_COPELAND,
  PR_METHOD_SCHULZE, PR_METHOD_RANKED_PAIRS, PR_METHOD_KEMENY,
};

/* In PrResultsExport order. */
static const char * const export_actions[] = {
  "results.export-csv", "results.export-json", "results.export-preflib",
  "results.export-chart", "results.export-report", "results.export-xlsx",
};

static void start_computation (PrResultsPage     *self,
                               PrResultsAnalysis *partial);

GtkWidget *
pr_results_page_new (void)
{
  return g_object_new (PR_TYPE_RESULTS_PAGE, NULL);
}

static void
show_message (PrResultsPage *self,
              const char    *message)
{
  AdwToast *toast = pr_toast_new_text (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The table shown: placing people with the minimum of raters, or with
 * *Place everyone* all of them (DESIGN §6). */
static const PrResultsTable *
shown_table (PrResultsPage *self)
{
  return self->options.place_all ? self->analysis->table_all : self->analysis->table;
}

/* ---- showing an analysis ---- */

static void
show_panels (PrResultsPage *self)
{
  const PrResultsTable *table = shown_table (self);

  pr_results_ranking_show (self->ranking, self->analysis, table);
  pr_results_methods_show (self->methods, self->analysis, table);
  pr_results_charts_show (self->charts, self->analysis, table, self->title);
  pr_results_coverage_show (self->coverage, self->analysis, table);
  pr_results_agreement_show (self->agreement, self->analysis, self->organizer);
  pr_results_influence_show (self->influence, self->analysis, table);
  pr_results_flags_show (self->flags, self->analysis, self->organizer);
}

/* Replaces every row and keeps the selection and the scroll position,
 * so new ballots do not throw the reader off. */
static void
show_analysis (PrResultsPage     *self,
               PrResultsAnalysis *analysis)
{
  if (self->analysis != analysis)
    {
      pr_results_analysis_ref (analysis);
      g_clear_pointer (&self->analysis, pr_results_analysis_unref);
      self->analysis = analysis;
    }
  show_panels (self);
  for (guint k = 0; k < G_N_ELEMENTS (export_actions); k++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_actions[k], TRUE);
}

/* ---- computing ---- */

static const char *
stage_text (PrAnalysisStage stage)
{
  switch (stage)
    {
    case PR_ANALYSIS_STAGE_TALLY:
      return _("Counting the ballots with every method…");
    case PR_ANALYSIS_STAGE_DISTRIBUTION:
      return _("Resampling the ballots…");
    case PR_ANALYSIS_STAGE_INFLUENCE:
      return _("Leaving out each ballot in turn…");
    case PR_ANALYSIS_STAGE_FLAGS:
    case PR_ANALYSIS_N_STAGES:
    default:
      return _("Looking for integrity flags…");
    }
}

static gboolean
progress_cb (gpointer data)
{
  PrResultsPage *self = data;
  int stage = CLAMP (g_atomic_int_get (self->stage), 0, PR_ANALYSIS_N_STAGES - 1);

  gtk_progress_bar_set_fraction (self->progress_bar, (stage + 0.5) / PR_ANALYSIS_N_STAGES);
  gtk_progress_bar_set_text (self->progress_bar, stage_text (stage));
  return G_SOURCE_CONTINUE;
}

static void
set_busy (PrResultsPage *self,
          gboolean       busy)
{
  if (busy == (self->progress_id != 0))
    return;
  if (busy)
    {
      g_atomic_int_set (self->stage, PR_ANALYSIS_STAGE_TALLY);
      progress_cb (self);
      self->progress_id = g_timeout_add (100, progress_cb, self);
    }
  else
    g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->progress_box, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The task does not keep the page alive: disposing the page cancels it,
 * and a cancelled task reports so here before @self is used. */
static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrResultsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrResultsAnalysis) analysis = pr_results_analysis_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (analysis == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The results could not be computed: %s"),
                                                  error->message);

      show_message (self, message);
      return;
    }
  show_analysis (self, analysis);
  g_signal_emit (self, signals[SIGNAL_COMPUTED], 0);
}

static void
start_computation (PrResultsPage     *self,
                   PrResultsAnalysis *partial)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->options.primary = self->method;
  set_busy (self, TRUE);
  pr_results_analysis_run_async (self->profile, &self->options, partial, self->stage,
                                 self->cancellable, computed_cb, self);
}

static void
set_source (PrResultsPage *self,
            const char    *title,
            const char    *fingerprint,
            const char    *summary)
{
  /* Consent to see individual ballots was for one round. */
  if (g_strcmp0 (self->fingerprint, fingerprint) != 0 || g_strcmp0 (self->title, title) != 0)
    pr_results_ranking_conceal (self->ranking);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
}

void
pr_results_page_set_profile (PrResultsPage *self,
                             PrProfile     *profile,
                             const char    *title,
                             const char    *fingerprint,
                             const char    *summary)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (profile != NULL && title != NULL);

  set_source (self, title, fingerprint, summary);
  pr_profile_ref (profile);
  g_clear_pointer (&self->profile, pr_profile_unref);
  self->profile = profile;
  start_computation (self, NULL);
}

static void
select_method (PrResultsPage *self,
               PrMethod       method)
{
  for (guint k = 0; k < G_N_ELEMENTS (method_order); k++)
    if (method_order[k] == method)
      gtk_drop_down_set_selected (self->method_dropdown, k);
}

void
pr_results_page_take_results (PrResultsPage *self,
                              const char    *title,
                              const char    *fingerprint,
                              const char    *summary,
                              PrResults     *results)
{
  g_autoptr(PrResultsAnalysis) analysis = NULL;
  gboolean place_all = self->options.place_all;

  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (results != NULL && results->method[results->options.primary] != NULL);

  set_source (self, title, fingerprint, summary);
  pr_profile_ref (results->profile);
  g_clear_pointer (&self->profile, pr_profile_unref);
  self->profile = results->profile;
  self->options = results->options;
  self->options.place_all = place_all;
  gtk_drop_down_set_selected (self->treatment_dropdown,
                              results->options.treatment == PR_TREATMENT_BELOW);
  if (self->method != results->options.primary)
    {
      self->method = results->options.primary;
      select_method (self, self->method);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  analysis = pr_results_analysis_new (results);
  show_analysis (self, analysis);
  start_computation (self, analysis);
}

PrMethod
pr_results_page_get_method (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), PR_METHOD_PLACKETT_LUCE);

  return self->method;
}

void
pr_results_page_set_method (PrResultsPage *self,
                            PrMethod       method)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (method < PR_N_METHODS);

  if (self->method == method)
    return;
  self->method = method;
  select_method (self, method);
  if (self->profile != NULL)
    start_computation (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

PrTreatment
pr_results_page_get_treatment (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), PR_TREATMENT_IGNORE);

  return self->options.treatment;
}

/* DESIGN §5: only the pairwise methods read it; Borda and Plackett–Luce
 * always use ignore semantics. */
void
pr_results_page_set_treatment (PrResultsPage *self,
                               PrTreatment    treatment)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (treatment == PR_TREATMENT_IGNORE || treatment == PR_TREATMENT_BELOW);

  if (self->options.treatment == treatment)
    return;
  self->options.treatment = treatment;
  gtk_drop_down_set_selected (self->treatment_dropdown, treatment == PR_TREATMENT_BELOW);
  if (self->profile != NULL)
    start_computation (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREATMENT]);
}

gboolean
pr_results_page_get_place_all (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), FALSE);

  return self->options.place_all;
}

/* Both tables come with every analysis: switching needs no tally. */
void
pr_results_page_set_place_all (PrResultsPage *self,
                               gboolean       place_all)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));

  place_all = !!place_all;
  if (self->options.place_all == place_all)
    return;
  self->options.place_all = place_all;
  gtk_switch_set_active (self->place_all_switch, place_all);
  if (self->analysis != NULL)
    show_panels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_ALL]);
}

guint
pr_results_page_get_resamples (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), 0);

  return self->options.bootstrap;
}

/* 0 turns the intervals off (and with them the method flag). */
void
pr_results_page_set_resamples (PrResultsPage *self,
                               guint          resamples)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));

  resamples = MIN (resamples, PR_RESULTS_PAGE_MAX_RESAMPLES);
  if (self->options.bootstrap == resamples)
    return;
  self->options.bootstrap = resamples;
  if (self->profile != NULL)
    start_computation (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESAMPLES]);
}

static gboolean
token_to_method (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  PrMethod method;

  if (!pr_method_from_string (g_variant_get_string (variant, NULL), &method))
    return FALSE;
  g_value_set_uint (value, method);
  return TRUE;
}

static GVariant *
method_to_token (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  return g_variant_new_string (pr_method_to_string (g_value_get_uint (value)));
}

static gboolean
token_to_treatment (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  PrTreatment treatment;

  if (!pr_treatment_from_string (g_variant_get_string (variant, NULL), &treatment))
    return FALSE;
  g_value_set_uint (value, treatment);
  return TRUE;
}

static GVariant *
treatment_to_token (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  return g_variant_new_string (pr_treatment_to_string (g_value_get_uint (value)));
}

static gboolean
int_to_uint (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_uint (value, (guint) MAX (g_variant_get_int32 (variant), 0));
  return TRUE;
}

static GVariant *
uint_to_int (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) g_value_get_uint (value));
}

void
pr_results_page_bind_settings (PrResultsPage *self,
                               GSettings     *settings)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "primary-method", self, "method", G_SETTINGS_BIND_DEFAULT,
                                token_to_method, method_to_token, NULL, NULL);
  g_settings_bind_with_mapping (settings, "unranked-treatment", self, "treatment",
                                G_SETTINGS_BIND_DEFAULT, token_to_treatment, treatment_to_token,
                                NULL, NULL);
  g_settings_bind_with_mapping (settings, "bootstrap-resamples", self, "resamples",
                                G_SETTINGS_BIND_DEFAULT, int_to_uint, uint_to_int, NULL, NULL);
}

static void
treatment_selected_cb (PrResultsPage *self)
{
  pr_results_page_set_treatment (self, gtk_drop_down_get_selected (self->treatment_dropdown) == 1
                                       ? PR_TREATMENT_BELOW : PR_TREATMENT_IGNORE);
}

static void
method_selected_cb (PrResultsPage *self)
{
  guint k = gtk_drop_down_get_selected (self->method_dropdown);

  if (k < G_N_ELEMENTS (method_order))
    pr_results_page_set_method (self, method_order[k]);
}

static void
place_all_cb (PrResultsPage *self)
{
  pr_results_page_set_place_all (self, gtk_switch_get_active (self->place_all_switch));
}

gboolean
pr_results_page_get_organizer (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), FALSE);

  return self->organizer;
}

void
pr_results_page_set_organizer (PrResultsPage *self,
                               gboolean       organizer)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));

  organizer = !!organizer;
  if (self->organizer == organizer)
    return;
  self->organizer = organizer;
  pr_results_ranking_set_organizer (self->ranking, organizer);
  if (self->analysis != NULL)
    {
      pr_results_agreement_show (self->agreement, self->analysis, organizer);
      pr_results_flags_show (self->flags, self->analysis, organizer);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZER]);
}

gboolean
pr_results_page_get_busy (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), FALSE);

  return self->progress_id != 0;
}

void
pr_results_page_get_options (PrResultsPage  *self,
                             PrTallyOptions *options)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (options != NULL);

  *options = self->options;
  options->primary = self->method;
}

PrResultsAnalysis *
pr_results_page_get_analysis (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return self->analysis;
}

const PrResultsTable *
pr_results_page_get_table (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return self->analysis != NULL ? shown_table (self) : NULL;
}

guint
pr_results_page_get_n_rows (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), 0);

  return pr_results_ranking_get_n_rows (self->ranking);
}

PrResultsRanking *
pr_results_page_get_ranking (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->ranking;
}

GtkColumnView *
pr_results_page_get_ranking_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_ranking_get_view (self->ranking);
}

GtkColumnView *
pr_results_page_get_methods_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_methods_get_view (self->methods);
}

GtkColumnView *
pr_results_page_get_influence_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_influence_get_view (self->influence);
}

GtkListView *
pr_results_page_get_raters_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_agreement_get_view (self->agreement);
}

GtkListBox *
pr_results_page_get_coverage_list (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_coverage_get_list (self->coverage);
}

GtkListBox *
pr_results_page_get_flags_list (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_flags_get_list (self->flags);
}

GtkWidget *
pr_results_page_get_chart_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return pr_results_charts_get_view (self->charts);
}

const char *
pr_results_page_select_person (PrResultsPage *self,
                               guint          candidate)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return pr_results_ranking_select_person (self->ranking, candidate);
}

void
pr_results_page_set_chart (PrResultsPage *self,
                           guint          kind)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));

  pr_results_charts_set_kind (self->charts, kind);
}

const char *
pr_results_page_get_agreement_text (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return pr_results_agreement_get_text (self->agreement);
}

const char *
pr_results_page_get_last_message (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return self->last_message;
}

/* Stopping keeps what is shown, and the method switch goes back to the
 * method it was computed with, so the two never disagree. */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrResultsPage *self = PR_RESULTS_PAGE (widget);

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (self->analysis != NULL && self->method != self->analysis->results->options.primary)
    {
      self->method = self->analysis->results->options.primary;
      select_method (self, self->method);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  show_message (self, _("Stopped; the results shown are the last ones computed."));
}

/* ---- exports ---- */

typedef struct {
  PrResultsAnalysis *analysis;
  gboolean           place_all;
  PrResultsExport    kind;
  PrChartKind        chart_kind;
  char              *path;
  char              *title;
  char              *fingerprint;
  gboolean           organizer;
  gboolean           replace;
} ExportData;

static void
export_data_free (ExportData *data)
{
  pr_results_analysis_unref (data->analysis);
  g_free (data->path);
  g_free (data->title);
  g_free (data->fingerprint);
  g_free (data);
}

static const PrResultsTable *
export_table (ExportData *data)
{
  return data->place_all ? data->analysis->table_all : data->analysis->table;
}

static GBytes *
render_chart (ExportData  *data,
              GError     **error)
{
  PrChartFormat format;
  PrChartData *chart_data;
  g_autoptr(PrChart) chart = NULL;

  if (!pr_chart_format_from_path (data->path, &format))
    {
      g_set_error_literal (error, PR_CHART_ERROR, PR_CHART_ERROR_FORMAT,
                           _("Give the chart a name ending in .svg, .png or .pdf."));
      return NULL;
    }
  chart_data = pr_chart_data_new (data->analysis->results, export_table (data),
                                  pr_results_analysis_get_distribution (data->analysis,
                                                                        export_table (data)));
  pr_chart_data_set_round_title (chart_data, data->title);
  chart = pr_chart_new (data->chart_kind, chart_data);
  return pr_chart_render (chart, format, 0, error);
}

static GBytes *
take_text (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

/* The same renderers as the CLI's, from the same analysis and table:
 * what the window shows is what the files say. */
static GBytes *
render_export (ExportData  *data,
               GError     **error)
{
  const PrResults *results = data->analysis->results;
  g_autofree char *base = NULL;
  PrReportInfo info = { 0, };

  switch (data->kind)
    {
    case PR_RESULTS_EXPORT_CSV:
      return take_text (pr_results_to_csv_localized (results, export_table (data)));
    case PR_RESULTS_EXPORT_JSON:
      return take_text (pr_results_to_json (results, export_table (data)));
    case PR_RESULTS_EXPORT_XLSX:
      return pr_results_to_xlsx (results, export_table (data), data->title, error);
    case PR_RESULTS_EXPORT_PREFLIB:
      /* Anonymised as `peer-rank-cli export`: voters and names dropped. */
      base = g_path_get_basename (data->path);
      return take_text (pr_preflib_write (results->profile, base, data->title,
                                          PR_PREFLIB_WRITE_DEFAULT));
    case PR_RESULTS_EXPORT_CHART:
      return render_chart (data, error);
    case PR_RESULTS_EXPORT_REPORT:
    default:
      info.title = data->title;
      info.fingerprint = data->fingerprint;
      info.source = data->fingerprint == NULL ? data->title : NULL;
      info.n_members = pr_profile_get_n_candidates (results->profile);
      info.appendix = data->organizer;
      return pr_report_render (&info, data->analysis, export_table (data), error);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = render_export (data, &error);

  if (bytes == NULL
      || !pr_output_write (data->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           data->replace, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pr_results_page_export_async (PrResultsPage       *self,
                              PrResultsExport      kind,
                              GFile               *file,
                              gboolean             replace,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_results_page_export_async);
  if (self->analysis == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               self->analysis == NULL ? _("There are no results to export yet.")
                                                      : _("Choose a file on this computer."));
      return;
    }
  data = g_new0 (ExportData, 1);
  data->analysis = pr_results_analysis_ref (self->analysis);
  data->place_all = self->options.place_all;
  data->kind = kind;
  data->chart_kind = pr_results_charts_get_kind (self->charts);
  data->path = g_file_get_path (file);
  data->title = g_strdup (self->title);
  data->fingerprint = g_strdup (self->fingerprint);
  data->organizer = self->organizer;
  data->replace = replace;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pr_results_page_export_finish (PrResultsPage  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_results_page_export_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GtkNativeDialog *
pr_results_page_get_file_chooser (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return self->chooser != NULL ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrResultsPage *self = PR_RESULTS_PAGE (object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (pr_results_page_export_finish (self, result, &error))
    message = g_strdup_printf (_("Saved to %s"), path);
  else
    message = g_strdup_printf (_("Not saved: %s"), error->message);
  show_message (self, message);
}

/* GTK's save dialog has asked before replacing a file, so an existing
 * file here is one the person chose to replace. */
static void
chooser_response_cb (PrResultsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (chooser == self->chooser);

  file = pr_chooser_take_file (&self->chooser, response);
  if (file == NULL)
    return;
  pr_results_page_export_async (self, self->chooser_kind, file, g_file_query_exists (file, NULL),
                                NULL, exported_cb, g_file_get_parse_name (file));
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_chooser (PrResultsPage   *self,
              PrResultsExport  kind,
              const char      *title,
              const char      *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  self->chooser_kind = kind;
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (chooser, name);
  if (kind == PR_RESULTS_EXPORT_CHART)
    {
      add_filter (chooser, _("SVG image"), "*.svg", "image/svg+xml");
      add_filter (chooser, _("PNG image"), "*.png", "image/png");
      add_filter (chooser, _("PDF document"), "*.pdf", "application/pdf");
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrResultsPage *self = PR_RESULTS_PAGE (widget);

  if (g_str_equal (action_name, "results.export-csv"))
    open_chooser (self, PR_RESULTS_EXPORT_CSV, _("Export Results as CSV"), "results.csv");
  else if (g_str_equal (action_name, "results.export-json"))
    open_chooser (self, PR_RESULTS_EXPORT_JSON, _("Export Results as JSON"), "results.json");
  else if (g_str_equal (action_name, "results.export-xlsx"))
    open_chooser (self, PR_RESULTS_EXPORT_XLSX, _("Export Results as a Spreadsheet"),
                  "results.xlsx");
  else if (g_str_equal (action_name, "results.export-preflib"))
    open_chooser (self, PR_RESULTS_EXPORT_PREFLIB, _("Export Anonymised PrefLib File"),
                  "ballots.soi");
  else if (g_str_equal (action_name, "results.export-chart"))
    open_chooser (self, PR_RESULTS_EXPORT_CHART, _("Export Chart"), "chart.svg");
  else
    open_chooser (self, PR_RESULTS_EXPORT_REPORT, _("Export Report"), "report.pdf");
}

/* ---- GObject ---- */

static void
pr_results_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PrResultsPage *self = PR_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_uint (value, self->method);
      break;
    case PROP_TREATMENT:
      g_value_set_uint (value, self->options.treatment);
      break;
    case PROP_ORGANIZER:
      g_value_set_boolean (value, self->organizer);
      break;
    case PROP_PLACE_ALL:
      g_value_set_boolean (value, self->options.place_all);
      break;
    case PROP_RESAMPLES:
      g_value_set_uint (value, self->options.bootstrap);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pr_results_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_results_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PrResultsPage *self = PR_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      pr_results_page_set_method (self, g_value_get_uint (value));
      break;
    case PROP_TREATMENT:
      pr_results_page_set_treatment (self, g_value_get_uint (value));
      break;
    case PROP_ORGANIZER:
      pr_results_page_set_organizer (self, g_value_get_boolean (value));
      break;
    case PROP_PLACE_ALL:
      pr_results_page_set_place_all (self, g_value_get_boolean (value));
      break;
    case PROP_RESAMPLES:
      pr_results_page_set_resamples (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_results_page_dispose (GObject *object)
{
  PrResultsPage *self = PR_RESULTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_PAGE);
  g_clear_pointer (&self->analysis, pr_results_analysis_unref);
  g_clear_pointer (&self->profile, pr_profile_unref);

  G_OBJECT_CLASS (pr_results_page_parent_class)->dispose (object);
}

static void
pr_results_page_finalize (GObject *object)
{
  PrResultsPage *self = PR_RESULTS_PAGE (object);

  g_atomic_rc_box_release (self->stage);
  g_free (self->title);
  g_free (self->fingerprint);
  g_free (self->last_message);

  G_OBJECT_CLASS (pr_results_page_parent_class)->finalize (object);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_METHOD] =
    g_param_spec_uint ("method", NULL, NULL, 0, PR_N_METHODS - 1, PR_METHOD_PLACKETT_LUCE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TREATMENT] =
    g_param_spec_uint ("treatment", NULL, NULL, PR_TREATMENT_IGNORE, PR_TREATMENT_BELOW,
                       PR_TREATMENT_IGNORE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORGANIZER] =
    g_param_spec_boolean ("organizer", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLACE_ALL] =
    g_param_spec_boolean ("place-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESAMPLES] =
    g_param_spec_uint ("resamples", NULL, NULL, 0, PR_RESULTS_PAGE_MAX_RESAMPLES,
                       PR_RESULTS_PAGE_RESAMPLES,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_results_page_class_init (PrResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pr_results_page_get_property;
  object_class->set_property = pr_results_page_set_property;
  object_class->dispose = pr_results_page_dispose;
  object_class->finalize = pr_results_page_finalize;
  install_properties (object_class);

  /**
   * PrResultsPage::computed:
   *
   * Emitted when a computation has finished and its results are shown.
   */
  signals[SIGNAL_COMPUTED] =
    g_signal_new ("computed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  for (guint k = 0; k < G_N_ELEMENTS (export_actions); k++)
    gtk_widget_class_install_action (widget_class, export_actions[k], NULL, export_action);
  gtk_widget_class_install_action (widget_class, "results.stop", NULL, stop_action);

  g_type_ensure (PR_TYPE_RESULTS_RANKING);
  g_type_ensure (PR_TYPE_RESULTS_METHODS);
  g_type_ensure (PR_TYPE_RESULTS_CHARTS);
  g_type_ensure (PR_TYPE_RESULTS_COVERAGE);
  g_type_ensure (PR_TYPE_RESULTS_AGREEMENT);
  g_type_ensure (PR_TYPE_RESULTS_INFLUENCE);
  g_type_ensure (PR_TYPE_RESULTS_FLAGS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, treatment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, place_all_switch);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, ranking);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, methods);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, charts);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, coverage);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, agreement);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, influence);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, flags);
}

static void
setup_dropdowns (PrResultsPage *self)
{
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) treatments = gtk_string_list_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (method_order); k++)
    gtk_string_list_append (methods, pr_method_get_label (method_order[k]));
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (methods));
  g_signal_connect_object (self->method_dropdown, "notify::selected",
                           G_CALLBACK (method_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_string_list_append (treatments, _("No information"));
  gtk_string_list_append (treatments, _("Ranked below"));
  gtk_drop_down_set_model (self->treatment_dropdown, G_LIST_MODEL (treatments));
  g_signal_connect_object (self->treatment_dropdown, "notify::selected",
                           G_CALLBACK (treatment_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_all_switch, "notify::active",
                           G_CALLBACK (place_all_cb), self, G_CONNECT_SWAPPED);
}

static void
pr_results_page_init (PrResultsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself, and
   * gtk_widget_dispose_template() would do it a second time. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->method = PR_METHOD_PLACKETT_LUCE;
  pr_tally_options_init (&self->options);
  self->options.bootstrap = PR_RESULTS_PAGE_RESAMPLES;
  self->options.seed = PR_RESULTS_PAGE_SEED;
  self->options.agreement = TRUE;
  self->stage = g_atomic_rc_box_new0 (int);

  setup_dropdowns (self);
  for (guint k = 0; k < G_N_ELEMENTS (export_actions); k++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_actions[k], FALSE);
}
