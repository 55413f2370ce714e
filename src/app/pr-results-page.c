/* pr-results-page.c — the results of a round: ranking, methods, charts,
 * coverage, agreement, influence and integrity flags, exports
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pr-chart-view.h"
#include "pr-chooser.h"
#include "pr-output.h"
#include "pr-preflib.h"
#include "pr-report.h"
#include "pr-results-item.h"
#include "pr-results-page.h"

struct _PrResultsPage
{
  AdwBin                parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkDropDown          *method_dropdown;
  GtkDropDown          *treatment_dropdown;
  GtkWidget            *progress_box;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  GtkLabel             *coverage_label;
  GtkLabel             *description_label;
  GtkScrolledWindow    *ranking_scroller;
  GtkColumnView        *ranking_view;
  GtkLabel             *details_title;
  GtkLabel             *details_label;
  GtkLabel             *methods_label;
  GtkColumnView        *methods_view;
  GtkDropDown          *chart_dropdown;
  PrChartView          *chart_view;
  GtkListBox           *coverage_list;
  GtkLabel             *agreement_label;
  GtkLabel             *raters_note;
  GtkWidget            *raters_scroller;
  GtkListView          *raters_view;
  GtkLabel             *influence_label;
  GtkColumnView        *influence_view;
  GtkLabel             *flags_label;
  GtkListBox           *flags_list;

  GListStore           *items;
  GtkSingleSelection   *selection;
  GtkStringList        *raters;
  GtkCustomFilter      *influence_filter;

  PrProfile            *profile;
  PrTallyOptions        options;
  PrResultsAnalysis    *analysis;   /* the one shown */
  char                 *title;
  char                 *fingerprint;
  gboolean              organizer;
  PrMethod              method;
  guint                 chart_kind;

  GCancellable         *cancellable;
  int                  *stage;      /* a g_atomic_rc_box, shared with the worker */
  guint                 progress_id;
  double                restore_scroll;
  char                 *restore_selected;  /* the selected person's id */

  GtkFileChooserNative *chooser;
  PrResultsExport       chooser_kind;
  char                 *details_text;
  char                 *last_message;
};

G_DEFINE_FINAL_TYPE (PrResultsPage, pr_results_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_TREATMENT,
  PROP_ORGANIZER,
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
  "results.export-chart", "results.export-report",
};

static const PrChartKind chart_order[] = {
  PR_CHART_SCORES, PR_CHART_DISTRIBUTION, PR_CHART_PAIRWISE,
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
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- cells ---- */

typedef char *(*FormatFunc) (PrResultsItem *item);

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "xalign")) / 100.f;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (label), xalign > 0.5f ? PANGO_ELLIPSIZE_NONE
                                                            : PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

/* Each cell remembers its item and column, so a test can read back
 * exactly what a person sees in every cell. */
static void
bind_label (GtkListItem *list_item,
            const char  *column,
            char        *text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text);
  g_object_set_data_full (G_OBJECT (label), "pr-item",
                          g_object_ref (gtk_list_item_get_item (list_item)), g_object_unref);
  g_object_set_data (G_OBJECT (label), "pr-column", (gpointer) column);
  g_free (text);
}

static void
bind_format_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  FormatFunc format = user_data;
  PrResultsItem *item = gtk_list_item_get_item (list_item);

  bind_label (list_item, g_object_get_data (G_OBJECT (factory), "column"), format (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "pr-item", NULL);
}

static char *
format_name (PrResultsItem *item)
{
  return g_strdup (pr_results_item_get_name (item));
}

static GtkListItemFactory *
label_factory (const char *column,
               FormatFunc  format,
               int         xalign)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "xalign", GINT_TO_POINTER (xalign));
  g_object_set_data (G_OBJECT (factory), "column", (gpointer) column);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_format_cb), format);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}

static void
setup_flags_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("view-list-ordered-symbolic"));
  gtk_list_item_set_child (list_item, box);
}

/* Icons for sighted people, the sentence as tooltip and accessible
 * label for everyone. */
