/* pr-results-ranking.c — the results table: people placed, people too
 * few raters place, and what one person's position rests on
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "pr-results-columns.h"
#include "pr-results-ranking.h"
#include "pr-results-table.h"
#include "pr-results-text.h"

struct _PrResultsRanking
{
  GtkBox               parent_instance;

  GtkLabel            *coverage_label;
  GtkLabel            *description_label;
  GtkScrolledWindow   *ranking_scroller;
  GtkColumnView       *ranking_view;
  GtkWidget           *unplaced_box;
  GtkLabel            *unplaced_label;
  GtkColumnView       *unplaced_view;
  GtkLabel            *details_title;
  GtkLabel            *details_label;
  GtkWidget           *reveal_button;

  GListStore          *placed;
  GListStore          *unplaced;
  GtkSingleSelection  *placed_selection;
  GtkSingleSelection  *unplaced_selection;

  PrResultsAnalysis   *analysis;
  const PrResultsTable *table;     /* one of the analysis's */
  gboolean             organizer;
  gboolean             revealed;
  AdwMessageDialog    *reveal_dialog;
  char                *details_text;
  char                *restore_selected;
  double               restore_scroll;
};

G_DEFINE_FINAL_TYPE (PrResultsRanking, pr_results_ranking, GTK_TYPE_BOX)

/* ---- the tables ---- */

static GtkSingleSelection *
setup_view (GtkColumnView *view,
            GListStore    *store)
{
  GtkColumnViewColumn *position;

  position = pr_results_add_column (view, C_("column", "Position"),
                                    pr_results_label_factory ("position",
                                                              pr_results_item_format_position, TRUE),
                                    pr_results_compare_position, NULL, FALSE);
  pr_results_add_column (view, C_("column", "Name"),
                         pr_results_label_factory ("name", pr_results_format_name, FALSE),
                         pr_results_compare_name, NULL, TRUE);
  pr_results_add_column (view, C_("column", "Score"),
                         pr_results_label_factory ("score", pr_results_item_format_score, TRUE),
                         pr_results_compare_score, NULL, FALSE);
  /* xgettext:no-c-format */
  pr_results_add_column (view, C_("column", "90 % interval"),
                         pr_results_label_factory ("interval", pr_results_item_format_interval, TRUE),
                         pr_results_compare_interval, NULL, FALSE);
  pr_results_add_column (view, C_("column", "Raters"),
                         pr_results_label_factory ("raters", pr_results_item_format_raters, TRUE),
                         pr_results_compare_raters, NULL, FALSE);
  pr_results_add_column (view, C_("column", "Flags"), pr_results_flags_factory (),
                         pr_results_compare_flags, NULL, FALSE);
  return GTK_SINGLE_SELECTION (pr_results_set_model (view, G_LIST_MODEL (store),
                                                     GTK_TYPE_SINGLE_SELECTION, position,
                                                     GTK_SORT_ASCENDING));
}

static PrResultsItem *
selected_item (PrResultsRanking *self)
{
  PrResultsItem *item = gtk_single_selection_get_selected_item (self->placed_selection);

  return item != NULL ? item : gtk_single_selection_get_selected_item (self->unplaced_selection);
}

/* ---- the words around the table ---- */

static void
update_description (PrResultsRanking *self)
{
  const PrResults *results = self->analysis->results;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Ordered by %s."), pr_method_get_label (self->table->method));
  g_string_append_printf (text, " %s", pr_results_describe_score (self->table->method));
  if (self->table->method == PR_METHOD_KEMENY && results->method[PR_METHOD_KEMENY] != NULL)
    {
      g_autofree char *proof = pr_results_describe_kemeny (results->method[PR_METHOD_KEMENY]);

      g_string_append_printf (text, " %s", proof);
    }
  if (results->bootstrap != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("The interval holds the position in 90 %% of %u resamples of the ballots."),
                              results->bootstrap->resamples);
      g_string_append_c (text, ' ');
      g_string_append (text, _("A position “depends on the method” when another method places the person outside that interval."));
    }
  if (self->table->place_all)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Everyone is placed, however few raters rank them: read the positions of people with few raters with care."));
    }
  gtk_label_set_text (self->description_label, text->str);
}

