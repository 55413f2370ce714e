/* test-charts-cli.c — peer-rank-cli chart and report, on real rounds and
 * real PrefLib files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "charts-fixture.h"
#include "store-fixture.h"

static char *tmp;
static char *round_dir;
static char *pass_file;

/* NULL-terminated, as the roster of a new round is. */
static const char * const names[] = {
  "Zoé Faure", "Jürgen Groß", "Ana López", "Dario Rossi", "Émilie Lefèvre-Dubois", NULL,
};
#define N_NAMES (G_N_ELEMENTS (names) - 1)
#define TITLE "Équipe Rhône — sprint review"

static char *
path (const char *name)
{
  return g_build_filename (tmp, name, NULL);
}

static int
run_cli (char       **out,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PR_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_STDIN_FROM_DEV_NULL
                               | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static GBytes *
read_file (const char *file)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (file, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* A round of five with min_raters 3, made with the minimal Argon2 limits:
 * Dario Rossi gets exactly 3 raters, Émilie Lefèvre-Dubois 2. */
static void
make_round (void)
{
  static const int ballots[][6] = {
    { 1, 2, 3, -1 },
    { 0, 2, 3, -1 },
    { 0, 1, 3, 4, -1 },
    { 0, 1, 2, 4, -1 },
    { 2, 0, 1, -1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autofree char *ballot_dir = path ("ballots");
  PrStoreParams params = { 0 };

  params.title = TITLE;
  params.min_ranked = 1;
  params.min_raters = 3;
  params.names = names;
  params.passphrase = FIXTURE_PASSPHRASE;
  params.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  params.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  store = pr_store_create (round_dir, &params, &invitations, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (ballot_dir, 0700), ==, 0);
  for (guint v = 0; v < G_N_ELEMENTS (ballots); v++)
    {
      g_autoptr(GBytes) bytes = fixture_seal (invitations, v, fixture_now (), ballots[v]);
      g_autofree char *name = g_strdup_printf ("ballot-%u.json", v);

      fixture_write (ballot_dir, name, bytes);
    }
  g_assert_true (g_file_set_contents (pass_file, FIXTURE_PASSPHRASE "\n", -1, NULL));
  /* The open store holds the round's import lock. */
  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (run_cli (NULL, "import", round_dir, ballot_dir, "--passphrase-file", pass_file,
                            NULL), ==, 0);
}

static char *
preflib_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "preflib", name, NULL);
}

/* The file is valid in its format and, where it has words, carries the
 * names. */
static void
check_chart (const char         *file,
             const char * const *expected,
             guint               n_expected)
{
  g_autoptr(GBytes) bytes = read_file (file);
  g_autofree char *scratch = path ("scratch.pdf");
  g_autofree char *text = NULL;

  if (g_str_has_suffix (file, ".png"))
    {
      charts_check_png (bytes, 0, 0);
      return;
    }
  text = g_str_has_suffix (file, ".svg") ? charts_check_svg (bytes) : charts_check_pdf (bytes, scratch);
  g_unlink (scratch);
  for (guint i = 0; i < n_expected; i++)
    g_assert_nonnull (strstr (text, expected[i]));
}

static void
test_preflib (void)
{
  static const char * const kinds[] = { "scores", "distribution", "pairwise" };
  static const char * const formats[] = { "svg", "png", "pdf" };
  static const char * const courses[] = {
    "Course 1", "Course 2", "Course 3", "Course 4", "Course 5", "Course 6", "Course 7",
    "Course 8", "Course 9",
  };
  g_autofree char *file = preflib_path ("00009-00000001.soc");

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("preflib-%s.%s", kinds[k], formats[f]);
        g_autofree char *out = path (name);

        g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", kinds[k], "--out", out,
                                  "--bootstrap", "200", NULL), ==, 0);
        check_chart (out, courses, G_N_ELEMENTS (courses));
      }
}

