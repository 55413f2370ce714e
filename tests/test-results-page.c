/* test-results-page.c — the results page against `peer-rank-cli tally`
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real round (sealed with the core, imported with the CLI) and a real
 * PrefLib file are shown in the page; every number of the ranking table
 * and the method comparison is read back, from the column views' items
 * and from the labels a person sees, and compared with `tally --format
 * json` for the same profile and options. Exports are compared byte for
 * byte with the CLI, and the privacy guard is checked at min_raters − 1
 * and min_raters raters.
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <unistd.h>

#include "charts-fixture.h"
#include "pr-chart-view.h"
#include "pr-manifest.h"
#include "pr-output.h"
#include "pr-preflib.h"
#include "pr-results-item.h"
#include "pr-results-page.h"
#include "pr-round-page-private.h"
#include "pr-round-profile.h"
#include "pr-test-display.h"
#include "store-fixture.h"
#include "pr-results-table.h"

/* Hana Sato is ranked by 2 people (min_raters − 1), Gus Grant by 3
 * (min_raters); Hana beats nobody, so the comparisons are not strongly
 * connected. */
#define MIN_RATERS 3
#define GUS  6
#define HANA 7

static const char * const names[] = {
  "Ana López", "Bo Chen", "Chidi Okafor", "Dana Weiß", "Eero Mäkinen", "Fatima Zahra",
  "Gus Grant", "Hana Sato", NULL,
};

static const int ballots[][8] = {
  { 1, 2, 3, 6, 7, -1 },
  { 0, 2, 4, 3, -1 },
  { 1, 0, 3, 5, 6, -1 },
  { 0, 1, 2, 4, 5, 7, -1 },
  { 2, 1, 0, 5, -1 },
  { 0, 4, 3, 6, 1, -1 },
  { 5, 4, 3, 2, -1 },
  { 0, 1, 2, -1 },
};

typedef struct {
  char          *tmp;
  char          *round_dir;
  char          *passphrase_file;
  char          *fingerprint;
  GtkWindow     *window;
  PrResultsPage *page;
  PrProfile     *profile;
  GPtrArray     *invitations;
  guint          computed;
} Fixture;

/* ---- the CLI ---- */

static char *
run_cli (int         expected,
         const char *first,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list ap;

  g_strv_builder_add (builder, g_getenv ("PR_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_strv_builder_add (builder, a);
  va_end (ap);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != expected)
    g_test_message ("%s: %s", argv[1], err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected);
  return out;
}

/* `tally` with the page's options: all six methods, the page's primary,
 * its bootstrap and seed, agreement. @source is a round folder or
 * "--preflib=FILE". */
static char *
cli_tally (Fixture    *f,
           const char *source,
           PrMethod    primary,
           const char *format)
{
  PrTallyOptions options;
  g_autofree char *bootstrap = NULL;
  g_autofree char *seed = NULL;
  gboolean preflib = g_str_has_prefix (source, "--preflib=");

  pr_results_page_get_options (f->page, &options);
  g_assert_cmpuint (options.primary, ==, primary);
  g_assert_cmpuint (options.methods, ==, 0);
  g_assert_true (options.agreement);
  g_assert_cmpuint (options.treatment, ==, pr_results_page_get_treatment (f->page));
  bootstrap = g_strdup_printf ("%u", options.bootstrap);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options.seed);
  return run_cli (0, "tally", source, preflib ? "--format" : "--passphrase-file",
                  preflib ? format : f->passphrase_file,
                  "--primary", pr_method_to_string (primary),
                  "--unranked", pr_treatment_to_string (options.treatment),
                  "--bootstrap", bootstrap, "--seed", seed, "--agreement", "--format", format,
                  options.place_all ? "--place-all" : NULL, NULL);
}

static JsonObject *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- fixtures ---- */

static void
make_round (Fixture *f)
{
  g_autofree char *ballot_dir = g_build_filename (f->tmp, "ballots", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autofree char *out = NULL;
  PrStoreParams params = { 0 };

  params.title = "Sprint 12 review";
  params.min_ranked = 1;
  params.min_raters = MIN_RATERS;
  params.names = names;
  params.passphrase = FIXTURE_PASSPHRASE;
  params.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  params.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  store = pr_store_create (f->round_dir, &params, &f->invitations, &error);
  g_assert_no_error (error);
  f->fingerprint = g_strdup (pr_manifest_get_fingerprint (pr_store_get_manifest (store)));

  g_mkdir (ballot_dir, 0700);
  for (guint v = 0; v < G_N_ELEMENTS (ballots); v++)
    {
      g_autoptr(GBytes) bytes = fixture_seal (f->invitations, v, 1000 + v, ballots[v]);
      g_autofree char *name = g_strdup_printf ("ballot-%u.json", v);

      fixture_write (ballot_dir, name, bytes);
    }
  /* The store holds the round's import lock while open. */
  g_clear_pointer (&store, pr_store_free);
  out = run_cli (0, "import", f->round_dir, ballot_dir, "--passphrase-file", f->passphrase_file,
                 NULL);
}

static void
computed_cb (PrResultsPage *page,
             Fixture       *f)
{
  f->computed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = fixture_tmpdir ();
  f->round_dir = g_build_filename (f->tmp, "round", NULL);
  f->passphrase_file = g_build_filename (f->tmp, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, FIXTURE_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);
  make_round (f);
  f->profile = pr_round_profile_load (f->round_dir, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pr_profile_get_min_raters (f->profile), ==, MIN_RATERS);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 900);
  f->page = PR_RESULTS_PAGE (pr_results_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  g_signal_connect (f->page, "computed", G_CALLBACK (computed_cb), f);
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->page);
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->page);
  pr_profile_unref (f->profile);
  g_ptr_array_unref (f->invitations);
  fixture_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->round_dir);
  g_free (f->passphrase_file);
  g_free (f->fingerprint);
}