/* Above the table: what a committee must not miss. */
static void
update_warning (PrResultsRanking *self)
{
  const PrResultsTable *t = self->table;
  const PrCoverage *coverage = self->analysis->results->coverage;
  g_autoptr(GString) warning = g_string_new (NULL);
  guint unplaced = 0;

  for (guint k = 0; k < t->n; k++)
    unplaced += (t->rows[k].flags & (PR_TABLE_FLAG_FEW_RATERS | PR_TABLE_FLAG_UNRANKED)) != 0;
  if (unplaced > 0 && !t->place_all)
    g_string_append_printf (warning,
                            ngettext ("%u person is not placed: too few raters rank them (listed below the ranking).",
                                      "%u people are not placed: too few raters rank them (listed below the ranking).",
                                      unplaced),
                            unplaced);
  else if (unplaced > 0)
    g_string_append_printf (warning,
                            ngettext ("%u person is placed from fewer raters than the round’s minimum.",
                                      "%u people are placed from fewer raters than the round’s minimum.",
                                      unplaced),
                            unplaced);
  if (coverage->n_comparison_groups > 1)
    {
      if (warning->len > 0)
        g_string_append_c (warning, ' ');
      g_string_append_printf (warning,
                              _("No ballot compares the %u groups of the team with each other, so positions across groups rest on no data (see Coverage)."),
                              coverage->n_comparison_groups);
    }
  gtk_label_set_text (self->coverage_label, warning->str);
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_label), warning->len > 0);
}

/* ---- a person's details (DESIGN §6 privacy guard) ---- */

static guint
place_on_ballot (PrProfile *profile,
                 guint      k,
                 guint      c,
                 guint     *len,
                 guint     *voter,
                 guint     *count)
{
  const guint *order = pr_profile_get_order (profile, k, len, voter, count);

  for (guint i = 0; i < *len; i++)
    if (order[i] == c)
      return i + 1;
  return 0;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (*(gconstpointer const *) a);
  guint y = GPOINTER_TO_UINT (*(gconstpointer const *) b);

  return x < y ? -1 : (x > y);
}

static void
append_anonymous (GString    *text,
                  GHashTable *counts)
{
  guint n_keys = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (counts, &n_keys);

  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      guint key = GPOINTER_TO_UINT (keys[i]);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[i]));

      g_string_append (text, "\n• ");
      /* TRANSLATORS: "2 of 5", a place on a ballot ranking 5 people */
      g_string_append_printf (text, _("%u of %u"), key & 0xffff, key >> 16);
      if (count > 1)
        g_string_append_printf (text, " (×%u)", count);
    }
}

/* Who ranked the person where: by name for the organizer, otherwise (and
 * for ballots without a known voter) as counts of "place of length".
 * Only after *Show Individual Ballots…*. */
static void
append_places (GString         *text,
               const PrResults *results,
               guint            c,
               gboolean         names)
{
  PrProfile *profile = results->profile;
  guint n_orders = pr_profile_get_n_orders (profile);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

  g_string_append (text, "\n\n");
  g_string_append (text, _("Places on the ballots that rank them:"));
  for (guint k = 0; k < n_orders; k++)
    {
      guint len = 0, voter = 0, count = 0;
      guint place = place_on_ballot (profile, k, c, &len, &voter, &count);
      gpointer key = GUINT_TO_POINTER ((len << 16) | place);

      if (place == 0)
        continue;
      if (!names || voter == PR_PROFILE_NO_VOTER)
        {
          g_hash_table_insert (counts, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key))
                                                 + count));
          continue;
        }
      g_string_append_printf (text, "\n• %s: ", pr_profile_get_name (profile, voter));
      g_string_append_printf (text, _("%u of %u"), place, len);
    }
  append_anonymous (text, counts);
}

static void
append_distribution (GString         *text,
                     PrResultsRanking *self,
                     guint            c)
{
  const PrBootstrap *bs = self->analysis->results->bootstrap;
  g_autofree guint *counts = pr_results_table_distribution (self->table, bs, c);

  g_string_append (text, "\n");
  g_string_append_printf (text, _("Positions over %u resamples:"), bs->resamples);
  for (guint p = 0; p < self->table->n; p++)
    if (counts[p] > 0)
      g_string_append_printf (text, " %u (%.0f %%)", p + 1, 100.0 * counts[p] / bs->resamples);
}

static char *
describe_standing (PrResultsRanking *self,
                   PrResultsItem    *item)
{
  guint raters = pr_results_item_get_raters (item);
  g_autofree char *interval = pr_results_item_format_interval (item);
  g_autofree char *rated = g_strdup_printf (ngettext ("%u rater", "%u raters", raters), raters);

  if (!pr_results_item_get_placed (item))
    return g_strdup_printf (_("Not placed: %s, fewer than the round’s minimum of %u. They might fall at positions %s."),
                            rated, self->table->min_raters, interval);
  if (!pr_results_item_get_interval (item, NULL, NULL))
    /* TRANSLATORS: "Position 3 of 21, 4 raters." */
    return g_strdup_printf (_("Position %u of %u, %s."), pr_results_item_get_position (item),
                            self->table->n_placed, rated);
  /* TRANSLATORS: "Position 3 of 21 (90 % interval 1–6), 4 raters." */
  return g_strdup_printf (_("Position %u of %u (90 %% interval %s), %s."),
                          pr_results_item_get_position (item), self->table->n_placed, interval,
                          rated);
}