static void
bind_flags_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  PrResultsItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *thin = gtk_widget_get_first_child (box);
  GtkWidget *varies = gtk_widget_get_next_sibling (thin);
  PrResultsFlags flags = pr_results_item_get_flags (item);
  g_autofree char *text = pr_results_item_format_flags (item);

  gtk_widget_set_visible (thin, flags & (PR_RESULTS_FLAG_THIN | PR_RESULTS_FLAG_NO_RATERS));
  gtk_widget_set_visible (varies, (flags & PR_RESULTS_FLAG_VARIES)
                                  && !(flags & PR_RESULTS_FLAG_NO_RATERS));
  gtk_widget_set_tooltip_text (box, text[0] != '\0' ? text : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data_full (G_OBJECT (box), "pr-item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (box), "pr-column", (gpointer) "flags");
}

static void
bind_method_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  PrMethod method = GPOINTER_TO_UINT (user_data);
  PrResultsItem *item = gtk_list_item_get_item (list_item);
  guint position = pr_results_item_get_method_position (item, method);
  char *text;

  if (pr_results_item_get_raters (item) == 0 || position == 0)
    text = g_strdup ("–");
  else
    text = g_strdup_printf ("%u", position);
  bind_label (list_item, pr_method_to_string (method), text);
}

static char *
format_varies (PrResultsItem *item)
{
  PrResultsFlags flags = pr_results_item_get_flags (item);

  if ((flags & PR_RESULTS_FLAG_VARIES) && !(flags & PR_RESULTS_FLAG_NO_RATERS))
    return g_strdup (_("Depends on the method"));
  return g_strdup ("");
}

static char *
format_max_shift (PrResultsItem *item)
{
  guint shift = 0;

  pr_results_item_get_influence (item, &shift, NULL);
  return g_strdup_printf ("%u", shift);
}

static char *
format_n_moving (PrResultsItem *item)
{
  guint moving = 0;

  pr_results_item_get_influence (item, NULL, &moving);
  return g_strdup_printf ("%u", moving);
}

/* ---- sorting ---- */

static int
compare_position_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return pr_results_item_compare_position ((PrResultsItem *) a, (PrResultsItem *) b);
}

static int
compare_name_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int c = g_utf8_collate (pr_results_item_get_name ((PrResultsItem *) a),
                          pr_results_item_get_name ((PrResultsItem *) b));

  return c != 0 ? c : compare_position_cb (a, b, NULL);
}

static int
compare_uint (guint x,
              guint y)
{
  return x < y ? -1 : (x > y);
}

/* No score (nobody ranked them) sorts below every score. */
static int
compare_score_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  double x = pr_results_item_get_score ((PrResultsItem *) a);
  double y = pr_results_item_get_score ((PrResultsItem *) b);

  if (isnan (x) != isnan (y))
    return isnan (x) ? -1 : 1;
  if (!isnan (x) && x != y)
    return x < y ? -1 : 1;
  return compare_position_cb (a, b, NULL);
}

static int
compare_interval_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  guint la = 0, ha = 0, lb = 0, hb = 0;

  pr_results_item_get_interval ((PrResultsItem *) a, &la, NULL, &ha);
  pr_results_item_get_interval ((PrResultsItem *) b, &lb, NULL, &hb);
  if (la != lb)
    return compare_uint (la, lb);
  if (ha != hb)
    return compare_uint (ha, hb);
  return compare_position_cb (a, b, NULL);
}

static int
compare_raters_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint x = pr_results_item_get_raters ((PrResultsItem *) a);
  guint y = pr_results_item_get_raters ((PrResultsItem *) b);

  return x != y ? compare_uint (x, y) : compare_position_cb (a, b, NULL);
}

static int
compare_flags_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint x = pr_results_item_get_flags ((PrResultsItem *) a);
  guint y = pr_results_item_get_flags ((PrResultsItem *) b);

  return x != y ? compare_uint (y, x) : compare_position_cb (a, b, NULL);
}

static int
compare_method_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  PrMethod m = GPOINTER_TO_UINT (user_data);
  guint x = pr_results_item_get_method_position ((PrResultsItem *) a, m);
  guint y = pr_results_item_get_method_position ((PrResultsItem *) b, m);

  return x != y ? compare_uint (x, y) : compare_position_cb (a, b, NULL);
}

static int
compare_shift_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint sa = 0, ma = 0, sb = 0, mb = 0;

  pr_results_item_get_influence ((PrResultsItem *) a, &sa, &ma);
  pr_results_item_get_influence ((PrResultsItem *) b, &sb, &mb);
  if (sa != sb)
    return compare_uint (sa, sb);
  if (ma != mb)
    return compare_uint (ma, mb);
  return compare_position_cb (a, b, NULL);
}

static int
compare_moving_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint ma = 0, mb = 0;

  pr_results_item_get_influence ((PrResultsItem *) a, NULL, &ma);
  pr_results_item_get_influence ((PrResultsItem *) b, NULL, &mb);
  return ma != mb ? compare_uint (ma, mb) : compare_position_cb (a, b, NULL);
}