static void
wait_computed (Fixture *f,
               guint    count)
{
  /* A bootstrap under the sanitizers takes its time. */
  pr_test_wait_seconds (f->computed >= count, 60, "the results to be computed");
  g_assert_cmpuint (f->computed, ==, count);
  g_assert_false (pr_results_page_get_busy (f->page));
  /* Let the column views create their rows. */
  for (guint k = 0; k < 20; k++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
show_round (Fixture  *f,
            PrMethod  method)
{
  guint before = f->computed;

  pr_results_page_set_method (f->page, method);
  pr_results_page_set_profile (f->page, f->profile, "Sprint 12 review", f->fingerprint,
                               "8 ballots");
  g_assert_true (pr_results_page_get_busy (f->page));
  wait_computed (f, before + 1);
}

/* ---- what the CLI says ---- */

/* One row of `tally --format json`'s "table" (DESIGN §7.1), the one table
 * every output renders. */
typedef struct {
  char         *id;
  char         *name;
  gboolean      placed;
  guint         position;                 /* 0: null */
  double        score;                    /* NAN: null */
  gboolean      has_interval;
  guint         low, high;
  guint         raters;
  guint         positions[PR_N_METHODS];  /* 0: null */
  PrTableFlags  flags;
} ExpectedRow;

typedef struct {
  guint        n;
  guint        n_placed;
  PrMethod     primary;
  ExpectedRow *rows;   /* the table's order */
} Expected;

static guint
member_uint (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? 0 : (guint) json_node_get_int (node);
}

static PrTableFlags
read_flags (JsonArray *flags)
{
  PrTableFlags out = 0;

  for (guint k = 0; k < json_array_get_length (flags); k++)
    for (guint f = 0; f < PR_TABLE_N_FLAGS; f++)
      if (g_str_equal (json_array_get_string_element (flags, k),
                       pr_table_flag_to_string (1u << f)))
        out |= 1u << f;
  return out;
}

static void
expected_row (ExpectedRow *e,
              JsonObject  *row)
{
  JsonObject *positions = json_object_get_object_member (row, "positions");
  JsonNode *score = json_object_get_member (row, "score");

  e->id = g_strdup (json_object_get_string_member (row, "id"));
  e->name = g_strdup (json_object_get_string_member (row, "name"));
  e->placed = json_object_get_boolean_member (row, "placed");
  e->position = member_uint (row, "position");
  e->score = JSON_NODE_HOLDS_NULL (score) ? NAN : json_node_get_double (score);
  e->has_interval = !json_object_get_null_member (row, "low");
  e->low = member_uint (row, "low");
  e->high = member_uint (row, "high");
  e->raters = member_uint (row, "raters");
  for (guint m = 0; m < PR_N_METHODS; m++)
    e->positions[m] = member_uint (positions, pr_method_to_string (m));
  e->flags = read_flags (json_object_get_array_member (row, "flags"));
}

static void
expected_init (Expected   *e,
               JsonObject *json,
               PrMethod    primary)
{
  JsonArray *table = json_object_get_array_member (json, "table");

  memset (e, 0, sizeof *e);
  e->primary = primary;
  e->n = json_array_get_length (table);
  e->rows = g_new0 (ExpectedRow, e->n);
  for (guint k = 0; k < e->n; k++)
    {
      expected_row (&e->rows[k], json_array_get_object_element (table, k));
      e->n_placed += e->rows[k].placed;
    }
}

static void
expected_clear (Expected *e)
{
  for (guint k = 0; k < e->n; k++)
    {
      g_free (e->rows[k].id);
      g_free (e->rows[k].name);
    }
  g_free (e->rows);
}

static ExpectedRow *
find_row (Expected   *e,
          const char *id)
{
  for (guint k = 0; k < e->n; k++)
    if (g_str_equal (e->rows[k].id, id))
      return &e->rows[k];
  g_assert_not_reached ();
}

/* The cell texts, formatted from the CLI's table as documented
 * (pr_results_table_format_score()). */
static char *
expected_cell (Expected    *e,
               const char  *column,
               ExpectedRow *r)
{
  if (g_str_equal (column, "position"))
    return r->placed ? g_strdup_printf ("%u", r->position) : g_strdup ("—");
  if (g_str_equal (column, "name"))
    return g_strdup (r->name);
  if (g_str_equal (column, "score"))
    {
      if (isnan (r->score))
        return g_strdup ("—");
      if (e->primary == PR_METHOD_PLACKETT_LUCE)
        return g_strdup_printf ("%.1f %%", r->score);
      if (e->primary == PR_METHOD_BORDA)
        return g_strdup_printf ("%.3f", r->score);
      return g_strdup_printf ("%.0f", r->score);
    }
  if (g_str_equal (column, "interval"))
    {
      if (!r->has_interval)
        return g_strdup ("—");
      return r->low == r->high ? g_strdup_printf ("%u", r->low)
                               : g_strdup_printf ("%u–%u", r->low, r->high);
    }
  if (g_str_equal (column, "raters"))
    return g_strdup_printf ("%u", r->raters);
  for (guint m = 0; m < PR_N_METHODS; m++)
    if (g_str_equal (column, pr_method_to_string (m)))
      return r->positions[m] == 0 ? g_strdup ("—") : g_strdup_printf ("%u", r->positions[m]);
  if (g_str_equal (column, "varies"))
    return g_strdup (r->flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD ? "Depends on the method" : "");
  return NULL;
}

static gboolean export_to          (Fixture          *f,
                                    PrResultsExport   kind,
                                    const char       *path,
                                    gboolean          replace,
                                    GError          **error);
static void     assert_file_equals (const char       *path,
                                    const char       *expected);

/* ---- reading the page ---- */

/* The items of @view (in its own order) are the table's rows from
 * @first on, one for one. */
static void
check_items (Expected      *e,
             GtkColumnView *view,
             guint          first,
             guint          count)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (model, i);
      ExpectedRow *r = &e->rows[first + i];
      guint low = 0, high = 0;
      double score = pr_results_item_get_score (item);

      g_assert_cmpstr (pr_results_item_get_id (item), ==, r->id);
      g_assert_cmpint (pr_results_item_get_placed (item), ==, r->placed);
      g_assert_cmpuint (pr_results_item_get_position (item), ==, r->position);
      g_assert_true (isnan (score) == isnan (r->score));
      if (!isnan (score))
        g_assert_cmpfloat (score, ==, r->score);
      g_assert_cmpint (pr_results_item_get_interval (item, &low, &high), ==, r->has_interval);
      g_assert_cmpuint (low, ==, r->low);
      g_assert_cmpuint (high, ==, r->high);
      g_assert_cmpuint (pr_results_item_get_raters (item), ==, r->raters);
      g_assert_cmpuint (pr_results_item_get_flags (item), ==, r->flags);
      for (guint m = 0; m < PR_N_METHODS; m++)
        g_assert_cmpuint (pr_results_item_get_method_position (item, m), ==, r->positions[m]);
    }
}

/* Every label and flag box a person sees in @view: its text must be the
 * CLI's number, formatted. Returns how many cells were read. */
static guint
check_cells (Expected  *e,
             GtkWidget *widget,
             guint     *flags_seen)
{
  PrResultsItem *item = g_object_get_data (G_OBJECT (widget), "pr-item");
  const char *column = g_object_get_data (G_OBJECT (widget), "pr-column");
  guint n = 0;

  if (item != NULL && column != NULL && gtk_widget_get_mapped (widget))
    {
      ExpectedRow *r = find_row (e, pr_results_item_get_id (item));

      if (GTK_IS_LABEL (widget))
        {
          g_autofree char *expected = expected_cell (e, column, r);

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), ==, expected);
          n++;
        }
      else
        {
          GtkWidget *thin = gtk_widget_get_first_child (widget);
          GtkWidget *varies = gtk_widget_get_next_sibling (thin);

          g_assert_cmpint (gtk_widget_get_visible (thin), ==,
                           (r->flags & (PR_TABLE_FLAG_FEW_RATERS | PR_TABLE_FLAG_UNRANKED)) != 0);
          g_assert_cmpint (gtk_widget_get_visible (varies), ==,
                           (r->flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD) != 0);
          (*flags_seen)++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_cells (e, child, flags_seen);
  return n;
}

/* The flags cell as a screen reader reads it. */
static char *
expected_flags (ExpectedRow *r)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (r->flags & PR_TABLE_FLAG_UNRANKED)
    g_string_append (text, "Nobody ranked this person.");
  else if (r->flags & PR_TABLE_FLAG_FEW_RATERS)
    g_string_append_printf (text, "Only %u rater%s, fewer than the round’s minimum of %u.",
                            r->raters, r->raters == 1 ? "" : "s", MIN_RATERS);
  if (r->flags & PR_TABLE_FLAG_DEPENDS_ON_METHOD)
    g_string_append_printf (text, "%sAnother method places them outside their 90 %% interval.",
                            text->len > 0 ? " " : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct {
  gboolean  done;
  char     *out;
  int       status;
} Reader;

static void
reader_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Reader *r = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &r->out, NULL, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  r->done = TRUE;
}