static char *
line_of (const char *text,
         const char *start)
{
  const char *line = strstr (text, start);

  g_assert_nonnull (line);
  return g_strndup (line, strcspn (line, "\n"));
}

/* Every kind from a round folder; the distribution withholds the strip
 * of the person one rater short of the minimum and shows the one at it. */
static void
test_round (void)
{
  static const char * const kinds[] = { "scores", "distribution", "pairwise" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *svg_name = g_strdup_printf ("round-%s%s.svg", kinds[k], dark ? "-dark" : "");
        g_autofree char *svg = path (svg_name);
        g_autofree char *pdf_name = g_strdup_printf ("round-%s%s.pdf", kinds[k], dark ? "-dark" : "");
        g_autofree char *pdf = path (pdf_name);

        g_assert_cmpint (run_cli (NULL, "chart", round_dir, "--passphrase-file", pass_file, "--kind",
                                  kinds[k], "--out", svg, dark ? "--dark" : "--seed=1", NULL), ==, 0);
        g_assert_cmpint (run_cli (NULL, "chart", round_dir, "--passphrase-file", pass_file, "--kind",
                                  kinds[k], "--out", pdf, NULL), ==, 0);
        check_chart (svg, names, N_NAMES);
        check_chart (pdf, names, N_NAMES);
      }
  {
    g_autofree char *svg = path ("round-distribution.svg");
    g_autoptr(GBytes) bytes = read_file (svg);
    g_autofree char *text = charts_check_svg (bytes);
    g_autofree char *emilie = line_of (text, "Émilie Lefèvre-Dubois");
    g_autofree char *dario = line_of (text, "Dario Rossi");

    /* The default bootstrap of a chart: 1000 resamples, seed 1. */
    g_assert_nonnull (strstr (text, "1000 resamples, seed 1"));
    g_assert_nonnull (strstr (emilie, "Withheld: fewer than 3 raters"));
    g_assert_null (strstr (dario, "Withheld"));
  }
}

/* Names in the order `tally` gives them (Plackett–Luce's tie groups, each
 * in candidate order). */
static GPtrArray *
tally_order (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;
  JsonArray *candidates, *ranking;

  g_assert_cmpint (run_cli (&out, "tally", round_dir, "--passphrase-file", pass_file, "--format",
                            "json", "--method", "plackett_luce", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  candidates = json_object_get_array_member (root, "candidates");
  for (guint i = 0; i < json_array_get_length (candidates); i++)
    {
      JsonObject *c = json_array_get_object_element (candidates, i);

      g_hash_table_insert (by_id, (gpointer) json_object_get_string_member (c, "id"),
                           (gpointer) json_object_get_string_member (c, "name"));
    }
  ranking = json_object_get_array_member (json_object_get_object_member (
    json_object_get_object_member (root, "methods"), "plackett_luce"), "ranking");
  for (guint g = 0; g < json_array_get_length (ranking); g++)
    {
      JsonArray *group = json_array_get_array_element (ranking, g);

      for (guint i = 0; i < json_array_get_length (group); i++)
        g_ptr_array_add (order, g_strdup (g_hash_table_lookup (by_id,
                                                               json_array_get_string_element (group, i))));
    }
  return order;
}

static char *
round_fingerprint (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run_cli (&out, "round", "show", round_dir, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "fingerprint"));
}

/* Each name's first line after the "Results" heading comes after the
 * previous one's. Not inlined: GCC 12 then mistakes the strstr() results
 * for pointers into a finished local (a false -Wdangling-pointer). */
G_GNUC_NO_INLINE static void
check_order (const char *layout,
             GPtrArray  *order)
{
  const char *table = strstr (layout, "\nResults");
  const char *last = NULL;

  g_assert_nonnull (table);
  for (guint i = 0; i < order->len; i++)
    {
      const char *at = strstr (table, g_ptr_array_index (order, i));

      g_assert_nonnull (at);
      if (last != NULL)
        g_assert_true (at > last);
      last = at;
    }
}

static void
check_report_text (const char *pdf)
{
  g_autofree char *fingerprint = round_fingerprint ();
  g_autofree char *text = charts_pdf_text (pdf);

  g_assert_nonnull (strstr (text, TITLE));
  g_assert_nonnull (strstr (text, fingerprint));
  g_assert_nonnull (strstr (text, "Participation: 5 of 5 people on the roster voted"));
  g_assert_nonnull (strstr (text, "Method and its limits"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, "Withheld: fewer than 3 raters"));
}

static void
test_report (void)
{
  g_autofree char *pdf = path ("report.pdf");
  g_autoptr(GPtrArray) order = tally_order ();
  g_autofree char *layout = NULL;

  g_assert_cmpint (run_cli (NULL, "report", round_dir, "--passphrase-file", pass_file, "--out", pdf,
                            NULL), ==, 0);
  check_report_text (pdf);
  g_assert_cmpuint (charts_pdf_pages (pdf), >=, 2);
  /* The results table lists the people in `tally`'s order. */
  layout = charts_pdf_layout_text (pdf);
  g_assert_cmpuint (order->len, ==, N_NAMES);
  check_order (layout, order);
}

static void
test_report_preflib (void)
{
  g_autofree char *file = preflib_path ("00007-00000002.soi");
  g_autofree char *pdf = path ("report-preflib.pdf");
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (NULL, "report", "--preflib", file, "--out", pdf, "--bootstrap", "100",
                            NULL), ==, 0);
  text = charts_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "PrefLib file: 00007-00000002.soi"));
  g_assert_nonnull (strstr (text, "Candidate 19"));
  g_assert_cmpuint (charts_pdf_pages (pdf), >=, 2);
}