static GtkColumnViewColumn *
add_column (GtkColumnView      *view,
            const char         *title,
            GtkListItemFactory *factory,
            GCompareDataFunc    compare,
            gpointer            compare_data,
            gboolean            expand)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare, compare_data, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  return column;
}

static void
setup_ranking_view (PrResultsPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkListItemFactory *flags = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *position;

  g_signal_connect (flags, "setup", G_CALLBACK (setup_flags_cb), NULL);
  g_signal_connect (flags, "bind", G_CALLBACK (bind_flags_cb), NULL);
  position = add_column (self->ranking_view, C_("column", "Position"),
                         label_factory ("position", pr_results_item_format_position, 100),
                         compare_position_cb, NULL, FALSE);
  add_column (self->ranking_view, C_("column", "Name"), label_factory ("name", format_name, 0),
              compare_name_cb, NULL, TRUE);
  add_column (self->ranking_view, C_("column", "Score"),
              label_factory ("score", pr_results_item_format_score, 100),
              compare_score_cb, NULL, FALSE);
  /* xgettext:no-c-format */
  add_column (self->ranking_view, C_("column", "90 % interval"),
              label_factory ("interval", pr_results_item_format_interval, 100),
              compare_interval_cb, NULL, FALSE);
  add_column (self->ranking_view, C_("column", "Raters"),
              label_factory ("raters", pr_results_item_format_raters, 100),
              compare_raters_cb, NULL, FALSE);
  add_column (self->ranking_view, C_("column", "Flags"), flags, compare_flags_cb, NULL, FALSE);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->ranking_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->ranking_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->ranking_view, position, GTK_SORT_ASCENDING);
}

static void
setup_methods_view (PrResultsPage *self)
{
  GtkSortListModel *sorted;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *name;

  name = add_column (self->methods_view, C_("column", "Name"),
                     label_factory ("name", format_name, 0), compare_name_cb, NULL, TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (method_order); k++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gpointer method = GUINT_TO_POINTER (method_order[k]);

      g_object_set_data (G_OBJECT (factory), "xalign", GINT_TO_POINTER (100));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_method_cb), method);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
      add_column (self->methods_view, pr_method_get_label (method_order[k]), factory,
                  compare_method_cb, method, FALSE);
    }
  add_column (self->methods_view, C_("column", "Sensitivity"),
              label_factory ("varies", format_varies, 0), compare_flags_cb, NULL, FALSE);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->methods_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->methods_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->methods_view, name, GTK_SORT_ASCENDING);
}

/* DESIGN §6: the influence of single ballots on a person is a breakdown
 * of their ballots, so people under min_raters raters are left out. */
static gboolean
influence_filter_cb (gpointer item,
                     gpointer user_data)
{
  return pr_results_item_get_influence (item, NULL, NULL)
         && pr_results_item_get_breakdown_allowed (item);
}

static void
setup_influence_view (PrResultsPage *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *shift;

  add_column (self->influence_view, C_("column", "Position"),
              label_factory ("position", pr_results_item_format_position, 100),
              compare_position_cb, NULL, FALSE);
  add_column (self->influence_view, C_("column", "Name"), label_factory ("name", format_name, 0),
              compare_name_cb, NULL, TRUE);
  shift = add_column (self->influence_view, C_("column", "Largest shift"),
                      label_factory ("max_shift", format_max_shift, 100),
                      compare_shift_cb, NULL, FALSE);
  add_column (self->influence_view, C_("column", "Ballots that move them"),
              label_factory ("n_moving", format_n_moving, 100), compare_moving_cb, NULL, FALSE);

  self->influence_filter = gtk_custom_filter_new (influence_filter_cb, NULL, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->influence_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->influence_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->influence_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->influence_view, shift, GTK_SORT_DESCENDING);
}

static void
setup_rater_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_rater_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (line));
}

static void
setup_raters_view (PrResultsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_rater_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_rater_cb), NULL);
  self->raters = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->raters)));
  gtk_list_view_set_factory (self->raters_view, factory);
  gtk_list_view_set_model (self->raters_view, GTK_SELECTION_MODEL (selection));
}