/* The rows of the table called @name as AT-SPI gives them to a screen
 * reader: this process answers while the reader (another process) asks,
 * so the main loop runs meanwhile. NULL where AT-SPI is not available. */
static char **
read_atspi_table (const char *name)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "read-atspi-table.py",
                                              NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GError) error = NULL;
  Reader r = { 0, };

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  reader = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", script,
                             pid, name, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (reader, NULL, NULL, reader_done_cb, &r);
  pr_test_wait (r.done, "the AT-SPI table reader to finish");
  g_assert_true (g_subprocess_get_if_exited (reader));
  if (r.status == 77)
    {
      g_free (r.out);
      return NULL;
    }
  g_assert_cmpint (r.status, ==, 0);
  /* Only the final newline: a last row's empty cell ends in a tab. */
  if (g_str_has_suffix (r.out, "\n"))
    r.out[strlen (r.out) - 1] = '\0';
  {
    char **lines = r.out[0] != '\0' ? g_strsplit (r.out, "\n", -1) : g_new0 (char *, 1);

    g_free (r.out);
    return lines;
  }
}

/* Every row of a table as AT-SPI reads it, in the table's order. */
static void
check_atspi_table (Expected   *e,
                   const char *name,
                   guint       first,
                   guint       count)
{
  g_auto(GStrv) rows = read_atspi_table (name);

  if (rows == NULL)
    {
      g_test_message ("AT-SPI is not available: the table was read from its widgets only");
      return;
    }
  g_assert_cmpuint (g_strv_length (rows), ==, count);
  for (guint i = 0; i < count; i++)
    {
      ExpectedRow *r = &e->rows[first + i];
      g_autofree char *position = expected_cell (e, "position", r);
      g_autofree char *score = expected_cell (e, "score", r);
      g_autofree char *interval = expected_cell (e, "interval", r);
      g_autofree char *raters = expected_cell (e, "raters", r);
      g_autofree char *flags = expected_flags (r);
      g_auto(GStrv) cells = g_strsplit (rows[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 6);
      g_assert_cmpstr (cells[0], ==, position);
      g_assert_cmpstr (cells[1], ==, r->name);
      g_assert_cmpstr (cells[2], ==, score);
      g_assert_cmpstr (cells[3], ==, interval);
      g_assert_cmpstr (cells[4], ==, raters);
      g_assert_cmpstr (cells[5], ==, flags);
    }
}

static void
settle (void)
{
  for (guint k = 0; k < 20; k++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
show_stack_page (Fixture    *f,
                 GtkWidget  *inside,
                 const char *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (inside, GTK_TYPE_STACK)),
                                    name);
  settle ();
}

/* The page against `tally --format json` with the page's options: both
 * ranking tables (widgets and AT-SPI), the method comparison, W. */
static void
check_page_json (Fixture    *f,
                 JsonObject *json,
                 PrMethod    primary)
{
  PrResultsAnalysis *analysis = pr_results_page_get_analysis (f->page);
  PrResultsRanking *ranking = pr_results_page_get_ranking (f->page);
  JsonObject *agreement = json_object_get_object_member (json, "agreement");
  g_autofree char *w = g_strdup_printf ("%.3f", json_object_get_double_member (agreement, "kendall_w"));
  Expected e;
  guint flags_seen = 0, cells;

  g_assert_cmpuint (analysis->results->options.primary, ==, primary);
  expected_init (&e, json, primary);
  check_items (&e, pr_results_ranking_get_view (ranking), 0, e.n_placed);
  check_items (&e, pr_results_ranking_get_unplaced_view (ranking), e.n_placed, e.n - e.n_placed);

  /* Six columns, few people: every row of both tables is on screen. */
  cells = check_cells (&e, GTK_WIDGET (ranking), &flags_seen);
  g_assert_cmpuint (cells, ==, 5 * e.n);
  g_assert_cmpuint (flags_seen, ==, e.n);
  check_atspi_table (&e, "Ranking", 0, e.n_placed);
  if (e.n_placed < e.n)
    check_atspi_table (&e, "Too few raters to place", e.n_placed, e.n - e.n_placed);

  /* The method comparison: name, six positions and the sensitivity. */
  show_stack_page (f, GTK_WIDGET (pr_results_page_get_methods_view (f->page)), "methods");
  cells = check_cells (&e, GTK_WIDGET (pr_results_page_get_methods_view (f->page)), &flags_seen);
  g_assert_cmpuint (cells, ==, (2 + PR_N_METHODS) * e.n);
  show_stack_page (f, GTK_WIDGET (pr_results_page_get_methods_view (f->page)), "ranking");

  g_assert_cmpfloat (analysis->results->agreement->kendall_w, ==,
                     json_object_get_double_member (agreement, "kendall_w"));
  g_assert_cmpuint (analysis->results->agreement->n_raters, ==,
                    json_array_get_length (json_object_get_array_member (agreement, "raters")));
  /* Kendall's W as shown. */
  g_assert_cmpstr (pr_results_page_get_agreement_text (f->page), ==, w);
  expected_clear (&e);
}

static void
check_page (Fixture    *f,
            const char *source,
            PrMethod    primary)
{
  g_autofree char *json_text = cli_tally (f, source, primary, "json");
  g_autoptr(JsonObject) json = parse_json (json_text);

  check_page_json (f, json, primary);
}

static char *
list_box_text (GtkListBox *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s: %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* *Show Individual Ballots…* for the person selected, answered @response
 * as a person would in the dialog it opens. */
static void
reveal (Fixture    *f,
        const char *response)
{
  PrResultsRanking *ranking = pr_results_page_get_ranking (f->page);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ranking), "ranking.reveal", NULL));
  dialog = pr_results_ranking_get_reveal_dialog (ranking);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "never exported"));
  adw_message_dialog_response (dialog, response);
  settle ();
  g_assert_null (pr_results_ranking_get_reveal_dialog (ranking));
}

/* ---- tests ---- */

/* The round in all six methods: every number equals the CLI's. */
static void
test_round_matches_cli (Fixture       *f,
                        gconstpointer  data)
{
  static const PrMethod methods[] = {
    PR_METHOD_PLACKETT_LUCE, PR_METHOD_BORDA, PR_METHOD_COPELAND, PR_METHOD_SCHULZE,
    PR_METHOD_RANKED_PAIRS, PR_METHOD_KEMENY,
  };

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  for (guint k = 0; k < G_N_ELEMENTS (methods); k++)
    {
      guint before = f->computed;

      g_test_message ("method %s", pr_method_to_string (methods[k]));
      if (k > 0)
        {
          pr_results_page_set_method (f->page, methods[k]);
          wait_computed (f, before + 1);
        }
      check_page (f, f->round_dir, methods[k]);
    }
}

/* Unranked people read as ranked below, for the pairwise methods: the
 * page's numbers are `tally --unranked below`'s, and so is its CSV. */
static void
test_unranked_below (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->tmp, "below.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  guint computed;

  show_round (f, PR_METHOD_SCHULZE);
  computed = f->computed;
  pr_results_page_set_treatment (f->page, PR_TREATMENT_BELOW);
  g_assert_true (pr_results_page_get_busy (f->page));
  wait_computed (f, computed + 1);
  g_assert_cmpuint (pr_results_page_get_analysis (f->page)->results->options.treatment, ==,
                    PR_TREATMENT_BELOW);
  check_page (f, f->round_dir, PR_METHOD_SCHULZE);
  pr_results_page_set_method (f->page, PR_METHOD_COPELAND);
  wait_computed (f, computed + 2);
  check_page (f, f->round_dir, PR_METHOD_COPELAND);
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_CSV, csv_path, FALSE, &error));
  csv = cli_tally (f, f->round_dir, PR_METHOD_COPELAND, "csv");
  assert_file_equals (csv_path, csv);
}