/* Outputs are write-once, never inside a round folder; usage errors are 2. */
static void
test_outputs (void)
{
  g_autofree char *file = preflib_path ("00009-00000001.soc");
  g_autofree char *out = path ("once.svg");
  g_autofree char *inside = g_build_filename (round_dir, "chart.svg", NULL);
  g_autofree char *missing = path ("missing.soc");
  g_autofree char *report_svg = path ("report.svg");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  g_assert_true (g_file_set_contents (out, "keep", -1, NULL));
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "pairwise", "--out", out,
                            NULL), ==, 2);
  first = read_file (out);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "keep", 4);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "scores", "--out", out,
                            "--force", NULL), ==, 0);
  g_clear_pointer (&first, g_bytes_unref);
  first = read_file (out);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "scores", "--out", out,
                            "--force", NULL), ==, 0);
  /* Seeded by default: the same SVG twice. */
  second = read_file (out);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "scores", "--out", inside,
                            "--force", NULL), ==, 2);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "scores", "--out",
                            "x.jpeg", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "bars", "--out", out,
                            "--force", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--out", out, "--force", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", file, "--kind", "distribution",
                            "--bootstrap", "0", "--out", out, "--force", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "chart", "--preflib", missing, "--kind", "scores", "--out", out,
                            "--force", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "chart", round_dir, "--preflib", file, "--kind", "scores",
                            "--out", out, "--force", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "report", "--preflib", file, "--out", report_svg, NULL), ==, 2);
  g_assert_false (g_file_test (report_svg, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));
  tmp = fixture_tmpdir ();
  round_dir = path ("round");
  pass_file = path ("pass");
  make_round ();
  g_test_add_func ("/peer-rank/charts-cli/preflib", test_preflib);
  g_test_add_func ("/peer-rank/charts-cli/round", test_round);
  g_test_add_func ("/peer-rank/charts-cli/report", test_report);
  g_test_add_func ("/peer-rank/charts-cli/report-preflib", test_report_preflib);
  g_test_add_func ("/peer-rank/charts-cli/outputs", test_outputs);
  status = g_test_run ();
  fixture_remove_tree (tmp);
  g_free (tmp);
  g_free (round_dir);
  g_free (pass_file);
  return status;
}