/* ---- the parts of the page ---- */

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static char *
join_names (const PrResults *results,
            const guint     *people,
            guint            n,
            gboolean         with_raters)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (text, ", ");
      g_string_append (text, pr_profile_get_name (results->profile, people[k]));
      if (with_raters)
        g_string_append_printf (text, " (%u)", results->coverage->raters[people[k]]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_component_rows (PrResultsPage   *self,
                    const PrResults *results)
{
  const PrCoverage *coverage = results->coverage;
  g_autofree guint *members = g_new (guint, coverage->n);

  for (guint g = 0; g < coverage->n_components; g++)
    {
      guint n = 0;
      g_autofree char *title = NULL;
      g_autofree char *names = NULL;

      for (guint c = 0; c < coverage->n; c++)
        if (coverage->component[c] == g)
          members[n++] = c;
      title = g_strdup_printf (_("Group %u"), g + 1);
      names = join_names (results, members, n, FALSE);
      gtk_list_box_append (self->coverage_list, text_row (title, names));
    }
}

static void
update_coverage (PrResultsPage   *self,
                 const PrResults *results)
{
  const PrCoverage *coverage = results->coverage;
  guint min_raters = pr_profile_get_min_raters (results->profile);
  guint lo = G_MAXUINT, hi = 0;
  g_autofree char *range = NULL;
  g_autoptr(GString) warning = g_string_new (NULL);

  clear_list_box (self->coverage_list);
  for (guint c = 0; c < coverage->n; c++)
    {
      lo = MIN (lo, coverage->raters[c]);
      hi = MAX (hi, coverage->raters[c]);
    }
  range = g_strdup_printf (_("From %u to %u; the round asks for at least %u."),
                           coverage->n > 0 ? lo : 0, hi, min_raters);
  gtk_list_box_append (self->coverage_list, text_row (_("Raters per person"), range));
  if (coverage->n_below > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u person has fewer than %u raters",
                                                          "%u people have fewer than %u raters",
                                                          coverage->n_below),
                                                coverage->n_below, min_raters);
      g_autofree char *names = join_names (results, coverage->below, coverage->n_below, TRUE);

      gtk_list_box_append (self->coverage_list, text_row (title, names));
      g_string_append_printf (warning,
                              ngettext ("%u person has fewer than %u raters; their position rests on little information.",
                                        "%u people have fewer than %u raters; their positions rest on little information.",
                                        coverage->n_below),
                              coverage->n_below, min_raters);
    }
  if (coverage->strongly_connected)
    {
      gtk_list_box_append (self->coverage_list,
                           text_row (_("Everyone is compared with everyone"),
                                     _("Every person beats and is beaten by others through a chain of ballots, so all positions are comparable.")));
    }
  else
    {
      g_autofree char *title = g_strdup_printf (ngettext ("The ballots compare the team in %u group only",
                                                          "The ballots compare the team only in %u separate groups",
                                                          coverage->n_components),
                                                coverage->n_components);

      gtk_list_box_append (self->coverage_list,
                           text_row (title, _("No ballot connects these groups in both directions: positions across groups rest on no data.")));
      add_component_rows (self, results);
      if (warning->len > 0)
        g_string_append_c (warning, ' ');
      g_string_append_printf (warning,
                              _("The ballots compare the team only in %u separate groups, so positions across groups are not comparable (see Coverage)."),
                              coverage->n_components);
    }
  gtk_label_set_text (self->coverage_label, warning->str);
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_label), warning->len > 0);
}

static void
append_sentence (char       **text,
                    const char  *sentence)
{
  char *joined = g_strjoin (" ", *text, sentence, NULL);

  g_free (*text);
  *text = joined;
}

static void
update_description (PrResultsPage   *self,
                    const PrResults *results)
{
  PrMethod primary = results->options.primary;
  g_autofree char *method = g_strdup_printf (_("Ordered by %s."), pr_method_get_label (primary));
  g_autofree char *interval = NULL;
  const char *score = NULL;
  const char *unrated = NULL;
  g_autofree char *text = NULL;

  if (primary == PR_METHOD_PLACKETT_LUCE)
    score = _("The score is the chance to be ranked above a typical teammate.");
  else if (primary == PR_METHOD_BORDA)
    score = _("The score is the mean normalised Borda score (1: always ranked first).");
  else if (primary == PR_METHOD_COPELAND)
    score = _("The score is pairwise wins minus losses.");
  else
    score = _("This method gives an order, no score.");
  if (results->bootstrap != NULL)
    interval = g_strdup_printf (_("The interval holds the position in 90 %% of %u resamples of the ballots."),
                                results->bootstrap->resamples);
  /* The table keeps the method's positions (as `tally` prints them),
   * so a person nobody ranked leaves a gap where the method put them. */
  for (guint c = 0; c < pr_profile_get_n_candidates (results->profile); c++)
    if (pr_profile_get_raters (results->profile, c) == 0)
      {
        unrated = _("People nobody ranked are listed last, without a position; the others keep the positions the method gives them.");
        break;
      }
  text = g_strjoin (" ", method, score, NULL);
  if (interval != NULL)
    append_sentence (&text, interval);
  if (unrated != NULL)
    append_sentence (&text, unrated);
  gtk_label_set_text (self->description_label, text);
}