/* A real PrefLib election (anonymous ballots, ids are alternative
 * numbers) under two methods. */
static void
test_preflib_matches_cli (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "preflib",
                                            "00032-00000005.soi", NULL);
  g_autofree char *source = g_strconcat ("--preflib=", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = pr_preflib_load (path, &error);

  g_assert_no_error (error);
  pr_results_page_set_method (f->page, PR_METHOD_BORDA);
  pr_results_page_set_profile (f->page, profile, "00032-00000005.soi", NULL, NULL);
  wait_computed (f, 1);
  check_page (f, source, PR_METHOD_BORDA);

  pr_results_page_set_method (f->page, PR_METHOD_PLACKETT_LUCE);
  wait_computed (f, 2);
  check_page (f, source, PR_METHOD_PLACKETT_LUCE);

  /* Anonymous ballots are summed up by place, not listed one by one,
   * and only once the person asked to see them. */
  {
    const char *text = pr_results_page_select_person (f->page, 0);
    g_auto(GStrv) lines = NULL;

    g_assert_null (strstr (text, "Places on the ballots"));
    reveal (f, "show");
    text = pr_results_page_select_person (f->page, 0);
    lines = g_strsplit (text, "\n", -1);
    g_assert_nonnull (strstr (text, "Places on the ballots that rank them:\n• 1 of "));
    g_assert_cmpuint (g_strv_length (lines), <, pr_profile_get_raters (profile, 0));
  }
}

/* Coverage names who is under min_raters and who is in which group;
 * agreement shows each rater's τ to the organizer only. */
static void
test_coverage_and_agreement (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *coverage = NULL;
  GListModel *raters;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  coverage = list_box_text (pr_results_page_get_coverage_list (f->page));
  g_test_message ("%s", coverage);
  g_assert_nonnull (strstr (coverage, "1 person has fewer than 3 raters and is not placed: Hana Sato (2)"));
  /* Hana lost to everyone she met: decisive data, not missing data. */
  g_assert_nonnull (strstr (coverage, "Everyone is compared with everyone"));
  g_assert_null (strstr (coverage, "No ballot compares"));
  g_assert_nonnull (strstr (coverage, "Hana Sato: Ranked below everyone they were compared with: "
                                      "this order is certain, how far behind is not.\n"));

  raters = G_LIST_MODEL (gtk_list_view_get_model (pr_results_page_get_raters_view (f->page)));
  g_assert_cmpuint (g_list_model_get_n_items (raters), ==, 0);
  pr_results_page_set_organizer (f->page, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (raters), ==, G_N_ELEMENTS (ballots));
  for (guint k = 0; k < g_list_model_get_n_items (raters); k++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (raters, k);

      g_assert_nonnull (strstr (gtk_string_object_get_string (line), ": τ"));
    }
  pr_results_page_set_organizer (f->page, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (raters), ==, 0);
}

/* DESIGN §6 at the threshold: Hana (min_raters − 1 raters) is not
 * placed and gets no breakdown, Gus (min_raters) gets his distribution,
 * and his ballots only after *Show Individual Ballots…*; the influence
 * view and the distribution chart leave out Hana only; pairs fewer
 * ballots compare than the minimum are drawn empty. */
static void
test_privacy_guard (Fixture       *f,
                    gconstpointer  data)
{
  const char *text;
  PrChart *chart;
  const PrChartData *chart_data;
  GListModel *influence;
  gboolean gus = FALSE, hana = FALSE;
  guint few = 0;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  text = pr_results_page_select_person (f->page, HANA);
  g_assert_nonnull (strstr (text, "Not placed: 2 raters, fewer than the round’s minimum of 3."));
  g_assert_null (strstr (text, "Places on the ballots"));
  g_assert_null (strstr (text, "•"));
  g_assert_null (strstr (text, "resamples"));

  text = pr_results_page_select_person (f->page, GUS);
  g_assert_nonnull (strstr (text, "Positions over 1000 resamples:"));
  g_assert_null (strstr (text, "Places on the ballots"));
  /* Cancelling the dialog shows nothing more. */
  reveal (f, "cancel");
  text = pr_results_page_select_person (f->page, GUS);
  g_assert_null (strstr (text, "Places on the ballots"));
  reveal (f, "show");
  text = pr_results_page_select_person (f->page, GUS);
  g_assert_nonnull (strstr (text, "Places on the ballots that rank them:"));
  g_assert_nonnull (strstr (text, "4 of 5"));  /* Ana's ballot */
  g_assert_null (strstr (text, "Ana López"));
  pr_results_page_set_organizer (f->page, TRUE);
  text = pr_results_page_select_person (f->page, GUS);
  g_assert_nonnull (strstr (text, "Ana López: 4 of 5"));
  text = pr_results_page_select_person (f->page, HANA);
  g_assert_null (strstr (text, "Ana López"));
  /* Another round: its ballots stay hidden until asked again. */
  pr_results_page_set_profile (f->page, f->profile, "Another round", NULL, NULL);
  wait_computed (f, f->computed + 1);
  text = pr_results_page_select_person (f->page, GUS);
  g_assert_null (strstr (text, "Places on the ballots"));

  influence = G_LIST_MODEL (gtk_column_view_get_model (pr_results_page_get_influence_view (f->page)));
  for (guint i = 0; i < g_list_model_get_n_items (influence); i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (influence, i);

      gus = gus || pr_results_item_get_candidate (item) == GUS;
      hana = hana || pr_results_item_get_candidate (item) == HANA;
    }
  g_assert_true (gus);
  g_assert_false (hana);

  pr_results_page_set_chart (f->page, PR_CHART_DISTRIBUTION);
  chart = pr_chart_view_get_chart (PR_CHART_VIEW (pr_results_page_get_chart_view (f->page)));
  chart_data = pr_chart_get_data (chart);
  g_assert_cmpint (pr_chart_get_kind (chart), ==, PR_CHART_DISTRIBUTION);
  g_assert_true (chart_data->people[HANA].withheld);
  g_assert_null (chart_data->people[HANA].histogram);
  g_assert_false (chart_data->people[GUS].withheld);
  g_assert_nonnull (chart_data->people[GUS].histogram);
  /* Every pair of placed people compared by one or two ballots. */
  for (guint a = 0; a < chart_data->n; a++)
    for (guint b = 0; b < chart_data->n; b++)
      {
        guint total = chart_data->pairwise[a * chart_data->n + b]
                      + chart_data->pairwise[b * chart_data->n + a];

        if (a == HANA || b == HANA || a == b || total == 0 || total >= MIN_RATERS)
          continue;
        g_assert_cmpint (pr_chart_data_cell_visibility (chart_data, a, b), ==, PR_CELL_FEW_BALLOTS);
        few++;
      }
  g_assert_cmpuint (few, >, 0);
}

/* The influence view's numbers are pr_influence_compute()'s, and the
 * integrity flags are listed for the organizer only. */