static char *
describe_person (PrResultsRanking *self,
                 PrResultsItem    *item)
{
  const PrResults *results = self->analysis->results;
  guint c = pr_results_item_get_candidate (item);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *standing = describe_standing (self, item);

  g_string_append (text, standing);
  if (!pr_results_item_get_breakdown_allowed (item))
    {
      g_string_append (text, "\n");
      g_string_append (text, _("No breakdown of their places is shown, so that no one’s ballot can be read from it."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (results->bootstrap != NULL)
    append_distribution (text, self, c);
  if (self->revealed)
    append_places (text, results, c, self->organizer);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_details (PrResultsRanking *self)
{
  PrResultsItem *item = self->analysis != NULL ? selected_item (self) : NULL;

  g_clear_pointer (&self->details_text, g_free);
  gtk_widget_set_visible (self->reveal_button, item != NULL && !self->revealed
                          && pr_results_item_get_breakdown_allowed (item));
  if (item == NULL)
    {
      gtk_label_set_text (self->details_title,
                          _("Select a person to see what their position rests on."));
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      return;
    }
  self->details_text = describe_person (self, item);
  gtk_label_set_text (self->details_title, pr_results_item_get_name (item));
  gtk_label_set_text (self->details_label, self->details_text);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
}

/* One selection across both tables. */
static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      PrResultsRanking   *self)
{
  GtkSingleSelection *other = selection == self->placed_selection ? self->unplaced_selection
                                                                   : self->placed_selection;

  if (gtk_single_selection_get_selected_item (selection) != NULL)
    gtk_single_selection_set_selected (other, GTK_INVALID_LIST_POSITION);
  update_details (self);
}

/* ---- revealing individual ballots ---- */

static void
reveal_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PrResultsRanking *self)
{
  if (self->reveal_dialog == dialog)
    self->reveal_dialog = NULL;
  if (g_strcmp0 (response, "show") != 0)
    return;
  self->revealed = TRUE;
  update_details (self);
}

/* DESIGN §6: one click during a screen share must not show whose ballot
 * put whom where. The dialog says what it reveals; nothing of it goes
 * into an export. */
static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrResultsRanking *self = PR_RESULTS_RANKING (widget);
  PrResultsItem *item = selected_item (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (item == NULL || self->reveal_dialog != NULL)
    return;
  body = g_strdup_printf (self->organizer
                          ? _("This shows who ranked %s and at which place: each rater’s own choice, readable by anyone who sees your screen. It is never exported.")
                          : _("This shows the places on each ballot that ranks %s: with few raters, anyone who knows who rated whom can read a person’s choice. It is never exported."),
                          pr_results_item_get_name (item));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Show Individual Ballots?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "show", _("_Show Ballots"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reveal_response_cb), self, 0);
  self->reveal_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- showing a table ---- */

static void
remember_view (PrResultsRanking *self)
{
  PrResultsItem *item = selected_item (self);

  g_clear_pointer (&self->restore_selected, g_free);
  if (item != NULL)
    self->restore_selected = g_strdup (pr_results_item_get_id (item));
  self->restore_scroll = gtk_adjustment_get_value (
    gtk_scrolled_window_get_vadjustment (self->ranking_scroller));
}

static gboolean
select_in (GtkSingleSelection *selection,
           const char         *id)
{
  GListModel *model = G_LIST_MODEL (selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (pr_results_item_get_id (item), id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
restore_scroll_cb (gpointer data)
{
  PrResultsRanking *self = data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->ranking_scroller),
                            self->restore_scroll);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
fill_stores (PrResultsRanking *self)
{
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < self->table->n; k++)
    {
      const PrTableRow *row = &self->table->rows[k];

      g_ptr_array_add (row->placed ? placed : unplaced,
                       pr_results_item_new (self->analysis, self->table, row->candidate));
    }
  g_list_store_splice (self->placed, 0, g_list_model_get_n_items (G_LIST_MODEL (self->placed)),
                       placed->pdata, placed->len);
  g_list_store_splice (self->unplaced, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->unplaced)),
                       unplaced->pdata, unplaced->len);
  gtk_widget_set_visible (self->unplaced_box, unplaced->len > 0);
}

void
pr_results_ranking_show (PrResultsRanking     *self,
                         PrResultsAnalysis    *analysis,
                         const PrResultsTable *table)
{
  g_autofree char *unplaced = NULL;

  g_return_if_fail (PR_IS_RESULTS_RANKING (self));
  g_return_if_fail (analysis != NULL && table != NULL);

  remember_view (self);
  pr_results_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, pr_results_analysis_unref);
  self->analysis = analysis;
  self->table = table;
  fill_stores (self);
  if (self->restore_selected != NULL && !select_in (self->placed_selection, self->restore_selected))
    select_in (self->unplaced_selection, self->restore_selected);
  g_idle_add (restore_scroll_cb, g_object_ref (self));
  unplaced = pr_results_unplaced_text (table->min_raters);
  gtk_label_set_text (self->unplaced_label, unplaced);
  update_description (self);
  update_warning (self);
  update_details (self);
}