static int
compare_tau (gconstpointer a,
             gconstpointer b)
{
  const PrRaterAgreement *x = *(PrRaterAgreement * const *) a;
  const PrRaterAgreement *y = *(PrRaterAgreement * const *) b;

  if (isnan (x->tau) != isnan (y->tau))
    return isnan (x->tau) ? 1 : -1;
  if (!isnan (x->tau) && x->tau != y->tau)
    return x->tau < y->tau ? -1 : 1;
  return strcmp (x->rater, y->rater);
}

static char *
describe_rater (const PrResults        *results,
                const PrRaterAgreement *rater)
{
  int c = pr_profile_find_id (results->profile, rater->rater);
  g_autofree char *who = c >= 0 ? g_strdup (pr_profile_get_name (results->profile, c))
                                /* TRANSLATORS: a ballot without a known voter, "#3" */
                                : g_strdup_printf (_("Ballot %s"), rater->rater);

  if (isnan (rater->tau))
    /* TRANSLATORS: a rater whose agreement is undefined */
    return g_strdup_printf (_("%s: τ undefined (fewer than two people in common)"), who);
  return g_strdup_printf (_("%s: τ = %.2f"), who, rater->tau);
}

/* Each rater's τ is who-ranked-whom data: the organizer's alone
 * (DESIGN §6). Lowest agreement first: that is what deserves a look. */
static void
update_agreement (PrResultsPage           *self,
                  const PrResultsAnalysis *analysis)
{
  const PrAgreement *agreement = analysis->results->agreement;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (agreement != NULL && !isnan (agreement->kendall_w))
    {
      g_autofree char *w = g_strdup_printf ("%.3f", agreement->kendall_w);

      gtk_label_set_text (self->agreement_label, w);
    }
  else
    gtk_label_set_text (self->agreement_label, "—");

  if (agreement == NULL)
    gtk_label_set_text (self->raters_note, analysis->agreement_refused
                        ? _("Too many different ballots to compute agreement here; use peer-rank-cli tally --agreement.")
                        : _("Agreement was not computed."));
  else if (!self->organizer)
    gtk_label_set_text (self->raters_note, _("Each rater’s agreement with the consensus is shown to the organizer only."));
  else
    gtk_label_set_text (self->raters_note, _("Each rater’s agreement with the consensus of everyone else (Kendall’s τ-b, from −1 reversed to 1 identical), lowest first."));

  for (guint k = 0; agreement != NULL && self->organizer && k < agreement->n_raters; k++)
    g_ptr_array_add (sorted, &agreement->raters[k]);
  g_ptr_array_sort (sorted, compare_tau);
  for (guint k = 0; k < sorted->len; k++)
    {
      g_autofree char *line = describe_rater (analysis->results, sorted->pdata[k]);

      g_strv_builder_add (lines, line);
    }
  strv = g_strv_builder_end (lines);
  gtk_string_list_splice (self->raters, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->raters)),
                          (const char * const *) strv);
  gtk_widget_set_visible (self->raters_scroller, sorted->len > 0);
}

static char *
describe_flag (const PrResults       *results,
               const PrIntegrityFlag *flag,
               char                 **subtitle)
{
  g_autofree char *names = join_names (results, flag->raters, flag->n_raters, FALSE);

  if (flag->kind == PR_INTEGRITY_RECIPROCAL)
    {
      *subtitle = g_strdup_printf (_("They rank each other far above where everyone else puts them: each lift is at least %.0f %% of a ballot’s length."),
                                   100 * flag->strength);
      return g_steal_pointer (&names);
    }
  *subtitle = g_strdup_printf (_("This order is close to the reverse of the consensus (τ = %.2f)."),
                               flag->strength);
  return g_steal_pointer (&names);
}