static void
test_influence_and_flags (Fixture       *f,
                          gconstpointer  data)
{
  PrResultsAnalysis *analysis;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrInfluenceReport) report = NULL;
  g_autoptr(GArray) flags = NULL;
  GListModel *influence;
  guint rows = 0;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  analysis = pr_results_page_get_analysis (f->page);
  report = pr_influence_compute (f->profile, PR_METHOD_PLACKETT_LUCE, PR_TREATMENT_IGNORE,
                                 analysis->results->method[PR_METHOD_PLACKETT_LUCE], 1, NULL,
                                 &error);
  g_assert_no_error (error);
  influence = G_LIST_MODEL (gtk_column_view_get_model (pr_results_page_get_influence_view (f->page)));
  for (guint i = 0; i < g_list_model_get_n_items (influence); i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (influence, i);
      guint c = pr_results_item_get_candidate (item);
      guint shift = 0, moving = 0;

      g_assert_true (pr_results_item_get_influence (item, &shift, &moving));
      g_assert_cmpuint (shift, ==, report->people[c].max_shift);
      g_assert_cmpuint (moving, ==, report->people[c].n_moving);
      rows++;
    }
  g_assert_cmpuint (rows, >, 0);

  flags = pr_integrity_flags_compute (f->profile, analysis->results->method[PR_METHOD_PLACKETT_LUCE]);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (pr_results_page_get_flags_list (f->page))));
  pr_results_page_set_organizer (f->page, TRUE);
  {
    g_autofree char *listed = list_box_text (pr_results_page_get_flags_list (f->page));
    guint n_rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (pr_results_page_get_flags_list (f->page)));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      n_rows++;
    g_test_message ("flags: %s", listed);
    g_assert_cmpuint (n_rows, ==, flags->len);
  }
}

/* Recomputing with a new profile keeps the method and the selected
 * person; a new computation cancels the one running. */
static void
test_live_update (Fixture       *f,
                  gconstpointer  data)
{
  guint order[] = { 3, 2, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) more = NULL;
  PrResultsAnalysis *analysis;
  const char *text;
  guint computed;

  show_round (f, PR_METHOD_BORDA);
  text = pr_results_page_select_person (f->page, GUS);
  g_assert_nonnull (text);

  /* Two method changes in a row: only the last one is shown. */
  computed = f->computed;
  pr_results_page_set_method (f->page, PR_METHOD_KEMENY);
  pr_results_page_set_method (f->page, PR_METHOD_COPELAND);
  wait_computed (f, computed + 1);
  g_assert_cmpuint (pr_results_page_get_analysis (f->page)->results->options.primary, ==,
                    PR_METHOD_COPELAND);

  more = pr_round_profile_load (f->round_dir, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (pr_profile_add_ballot (more, GUS, order, G_N_ELEMENTS (order), 1, &error));
  pr_results_page_set_profile (f->page, more, "Sprint 12 review", f->fingerprint, "9 ballots");
  wait_computed (f, computed + 2);
  analysis = pr_results_page_get_analysis (f->page);
  g_assert_cmpuint (pr_profile_get_n_ballots (analysis->results->profile), ==, G_N_ELEMENTS (ballots) + 1);
  g_assert_cmpuint (pr_results_page_get_method (f->page), ==, PR_METHOD_COPELAND);
  g_assert_cmpuint (analysis->results->options.primary, ==, PR_METHOD_COPELAND);
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (pr_results_page_get_ranking_view (f->page)));
    PrResultsItem *item = gtk_single_selection_get_selected_item (selection);

    g_assert_nonnull (item);
    g_assert_cmpuint (pr_results_item_get_candidate (item), ==, GUS);
  }
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_round_page_open_finish (PR_ROUND_PAGE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The Results tab of the organizer's round page, for the real round
 * opened and unlocked as an organizer does: every number equals
 * `tally`'s, and a revised ballot imported in the window brings the tab
 * up to date (again equal to `tally` on the round folder). */
static void
test_round_page (Fixture       *f,
                 gconstpointer  data)
{
  static const int revised[] = { 3, 4, 5, 6, 0, -1 };
  g_autofree char *ballot_dir = g_build_filename (f->tmp, "revised", NULL);
  g_autofree char *revised_path = g_build_filename (ballot_dir, "hana-revised.json", NULL);
  const char *paths[] = { revised_path, NULL };
  g_autoptr(GFile) folder = g_file_new_for_path (f->round_dir);
  g_autoptr(GBytes) bytes = fixture_seal (f->invitations, HANA, 5000, revised);
  PrRoundPage *round_page = g_object_new (PR_TYPE_ROUND_PAGE, NULL);
  PrResultsPage *own_page = g_object_ref (f->page);
  gboolean done = FALSE;
  gulong id;

  /* The round page takes the window (one table called "Ranking"). */
  g_object_ref (round_page);
  gtk_window_set_child (f->window, GTK_WIDGET (round_page));
  pr_round_page_open_async (round_page, folder, NULL, opened_cb, &done);
  pr_test_wait_flag (&done);

  /* Unlocking reads the counted ballots, then the results compute. */
  f->page = pr_round_page_get_results_page (round_page);
  g_signal_connect (f->page, "computed", G_CALLBACK (computed_cb), f);
  f->computed = 0;
  done = FALSE;
  id = g_signal_connect (round_page, "unlocked", G_CALLBACK (pr_test_set_flag_on_success), &done);
  gtk_editable_set_text (pr_round_page_get_passphrase (round_page), FIXTURE_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (round_page), "round.unlock", NULL));
  pr_test_wait_flag (&done);
  g_signal_handler_disconnect (round_page, id);
  g_assert_true (pr_round_page_is_unlocked (round_page));
  g_assert_true (pr_results_page_get_organizer (f->page));
  /* The person opens the Results tab. */
  gtk_stack_set_visible_child_name (round_page->view_stack, "results");
  wait_computed (f, 1);
  g_assert_null (pr_round_page_get_results_message (round_page));
  g_assert_cmpuint (pr_profile_get_n_ballots (pr_results_page_get_analysis (f->page)->results->profile),
                    ==, G_N_ELEMENTS (ballots));
  check_page (f, f->round_dir, PR_METHOD_PLACKETT_LUCE);

  /* Hana revises her ballot; the tab follows the import. */
  g_mkdir (ballot_dir, 0700);
  fixture_write (ballot_dir, "hana-revised.json", bytes);
  done = FALSE;
  id = g_signal_connect (round_page, "import-finished", G_CALLBACK (pr_test_set_flag), &done);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (round_page), "round.import-paths", "^as", paths));
  pr_test_wait_flag (&done);
  g_signal_handler_disconnect (round_page, id);
  /* The import showed its report; back to the results. */
  gtk_stack_set_visible_child_name (round_page->view_stack, "results");
  wait_computed (f, 2);
  g_assert_false (pr_round_page_is_reading_results (round_page));
  check_page (f, f->round_dir, PR_METHOD_PLACKETT_LUCE);
  {
    PrResultsAnalysis *analysis = pr_results_page_get_analysis (f->page);
    guint raters[3] = { 0 };

    /* Her revision ranks Dana first: Dana gains a rater no earlier
     * ballot of Hana's gave her. */
    g_assert_cmpuint (pr_profile_get_n_ballots (analysis->results->profile), ==, G_N_ELEMENTS (ballots));
    raters[0] = pr_profile_get_raters (analysis->results->profile, 3);
    raters[1] = pr_profile_get_raters (f->profile, 3);
    g_assert_cmpuint (raters[0], ==, raters[1] + 1);
  }

  f->page = own_page;
  gtk_window_set_child (f->window, GTK_WIDGET (own_page));
  g_object_unref (own_page);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (round_page);
}