void
pr_results_ranking_set_organizer (PrResultsRanking *self,
                                  gboolean          organizer)
{
  g_return_if_fail (PR_IS_RESULTS_RANKING (self));

  self->organizer = !!organizer;
  update_details (self);
}

void
pr_results_ranking_conceal (PrResultsRanking *self)
{
  g_return_if_fail (PR_IS_RESULTS_RANKING (self));

  self->revealed = FALSE;
  update_details (self);
}

gboolean
pr_results_ranking_get_revealed (PrResultsRanking *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), FALSE);
  return self->revealed;
}

guint
pr_results_ranking_get_n_rows (PrResultsRanking *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->placed))
         + g_list_model_get_n_items (G_LIST_MODEL (self->unplaced));
}

GtkColumnView *
pr_results_ranking_get_view (PrResultsRanking *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), NULL);
  return self->ranking_view;
}

GtkColumnView *
pr_results_ranking_get_unplaced_view (PrResultsRanking *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), NULL);
  return self->unplaced_view;
}

AdwMessageDialog *
pr_results_ranking_get_reveal_dialog (PrResultsRanking *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), NULL);
  return self->reveal_dialog;
}

const char *
pr_results_ranking_select_person (PrResultsRanking *self,
                                  guint             candidate)
{
  g_return_val_if_fail (PR_IS_RESULTS_RANKING (self), NULL);

  if (self->table == NULL || candidate >= self->table->n)
    return NULL;
  if (!select_in (self->placed_selection, pr_profile_get_id (self->analysis->results->profile,
                                                             candidate)))
    select_in (self->unplaced_selection, pr_profile_get_id (self->analysis->results->profile,
                                                            candidate));
  return self->details_text;
}

static void
pr_results_ranking_dispose (GObject *object)
{
  PrResultsRanking *self = PR_RESULTS_RANKING (object);

  if (self->reveal_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->reveal_dialog));
  self->reveal_dialog = NULL;
  /* Tearing the views down may change the selection: nothing to show. */
  if (self->placed_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->placed_selection, self);
  if (self->unplaced_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->unplaced_selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_RANKING);
  g_clear_object (&self->placed);
  g_clear_object (&self->unplaced);
  self->placed_selection = NULL;
  self->unplaced_selection = NULL;
  self->table = NULL;
  g_clear_pointer (&self->analysis, pr_results_analysis_unref);

  G_OBJECT_CLASS (pr_results_ranking_parent_class)->dispose (object);
}

static void
pr_results_ranking_finalize (GObject *object)
{
  PrResultsRanking *self = PR_RESULTS_RANKING (object);

  g_free (self->details_text);
  g_free (self->restore_selected);

  G_OBJECT_CLASS (pr_results_ranking_parent_class)->finalize (object);
}

static void
pr_results_ranking_class_init (PrResultsRankingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pr_results_ranking_dispose;
  object_class->finalize = pr_results_ranking_finalize;

  gtk_widget_class_install_action (widget_class, "ranking.reveal", NULL, reveal_action);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-results-ranking.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, description_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, ranking_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, unplaced_box);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, unplaced_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, unplaced_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, details_title);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, details_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsRanking, reveal_button);
}

static void
pr_results_ranking_init (PrResultsRanking *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->placed = g_list_store_new (PR_TYPE_RESULTS_ITEM);
  self->unplaced = g_list_store_new (PR_TYPE_RESULTS_ITEM);
  self->placed_selection = setup_view (self->ranking_view, self->placed);
  self->unplaced_selection = setup_view (self->unplaced_view, self->unplaced);
  g_signal_connect (self->placed_selection, "notify::selected",
                    G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->unplaced_selection, "notify::selected",
                    G_CALLBACK (selection_changed_cb), self);
}