static void
update_diagnostics (PrResultsPage           *self,
                    const PrResultsAnalysis *analysis)
{
  const PrResults *results = analysis->results;
  guint min_raters = pr_profile_get_min_raters (results->profile);
  g_autofree char *influence = NULL;

  if (!analysis->complete)
    influence = g_strdup (_("Computing…"));
  else if (analysis->influence == NULL)
    influence = g_strdup (_("Too many different ballots to refit without each one."));
  else
    influence = g_strdup_printf (_("How far each person’s position moves when any single ballot is left out and the rest are counted again: the largest shift, and how many ballots move them at all. A position one ballot can shift by several places rests on that ballot. People with fewer than %u raters are not shown, so that no one’s ballot can be read from it."),
                                 min_raters);
  gtk_label_set_text (self->influence_label, influence);
  gtk_filter_changed (GTK_FILTER (self->influence_filter), GTK_FILTER_CHANGE_DIFFERENT);

  clear_list_box (self->flags_list);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_list), FALSE);
  if (!analysis->complete)
    {
      gtk_label_set_text (self->flags_label, _("Computing…"));
      return;
    }
  if (!self->organizer)
    {
      gtk_label_set_text (self->flags_label, _("Integrity flags name raters and are shown to the organizer only."));
      return;
    }
  gtk_label_set_text (self->flags_label, analysis->flags->len == 0
                      ? _("No flags: no raters lift each other far above the consensus, and no order is close to its reverse.")
                      : _("Flags to look at, never automatic exclusions: raters who lift each other far above where everyone else ranks them, and raters whose order is close to the reverse of the consensus. Colleagues who work closely together can rightly rank each other first."));
  for (guint k = 0; k < analysis->flags->len; k++)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *title = describe_flag (results, &g_array_index (analysis->flags,
                                                                       PrIntegrityFlag, k),
                                              &subtitle);

      gtk_list_box_append (self->flags_list, text_row (title, subtitle));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->flags_list), analysis->flags->len > 0);
}

static void
update_chart (PrResultsPage *self)
{
  PrChartData *data;

  if (self->analysis == NULL)
    {
      pr_chart_view_set_chart (self->chart_view, NULL);
      return;
    }
  data = pr_chart_data_new (self->analysis->results, self->analysis->histogram);
  pr_chart_view_set_chart (self->chart_view, pr_chart_new (chart_order[self->chart_kind], data));
}

/* ---- a person's breakdown (DESIGN §6 privacy guard) ---- */

/* The place of candidate @c on ballot @k of the profile, 0 if absent. */
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

/* Who ranked the person where: by name for the organizer, otherwise (and
 * for ballots without a known voter) as counts of "place of length", so
 * thousands of anonymous ballots make a few lines. */
static void
append_places (GString         *text,
               const PrResults *results,
               guint            c,
               gboolean         names)
{
  PrProfile *profile = results->profile;
  guint n_orders = pr_profile_get_n_orders (profile);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

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
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + count;

          g_hash_table_insert (counts, key, GUINT_TO_POINTER (sum));
          continue;
        }
      g_string_append_printf (text, "\n• %s: ", pr_profile_get_name (profile, voter));
      /* TRANSLATORS: "2 of 5", a place on a ballot ranking 5 people */
      g_string_append_printf (text, _("%u of %u"), place, len);
    }
  keys = g_hash_table_get_keys_as_array (counts, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      guint key = GPOINTER_TO_UINT (keys[i]);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[i]));

      g_string_append (text, "\n• ");
      g_string_append_printf (text, _("%u of %u"), key & 0xffff, key >> 16);
      if (count > 1)
        g_string_append_printf (text, " (×%u)", count);
    }
}

static void
append_distribution (GString                   *text,
                     const PrPositionHistogram *histogram,
                     guint                      c)
{
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Positions over %u resamples:"), histogram->resamples);
  for (guint p = 0; p < histogram->n; p++)
    {
      guint count = histogram->counts[c * histogram->n + p];

      if (count == 0)
        continue;
      g_string_append_printf (text, " %u (%.0f %%)", p + 1, 100.0 * count / histogram->resamples);
    }
}