/* Every tooltip of the chart shown, found by moving over it in 6-pixel
 * steps as a pointer would, joined by newlines. */
static char *
chart_tooltips (Fixture *f,
                guint    kind)
{
  GtkWidget *view = pr_results_page_get_chart_view (f->page);
  GtkWidget *stack = gtk_widget_get_ancestor (view, GTK_TYPE_STACK);
  g_autoptr(GString) all = g_string_new (NULL);
  int width, height;

  gint64 until;

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "charts");
  pr_results_page_set_chart (f->page, kind);
  /* Until the frame clock has laid the chart out and drawn it. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_assert_cmpint (width, >, 300);
  g_assert_cmpint (height, >, 200);
  for (int y = 0; y < height; y += 6)
    for (int x = 0; x < width; x += 6)
      {
        g_autofree char *tip = pr_chart_view_describe_at (PR_CHART_VIEW (view), x, y);

        if (tip != NULL && strstr (all->str, tip) == NULL)
          g_string_append_printf (all, "%s\n", tip);
      }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* The chart widget draws src/charts' charts with their tooltips, and the
 * tooltips keep the privacy guard: Hana's distribution and her pairwise
 * cells are withheld, Gus's are shown. */
static void
test_chart_tooltips (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *scores = NULL;
  g_autofree char *distribution = NULL;
  g_autofree char *pairwise = NULL;
  GtkWidget *view;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  view = pr_results_page_get_chart_view (f->page);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  scores = chart_tooltips (f, PR_CHART_SCORES);
  g_assert_nonnull (strstr (scores, "Gus Grant"));
  g_assert_nonnull (strstr (scores, "3 raters"));
  g_assert_nonnull (strstr (scores, "Hana Sato"));

  distribution = chart_tooltips (f, PR_CHART_DISTRIBUTION);
  g_assert_nonnull (strstr (distribution, "Gus Grant: position"));
  g_assert_null (strstr (distribution, "Hana Sato: position"));

  pairwise = chart_tooltips (f, PR_CHART_PAIRWISE);
  /* The chart says what it is of: the round's title heads it. */
  {
    g_autofree char *description = pr_chart_describe (pr_chart_view_get_chart (PR_CHART_VIEW (view)));

    g_assert_true (g_str_has_prefix (description, "Sprint 12 review — Pairwise preferences."));
  }
  g_assert_nonnull (strstr (pairwise, "Gus Grant ranked above"));
  g_assert_null (strstr (pairwise, "Hana Sato ranked above"));
  g_assert_null (strstr (pairwise, "above Hana Sato"));
  /* A share of one or two ballots is those ballots: not shown. */
  g_assert_nonnull (strstr (pairwise, "fewer than 3 ballots compare them: not shown"));
  g_assert_null (strstr (pairwise, "on 1 of 1 ballot"));
  g_assert_null (strstr (pairwise, "of 2 ballots comparing"));
}

/* Stop keeps the results shown, and the method they were made with. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  guint computed;
  gint64 until;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  computed = f->computed;
  pr_results_page_set_method (f->page, PR_METHOD_KEMENY);
  g_assert_true (pr_results_page_get_busy (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "results.stop", NULL));
  g_assert_false (pr_results_page_get_busy (f->page));
  g_assert_cmpuint (pr_results_page_get_method (f->page), ==, PR_METHOD_PLACKETT_LUCE);
  g_assert_true (g_str_has_prefix (pr_results_page_get_last_message (f->page), "Stopped"));
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->computed, ==, computed);
  g_assert_cmpuint (pr_results_page_get_analysis (f->page)->results->options.primary, ==,
                    PR_METHOD_PLACKETT_LUCE);
}

/* Two raters who put each other first, against everyone else's order:
 * one flag naming both, for the organizer only, never a change in the
 * counting. */
static void
test_reciprocal_flag (Fixture       *f,
                      gconstpointer  data)
{
  const char *ids[] = { "a", "b", "c", "d", "e", "f" };
  const char *people[] = { "Ana", "Bo", "Chidi", "Dana", "Eero", "Fatima" };
  const guint consensus[][5] = {
    { 1, 2, 3, 4, 5 }, { 0, 2, 3, 4, 5 }, { 0, 1, 3, 4, 5 }, { 0, 1, 2, 4, 5 },
  };
  const guint eero[] = { 5, 0, 1, 2, 3 };
  const guint fatima[] = { 4, 0, 1, 2, 3 };
  g_autoptr(PrProfile) profile = pr_profile_new (ids, people, G_N_ELEMENTS (ids));
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  GtkListBox *list = pr_results_page_get_flags_list (f->page);

  for (guint v = 0; v < G_N_ELEMENTS (consensus); v++)
    g_assert_true (pr_profile_add_ballot (profile, v, consensus[v], 5, 1, &error));
  g_assert_true (pr_profile_add_ballot (profile, 4, eero, 5, 1, &error));
  g_assert_true (pr_profile_add_ballot (profile, 5, fatima, 5, 1, &error));
  pr_profile_set_min_raters (profile, 1);
  pr_results_page_set_profile (f->page, profile, "Flags", NULL, NULL);
  wait_computed (f, 1);
  g_assert_cmpuint (pr_results_page_get_analysis (f->page)->flags->len, ==, 1);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));

  pr_results_page_set_organizer (f->page, TRUE);
  listed = list_box_text (list);
  g_assert_cmpstr (listed, ==, "Eero, Fatima: They rank each other far above where everyone else "
                               "puts them: each lift is at least 100 % of a ballot’s length.\n");
}

/* New ballots for a long list: the reader stays where they scrolled. */
static void
test_keeps_scroll (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "preflib",
                                            "00007-00000002.soi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) profile = pr_preflib_load (path, &error);
  g_autoptr(PrProfile) again = pr_preflib_load (path, &error);
  GtkAdjustment *adjustment;
  guint order[] = { 0, 1 };
  double bottom;

  g_assert_no_error (error);
  gtk_window_set_default_size (f->window, 900, 560);
  pr_results_page_set_profile (f->page, profile, "00007-00000002.soi", NULL, NULL);
  wait_computed (f, 1);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pr_results_page_get_ranking_view (f->page)));
  bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  g_assert_cmpfloat (bottom, >, 100);
  gtk_adjustment_set_value (adjustment, bottom);

  g_assert_true (pr_profile_add_ranking (again, order, G_N_ELEMENTS (order), &error));
  pr_results_page_set_profile (f->page, again, "00007-00000002.soi", NULL, NULL);
  wait_computed (f, 2);
  g_assert_cmpuint (pr_profile_get_n_ballots (pr_results_page_get_analysis (f->page)->results->profile),
                    ==, pr_profile_get_n_ballots (profile) + 1);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), bottom, 1);
}

/* A round nobody has voted in yet: every person shows, none placed
 * (DESIGN §6: nobody ranked them). */
static void
test_no_ballots (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PrProfile) empty = NULL;
  GListModel *model;
  const char *ids[] = { "a", "b", "c" };

  empty = pr_profile_new (ids, NULL, G_N_ELEMENTS (ids));
  pr_results_page_set_profile (f->page, empty, "Empty", NULL, "0 ballots");
  wait_computed (f, 1);
  model = G_LIST_MODEL (gtk_column_view_get_model (pr_results_page_get_ranking_view (f->page)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  model = G_LIST_MODEL (gtk_column_view_get_model (
    pr_results_ranking_get_unplaced_view (pr_results_page_get_ranking (f->page))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(PrResultsItem) item = g_list_model_get_item (model, i);
      g_autofree char *position = pr_results_item_format_position (item);

      g_assert_cmpstr (position, ==, "—");
      g_assert_true (pr_results_item_get_flags (item) & PR_TABLE_FLAG_UNRANKED);
    }
}

/* ---- exports ---- */

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ExportWait;

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportWait *w = user_data;

  w->ok = pr_results_page_export_finish (PR_RESULTS_PAGE (object), result, &w->error);
  w->done = TRUE;
}

static gboolean
export_to (Fixture          *f,
           PrResultsExport   kind,
           const char       *path,
           gboolean          replace,
           GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ExportWait w = { 0, };

  pr_results_page_export_async (f->page, kind, file, replace, NULL, exported_cb, &w);
  pr_test_wait (w.done, "the export to finish");
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static void
assert_file_equals (const char *path,
                    const char *expected)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, expected, strlen (expected));
}

/* CSV, JSON and PrefLib byte for byte as the CLI writes them; outputs
 * are write-once and never inside the round folder. */
static void
test_exports_match_cli (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->tmp, "results.csv", NULL);
  g_autofree char *json_path = g_build_filename (f->tmp, "results.json", NULL);
  g_autofree char *soi_dir = g_build_filename (f->tmp, "page", NULL);
  g_autofree char *cli_dir = g_build_filename (f->tmp, "cli", NULL);
  g_autofree char *soi_path = g_build_filename (soi_dir, "team.soi", NULL);
  g_autofree char *cli_soi = g_build_filename (cli_dir, "team.soi", NULL);
  g_autofree char *inside = g_build_filename (f->round_dir, "results.csv", NULL);
  g_autofree char *csv = NULL, *json = NULL, *soi = NULL, *out = NULL;
  g_autoptr(GError) error = NULL;

  show_round (f, PR_METHOD_BORDA);
  csv = cli_tally (f, f->round_dir, PR_METHOD_BORDA, "csv");
  json = cli_tally (f, f->round_dir, PR_METHOD_BORDA, "json");
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_CSV, csv_path, FALSE, &error));
  g_assert_no_error (error);
  assert_file_equals (csv_path, csv);
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_JSON, json_path, FALSE, &error));
  assert_file_equals (json_path, json);

  g_mkdir (soi_dir, 0700);
  g_mkdir (cli_dir, 0700);
  out = run_cli (0, "export", f->round_dir, "--preflib", cli_soi, "--passphrase-file",
                 f->passphrase_file, NULL);
  g_assert_true (g_file_get_contents (cli_soi, &soi, NULL, NULL));
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_PREFLIB, soi_path, FALSE, &error));
  assert_file_equals (soi_path, soi);

  /* Write-once: replacing needs the person's word. */
  g_assert_false (export_to (f, PR_RESULTS_EXPORT_JSON, csv_path, FALSE, &error));
  g_assert_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_EXISTS);
  g_clear_error (&error);
  assert_file_equals (csv_path, csv);
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_JSON, csv_path, TRUE, &error));
  assert_file_equals (csv_path, json);
  g_assert_false (export_to (f, PR_RESULTS_EXPORT_CSV, inside, TRUE, &error));
  g_assert_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_INSIDE_ROUND);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
}

/* The rows of worksheet @sheet of the workbook at @path, as
 * read-xlsx.py reads them. */
static char **
read_xlsx (const char *path,
           guint       sheet)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "read-xlsx.py", NULL);
  g_autofree char *number = g_strdup_printf ("%u", sheet);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", script, path, number, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strsplit (out, "\n", -1);
}

static double
xlsx_number (const char *cell)
{
  g_assert_true (g_str_has_prefix (cell, "n:"));
  return g_ascii_strtod (cell + 2, NULL);
}

/* One row of the Results sheet against the JSON table's row. */
static void
check_xlsx_row (Expected    *e,
                ExpectedRow *r,
                const char  *line)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);

  g_assert_cmpuint (g_strv_length (cells), ==, 9);
  if (r->placed)
    g_assert_cmpfloat (xlsx_number (cells[0]), ==, r->position);
  else
    g_assert_cmpstr (cells[0], ==, "");
  g_assert_cmpstr (cells[1], ==, r->name);
  if (isnan (r->score))
    g_assert_cmpstr (cells[2], ==, "");
  else
    g_assert_cmpfloat_with_epsilon (xlsx_number (cells[2]), r->score, 1e-9);
  g_assert_cmpfloat (xlsx_number (cells[3]), ==, r->low);
  g_assert_cmpfloat (xlsx_number (cells[4]), ==, r->high);
  g_assert_cmpfloat (xlsx_number (cells[5]), ==, r->raters);
  g_assert_cmpstr (cells[6], ==, r->placed ? "b:1" : "b:0");
  g_assert_cmpstr (cells[8], ==, r->id);
}

/* Export ▸ Spreadsheet and `export --xlsx` write the JSON table: numbers
 * as numbers, names as text, the unplaced under their own heading, and
 * each method's positions on the second sheet. */
static void
test_spreadsheet (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *page_path = g_build_filename (f->tmp, "page.xlsx", NULL);
  g_autofree char *cli_path = g_build_filename (f->tmp, "cli.xlsx", NULL);
  g_autofree char *json_text = NULL, *out = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) page_rows = NULL;
  g_auto(GStrv) cli_rows = NULL;
  g_auto(GStrv) methods = NULL;
  Expected e;
  guint line = 3;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  json_text = cli_tally (f, f->round_dir, PR_METHOD_PLACKETT_LUCE, "json");
  json = parse_json (json_text);
  expected_init (&e, json, PR_METHOD_PLACKETT_LUCE);
  g_assert_true (export_to (f, PR_RESULTS_EXPORT_XLSX, page_path, FALSE, &error));
  g_assert_no_error (error);
  out = run_cli (0, "export", f->round_dir, "--xlsx", cli_path, "--passphrase-file",
                 f->passphrase_file, NULL);
  page_rows = read_xlsx (page_path, 1);
  cli_rows = read_xlsx (cli_path, 1);
  g_assert_cmpstrv (page_rows, cli_rows);
  g_assert_cmpstr (page_rows[0], ==, "Sprint 12 review");
  g_assert_true (g_str_has_prefix (page_rows[2], "Position\tName\tScore (%)"));
  for (guint k = 0; k < e.n; k++, line++)
    {
      if (k == e.n_placed)
        {
          g_assert_cmpstr (page_rows[line + 1], ==, "Too few raters to place");
          line += 3;
        }
      check_xlsx_row (&e, &e.rows[k], page_rows[line]);
    }
  methods = read_xlsx (page_path, 2);
  g_assert_true (g_str_has_prefix (methods[0], "Name\tBorda\tCopeland"));
  g_assert_true (g_str_has_prefix (methods[1], e.rows[0].name));
  expected_clear (&e);
}

/* Every page of the window is usable at 360 px: the results too, with
 * their controls wrapped and their tabs scrolled. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_test_message ("results page minimum width: %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

/* *Place everyone*: one table as `tally --place-all` makes it, and the
 * unplaced group gone. */