static char *
describe_breakdown (PrResultsPage *self,
                    PrResultsItem *item)
{
  const PrResults *results = self->analysis->results;
  guint c = pr_results_item_get_candidate (item);
  guint min_raters = pr_profile_get_min_raters (results->profile);
  g_autoptr(GString) text = g_string_new (NULL);

  if (!pr_results_item_get_breakdown_allowed (item))
    return g_strdup_printf (ngettext ("Only %u person ranked %s, fewer than the round’s minimum of %u: no breakdown of their places is shown, so that no one’s ballot can be read from it.",
                                      "Only %u people ranked %s, fewer than the round’s minimum of %u: no breakdown of their places is shown, so that no one’s ballot can be read from it.",
                                      pr_results_item_get_raters (item)),
                            pr_results_item_get_raters (item), pr_results_item_get_name (item),
                            min_raters);
  append_places (text, results, c, self->organizer);
  if (self->analysis->histogram != NULL)
    append_distribution (text, self->analysis->histogram, c);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_details (PrResultsPage *self)
{
  PrResultsItem *item = gtk_single_selection_get_selected_item (self->selection);

  g_clear_pointer (&self->details_text, g_free);
  if (item == NULL || self->analysis == NULL)
    {
      gtk_label_set_text (self->details_title,
                          _("Select a person to see what their position rests on."));
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
      return;
    }
  self->details_text = describe_breakdown (self, item);
  gtk_label_set_text (self->details_title, pr_results_item_get_name (item));
  gtk_label_set_text (self->details_label, self->details_text);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
}

static void
selection_changed_cb (PrResultsPage *self)
{
  update_details (self);
}

/* ---- showing an analysis ---- */

static void
restore_selection (PrResultsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  if (self->restore_selected == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (pr_results_item_get_id (item), self->restore_selected) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static gboolean
restore_scroll_cb (gpointer data)
{
  PrResultsPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->ranking_scroller);

  gtk_adjustment_set_value (adjustment, self->restore_scroll);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
remember_view (PrResultsPage *self)
{
  PrResultsItem *item = gtk_single_selection_get_selected_item (self->selection);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->ranking_scroller);

  g_clear_pointer (&self->restore_selected, g_free);
  if (item != NULL)
    self->restore_selected = g_strdup (pr_results_item_get_id (item));
  self->restore_scroll = gtk_adjustment_get_value (adjustment);
}

/* Replaces every row in one splice and puts back the selection and the
 * scroll position, so new ballots do not throw the reader off. */
static void
show_analysis (PrResultsPage     *self,
               PrResultsAnalysis *analysis)
{
  const PrResults *results = analysis->results;
  guint n = pr_profile_get_n_candidates (results->profile);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  remember_view (self);
  if (self->analysis != analysis)
    {
      g_clear_pointer (&self->analysis, pr_results_analysis_unref);
      self->analysis = pr_results_analysis_ref (analysis);
    }
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (items, pr_results_item_new (analysis, c));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  restore_selection (self);
  g_idle_add (restore_scroll_cb, g_object_ref (self));

  update_coverage (self, results);
  update_description (self, results);
  update_agreement (self, analysis);
  update_diagnostics (self, analysis);
  update_chart (self);
  update_details (self);
  gtk_label_set_text (self->methods_label, _("Each method’s position for each person. Where the methods disagree, the position depends on the method: read it with care."));
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

  g_return_if_fail (PR_IS_RESULTS_PAGE (self));
  g_return_if_fail (results != NULL && results->method[results->options.primary] != NULL);

  set_source (self, title, fingerprint, summary);
  pr_profile_ref (results->profile);
  g_clear_pointer (&self->profile, pr_profile_unref);
  self->profile = results->profile;
  self->options = results->options;
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
  if (self->analysis != NULL)
    {
      update_agreement (self, self->analysis);
      update_diagnostics (self, self->analysis);
      update_details (self);
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

guint
pr_results_page_get_n_rows (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

GtkColumnView *
pr_results_page_get_ranking_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->ranking_view;
}

GtkColumnView *
pr_results_page_get_methods_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->methods_view;
}

GtkColumnView *
pr_results_page_get_influence_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->influence_view;
}

GtkListView *
pr_results_page_get_raters_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->raters_view;
}

GtkListBox *
pr_results_page_get_coverage_list (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->coverage_list;
}

GtkListBox *
pr_results_page_get_flags_list (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return self->flags_list;
}

GtkWidget *
pr_results_page_get_chart_view (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);
  return GTK_WIDGET (self->chart_view);
}

const char *
pr_results_page_select_person (PrResultsPage *self,
                               guint          candidate)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (model, i);

      if (pr_results_item_get_candidate (item) == candidate)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  return self->details_text;
}

void
pr_results_page_set_chart (PrResultsPage *self,
                           guint          kind)
{
  g_return_if_fail (PR_IS_RESULTS_PAGE (self));

  for (guint k = 0; k < G_N_ELEMENTS (chart_order); k++)
    if ((guint) chart_order[k] == kind)
      gtk_drop_down_set_selected (self->chart_dropdown, k);
}

static void
chart_selected_cb (PrResultsPage *self)
{
  guint k = gtk_drop_down_get_selected (self->chart_dropdown);

  if (k >= G_N_ELEMENTS (chart_order) || k == self->chart_kind)
    return;
  self->chart_kind = k;
  update_chart (self);
}

const char *
pr_results_page_get_agreement_text (PrResultsPage *self)
{
  g_return_val_if_fail (PR_IS_RESULTS_PAGE (self), NULL);

  return gtk_label_get_text (self->agreement_label);
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
  PrResultsExport    kind;
  PrChartKind        chart_kind;
  char              *path;
  char              *title;
  char              *fingerprint;
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

static GBytes *
render_chart (ExportData  *data,
              GError     **error)
{
  PrChartFormat format;
  g_autoptr(PrChart) chart = NULL;

  if (!pr_chart_format_from_path (data->path, &format))
    {
      g_set_error_literal (error, PR_CHART_ERROR, PR_CHART_ERROR_FORMAT,
                           _("Give the chart a name ending in .svg, .png or .pdf."));
      return NULL;
    }
  chart = pr_chart_new (data->chart_kind, pr_chart_data_new (data->analysis->results,
                                                             data->analysis->histogram));
  return pr_chart_render (chart, format, 0, error);
}

static GBytes *
render_export (ExportData  *data,
               GError     **error)
{
  const PrResults *results = data->analysis->results;
  g_autofree char *base = NULL;
  char *text;
  PrReportInfo info = { 0, };

  switch (data->kind)
    {
    case PR_RESULTS_EXPORT_CSV:
      text = pr_results_to_csv (results);
      return g_bytes_new_take (text, strlen (text));
    case PR_RESULTS_EXPORT_JSON:
      text = pr_results_to_json (results);
      return g_bytes_new_take (text, strlen (text));
    case PR_RESULTS_EXPORT_PREFLIB:
      /* Anonymised as `peer-rank-cli export`: voters and names dropped. */
      base = g_path_get_basename (data->path);
      text = pr_preflib_write (results->profile, base, data->title, PR_PREFLIB_WRITE_DEFAULT);
      return g_bytes_new_take (text, strlen (text));
    case PR_RESULTS_EXPORT_CHART:
      return render_chart (data, error);
    case PR_RESULTS_EXPORT_REPORT:
    default:
      info.title = data->title;
      info.fingerprint = data->fingerprint;
      info.source = data->fingerprint == NULL ? data->title : NULL;
      info.n_members = pr_profile_get_n_candidates (results->profile);
      return pr_report_render (&info, results, data->analysis->histogram, error);
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
  data->kind = kind;
  data->chart_kind = chart_order[self->chart_kind];
  data->path = g_file_get_path (file);
  data->title = g_strdup (self->title);
  data->fingerprint = g_strdup (self->fingerprint);
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
  /* Tearing the views down may change the selection: nothing to show. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RESULTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->raters);
  g_clear_object (&self->influence_filter);
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
  g_free (self->restore_selected);
  g_free (self->details_text);
  g_free (self->last_message);

  G_OBJECT_CLASS (pr_results_page_parent_class)->finalize (object);
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
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  g_type_ensure (PR_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, treatment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, coverage_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, ranking_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, methods_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, methods_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, coverage_list);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, agreement_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, raters_note);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, raters_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, raters_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, influence_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, influence_view);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, flags_label);
  gtk_widget_class_bind_template_child (widget_class, PrResultsPage, flags_list);
}

static void
setup_dropdowns (PrResultsPage *self)
{
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) charts = gtk_string_list_new (NULL);
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

  gtk_string_list_append (charts, _("Scores with intervals"));
  gtk_string_list_append (charts, _("Position distribution"));
  gtk_string_list_append (charts, _("Pairwise preferences"));
  gtk_drop_down_set_model (self->chart_dropdown, G_LIST_MODEL (charts));
  g_signal_connect_object (self->chart_dropdown, "notify::selected",
                           G_CALLBACK (chart_selected_cb), self, G_CONNECT_SWAPPED);
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
  self->items = g_list_store_new (PR_TYPE_RESULTS_ITEM);

  setup_dropdowns (self);
  setup_ranking_view (self);
  setup_methods_view (self);
  setup_influence_view (self);
  setup_raters_view (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint k = 0; k < G_N_ELEMENTS (export_actions); k++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_actions[k], FALSE);
}