static void
test_place_all (Fixture       *f,
                gconstpointer  data)
{
  PrResultsRanking *ranking;

  show_round (f, PR_METHOD_PLACKETT_LUCE);
  ranking = pr_results_page_get_ranking (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
    pr_results_ranking_get_unplaced_view (ranking)))), ==, 1);
  pr_results_page_set_place_all (f->page, TRUE);
  g_assert_false (pr_results_page_get_busy (f->page));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
    pr_results_ranking_get_view (ranking)))), ==, G_N_ELEMENTS (names) - 1);
  check_page (f, f->round_dir, PR_METHOD_PLACKETT_LUCE);
  pr_results_page_set_place_all (f->page, FALSE);
  settle ();
  check_page (f, f->round_dir, PR_METHOD_PLACKETT_LUCE);
}

/* Until @path exists (with @contents, when given): outputs appear at
 * once, complete (pr_output_write()). */
static void
wait_file (const char *path,
           const char *contents)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      g_autofree char *now = NULL;

      if (g_file_get_contents (path, &now, NULL, NULL)
          && (contents == NULL || g_str_equal (now, contents)))
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  if (contents != NULL)
    assert_file_equals (path, contents);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
wait_message (Fixture    *f,
              const char *prefix)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((pr_results_page_get_last_message (f->page) == NULL
          || !g_str_has_prefix (pr_results_page_get_last_message (f->page), prefix))
         && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (pr_results_page_get_last_message (f->page));
  g_assert_true (g_str_has_prefix (pr_results_page_get_last_message (f->page), prefix));
}

static GtkFileChooser *
find_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkFileChooser *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = GTK_FILE_CHOOSER (window);
    }
  g_assert_nonnull (found);
  return found;
}

/* Through the action and the save dialog a person sees: a new file, then
 * the same file again, which the dialog has confirmed replacing. */
static void
choose_and_save (Fixture    *f,
                 const char *action,
                 const char *expected_name,
                 const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->tmp);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) chosen = NULL;
  GtkNativeDialog *chooser;
  GtkFileChooser *dialog;
  gint64 until;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  chooser = pr_results_page_get_file_chooser (f->page);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_visible (chooser));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autofree char *current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (current, ==, expected_name);
  }
  /* Without a portal the native chooser shows GTK's own dialog, which
   * takes a folder and a name the way a person types them. */
  dialog = find_chooser_dialog ();
  for (guint k = 0; k < 2; k++)
    {
      if (k == 1)
        g_assert_true (gtk_file_chooser_set_current_folder (dialog, folder, NULL));
      until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  gtk_file_chooser_set_current_name (dialog, name);
  target = g_file_get_child (folder, name);
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (chosen);
  g_assert_true (g_file_equal (chosen, target));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (pr_results_page_get_file_chooser (f->page));
}

static void
test_export_dialogs (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp, "dialog.csv", NULL);
  g_autofree char *chart = g_build_filename (f->tmp, "scores.svg", NULL);
  g_autofree char *report = g_build_filename (f->tmp, "report.pdf", NULL);
  g_autofree char *csv = NULL, *svg = NULL, *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkNativeDialog *chooser;

  /* Nothing to export before the first results. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "results.export-csv", NULL)
                  && pr_results_page_get_file_chooser (f->page) != NULL);
  show_round (f, PR_METHOD_PLACKETT_LUCE);
  csv = cli_tally (f, f->round_dir, PR_METHOD_PLACKETT_LUCE, "csv");

  choose_and_save (f, "results.export-csv", "results.csv", "dialog.csv");
  wait_file (path, csv);
  wait_message (f, "Saved to");
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  choose_and_save (f, "results.export-csv", "results.csv", "dialog.csv");
  wait_file (path, csv);

  /* Cancelling writes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "results.export-json", NULL));
  chooser = pr_results_page_get_file_chooser (f->page);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
  g_assert_null (pr_results_page_get_file_chooser (f->page));

  /* The chart shown, as SVG, carrying the names. */
  choose_and_save (f, "results.export-chart", "chart.svg", "scores.svg");
  wait_file (chart, NULL);
  g_assert_true (g_file_get_contents (chart, &svg, NULL, NULL));
  bytes = g_bytes_new (svg, strlen (svg));
  g_free (charts_check_svg (bytes));
  g_assert_nonnull (strstr (svg, "Fatima Zahra"));
  g_assert_nonnull (strstr (svg, "Dana Weiß"));

  /* The report: title, fingerprint and the people, as text. */
  choose_and_save (f, "results.export-report", "report.pdf", "report.pdf");
  wait_file (report, NULL);
  text = charts_pdf_text (report);
  g_assert_nonnull (strstr (text, "Sprint 12 review"));
  g_assert_nonnull (strstr (text, f->fingerprint));
  g_assert_nonnull (strstr (text, "Chidi Okafor"));

  /* A chart name without a known extension is refused, not guessed. */
  choose_and_save (f, "results.export-chart", "chart.svg", "scores.txt");
  wait_message (f, "Not saved");
}

int
main (int    argc,
      char **argv)
{
  pr_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_true (pr_core_init (NULL));

  g_test_add ("/peer-rank/results-page/round-matches-cli", Fixture, NULL, fixture_setup,
              test_round_matches_cli, fixture_teardown);
  g_test_add ("/peer-rank/results-page/unranked-below", Fixture, NULL, fixture_setup,
              test_unranked_below, fixture_teardown);
  g_test_add ("/peer-rank/results-page/preflib-matches-cli", Fixture, NULL, fixture_setup,
              test_preflib_matches_cli, fixture_teardown);
  g_test_add ("/peer-rank/results-page/coverage-and-agreement", Fixture, NULL, fixture_setup,
              test_coverage_and_agreement, fixture_teardown);
  g_test_add ("/peer-rank/results-page/privacy-guard", Fixture, NULL, fixture_setup,
              test_privacy_guard, fixture_teardown);
  g_test_add ("/peer-rank/results-page/influence-and-flags", Fixture, NULL, fixture_setup,
              test_influence_and_flags, fixture_teardown);
  g_test_add ("/peer-rank/results-page/live-update", Fixture, NULL, fixture_setup,
              test_live_update, fixture_teardown);
  g_test_add ("/peer-rank/results-page/round-page", Fixture, NULL, fixture_setup,
              test_round_page, fixture_teardown);
  g_test_add ("/peer-rank/results-page/chart-tooltips", Fixture, NULL, fixture_setup,
              test_chart_tooltips, fixture_teardown);
  g_test_add ("/peer-rank/results-page/stop", Fixture, NULL, fixture_setup,
              test_stop, fixture_teardown);
  g_test_add ("/peer-rank/results-page/reciprocal-flag", Fixture, NULL, fixture_setup,
              test_reciprocal_flag, fixture_teardown);
  g_test_add ("/peer-rank/results-page/keeps-scroll", Fixture, NULL, fixture_setup,
              test_keeps_scroll, fixture_teardown);
  g_test_add ("/peer-rank/results-page/no-ballots", Fixture, NULL, fixture_setup,
              test_no_ballots, fixture_teardown);
  g_test_add ("/peer-rank/results-page/exports-match-cli", Fixture, NULL, fixture_setup,
              test_exports_match_cli, fixture_teardown);
  g_test_add ("/peer-rank/results-page/export-dialogs", Fixture, NULL, fixture_setup,
              test_export_dialogs, fixture_teardown);
  g_test_add ("/peer-rank/results-page/spreadsheet", Fixture, NULL, fixture_setup,
              test_spreadsheet, fixture_teardown);
  g_test_add ("/peer-rank/results-page/place-all", Fixture, NULL, fixture_setup,
              test_place_all, fixture_teardown);
  g_test_add ("/peer-rank/results-page/narrow", Fixture, NULL, fixture_setup,
              test_narrow, fixture_teardown);

  return g_test_run ();
}
