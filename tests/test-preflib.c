/* test-preflib.c — reading and writing PrefLib .soc/.soi files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-preflib.h"

#define HEAD "# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 3\n" \
             "# ALTERNATIVE NAME 1: Ana\n# ALTERNATIVE NAME 2: Ben\n# ALTERNATIVE NAME 3: Cy\n"

typedef struct {
  const char *name;
  const char *text;
  gsize       len;    /* 0: strlen (text) */
  int         code;
} BadFile;

static const BadFile bad_files[] = {
  { "empty", "", 0, PR_PREFLIB_ERROR_EMPTY },
  { "blank-lines", "\n\r\n\n", 0, PR_PREFLIB_ERROR_EMPTY },
  { "no-alternatives", "# TITLE: x\n1: 1\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "no-ballots", HEAD, 0, PR_PREFLIB_ERROR_EMPTY },
  { "tie-braces", HEAD "1: 1,{2,3}\n", 0, PR_PREFLIB_ERROR_TIES },
  { "tie-type-toc", "# DATA TYPE: toc\n# NUMBER ALTERNATIVES: 2\n1: 1,2\n", 0, PR_PREFLIB_ERROR_TIES },
  { "tie-type-toi", "# DATA TYPE: toi\n", 0, PR_PREFLIB_ERROR_TIES },
  { "unknown-type", "# DATA TYPE: wmd\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "out-of-range", HEAD "1: 1,4\n", 0, PR_PREFLIB_ERROR_RANGE },
  { "zero-alternative", HEAD "1: 0\n", 0, PR_PREFLIB_ERROR_RANGE },
  { "duplicate", HEAD "1: 2,1,2\n", 0, PR_PREFLIB_ERROR_DUPLICATE },
  { "count-not-number", HEAD "x: 1\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "count-zero", HEAD "0: 1\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "count-negative", HEAD "-1: 1\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "count-ten-digits", HEAD "1000000000: 1\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "no-colon", HEAD "1 1,2\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "empty-order", HEAD "1: \n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "double-comma", HEAD "1: 1,,2\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "semicolon", HEAD "1: 1;2\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "trailing-comma", HEAD "1: 1,2,\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "plus-sign", HEAD "1: +1\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "too-many-voters", HEAD "9000000: 1\n9000000: 2\n", 0, PR_PREFLIB_ERROR_TOO_LARGE },
  { "header-after-ballots", HEAD "1: 1\n# TITLE: late\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "header-no-colon", "# NUMBER ALTERNATIVES 3\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "alternatives-twice", "# NUMBER ALTERNATIVES: 3\n# NUMBER ALTERNATIVES: 3\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "alternatives-zero", "# NUMBER ALTERNATIVES: 0\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "alternatives-word", "# NUMBER ALTERNATIVES: three\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "alternatives-huge", "# NUMBER ALTERNATIVES: 5000\n", 0, PR_PREFLIB_ERROR_TOO_LARGE },
  { "name-first", "# ALTERNATIVE NAME 1: Ana\n# NUMBER ALTERNATIVES: 1\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "name-out-of-range", "# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 2: Ben\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "name-twice", "# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 1: B\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "name-control", "# NUMBER ALTERNATIVES: 1\n# ALTERNATIVE NAME 1: A\x1b[31m\n", 0, PR_PREFLIB_ERROR_ENCODING },
  { "voters-mismatch", "# NUMBER VOTERS: 3\n" HEAD "1: 1\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "unique-mismatch", "# NUMBER UNIQUE ORDERS: 2\n" HEAD "1: 1\n", 0, PR_PREFLIB_ERROR_HEADER },
  { "soc-incomplete", "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n1: 1,2\n", 0, PR_PREFLIB_ERROR_SYNTAX },
  { "invalid-utf8", HEAD "# TITLE: \xff\xfe\n1: 1\n", 0, PR_PREFLIB_ERROR_ENCODING },
  { "nul-byte", HEAD "1: 1\0\n", sizeof (HEAD "1: 1\0\n") - 1, PR_PREFLIB_ERROR_ENCODING },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) p = pr_preflib_parse (c->text, c->len ? c->len : strlen (c->text), &error);

  g_assert_null (p);
  g_assert_error (error, PR_PREFLIB_ERROR, c->code);
  if (c->code == PR_PREFLIB_ERROR_TIES)
    g_assert_nonnull (strstr (error->message, "not supported yet"));
  /* An empty file has no line to blame (it once said "Line 0"). */
  if (c->text[strspn (c->text, "\r\n")] == '\0')
    g_assert_cmpstr (error->message, ==, "The PrefLib file is empty.");
  g_assert_null (strstr (error->message, "Line 0"));
}

static void
test_good (void)
{
  /* CRLF, blank lines, spaces after commas, repeated orders merged. */
  const char *text = "# FILE NAME: x.soi\r\n" HEAD "\r\n2: 3, 1\r\n1: 2\r\n1: 3,1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) p = pr_preflib_parse (text, strlen (text), &error);
  guint len, count, voter;
  const guint *order;

  g_assert_no_error (error);
  g_assert_cmpuint (pr_profile_get_n_candidates (p), ==, 3);
  g_assert_cmpstr (pr_profile_get_id (p, 0), ==, "1");
  g_assert_cmpstr (pr_profile_get_name (p, 1), ==, "Ben");
  g_assert_cmpuint (pr_profile_get_n_ballots (p), ==, 4);
  g_assert_cmpuint (pr_profile_get_n_orders (p), ==, 2);
  g_assert_cmpuint (pr_profile_get_min_raters (p), ==, 0);
  order = pr_profile_get_order (p, 1, &len, &voter, &count);
  g_assert_cmpuint (len, ==, 2);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (voter, ==, PR_PROFILE_NO_VOTER);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 0);
}

static void
test_default_names (void)
{
  const char *text = "# NUMBER ALTERNATIVES: 2\n1: 2,1\n";
  g_autoptr(PrProfile) p = pr_preflib_parse (text, strlen (text), NULL);

  g_assert_nonnull (p);
  g_assert_cmpstr (pr_profile_get_name (p, 1), ==, "2");
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "preflib", name, NULL);
}

static const char *real_files[] = {
  "00002-00000005.soi", "00006-00000003.soc", "00007-00000001.soi", "00007-00000002.soi",
  "00009-00000001.soc", "00012-00000001.soc", "00014-00000001.soc", "00032-00000005.soi",
};

static void
assert_same_profile (PrProfile *a,
                     PrProfile *b)
{
  g_assert_cmpuint (pr_profile_get_n_candidates (a), ==, pr_profile_get_n_candidates (b));
  g_assert_cmpuint (pr_profile_get_n_ballots (a), ==, pr_profile_get_n_ballots (b));
  g_assert_cmpuint (pr_profile_get_n_orders (a), ==, pr_profile_get_n_orders (b));
  for (guint o = 0; o < pr_profile_get_n_orders (a); o++)
    {
      guint la, lb, ca, cb;
      const guint *x = pr_profile_get_order (a, o, &la, NULL, &ca);
      const guint *y = pr_profile_get_order (b, o, &lb, NULL, &cb);

      g_assert_cmpuint (ca, ==, cb);
      g_assert_cmpmem (x, la * sizeof (guint), y, lb * sizeof (guint));
    }
}

/* Every real file parses with the counts its header states, and what
 * the writer makes of it reads back as the same profile. */
static void
test_real_file (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrProfile) p = pr_preflib_load (path, &error);
  g_autofree char *written = NULL;
  g_autofree char *named = NULL;
  g_autoptr(PrProfile) back = NULL;
  g_autoptr(PrProfile) back_named = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pr_profile_get_n_ballots (p), >, 0);
  written = pr_preflib_write (p, "export.soi", "Round\nwith a newline", PR_PREFLIB_WRITE_DEFAULT);
  g_assert_nonnull (strstr (written, "\"no information\", not \"ranked below\""));
  g_assert_nonnull (strstr (written, "# TITLE: Round with a newline\n"));
  g_assert_nonnull (strstr (written, "# ALTERNATIVE NAME 1: Member 1\n"));
  back = pr_preflib_parse (written, strlen (written), &error);
  g_assert_no_error (error);
  assert_same_profile (p, back);
  named = pr_preflib_write (p, NULL, NULL, PR_PREFLIB_WRITE_KEEP_NAMES);
  back_named = pr_preflib_parse (named, strlen (named), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pr_profile_get_name (back_named, 0), ==, pr_profile_get_name (p, 0));
}

static void
test_writer_anonymises (void)
{
  /* Voters are dropped and their identical orders merged; lines are
   * sorted by count, so file order says nothing about who voted when. */
  g_autofree char *out = NULL;
  const char *ids[] = { "m1", "m2", "m3" };
  const char *names[] = { "Ana", "Ben", "Cy" };
  g_autoptr(PrProfile) p = pr_profile_new (ids, names, 3);
  const guint ab[] = { 0, 1 }, c[] = { 2 };

  g_assert_true (pr_profile_add_ballot (p, 2, ab, 2, 1, NULL));
  g_assert_true (pr_profile_add_ballot (p, 1, c, 1, 1, NULL));
  g_assert_true (pr_profile_add_ballot (p, PR_PROFILE_NO_VOTER, ab, 2, 1, NULL));
  out = pr_preflib_write (p, "r.soi", "T", PR_PREFLIB_WRITE_DEFAULT);
  g_assert_nonnull (strstr (out, "# NUMBER VOTERS: 3\n# NUMBER UNIQUE ORDERS: 2\n"));
  g_assert_true (g_str_has_suffix (out, "\n2: 1,2\n1: 3\n"));
  g_assert_null (strstr (out, "Ana"));
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pr-preflib-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.soi", NULL);
  g_autoptr(PrProfile) p = NULL;
  int fd;

  p = pr_preflib_load ("/nonexistent/file.soi", &error);
  g_assert_null (p);
  g_assert_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO);
  g_clear_error (&error);

  p = pr_preflib_load (dir, &error);
  g_assert_null (p);
  g_assert_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO);
  g_clear_error (&error);

  /* A sparse file over the cap is refused from its size alone. */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) PR_PREFLIB_MAX_BYTES + 1), ==, 0);
  close (fd);
  p = pr_preflib_load (big, &error);
  g_assert_null (p);
  g_assert_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_TOO_LARGE);
  g_unlink (big);
  g_rmdir (dir);
}

/* A FIFO nobody writes to: open() once waited forever for a writer. The
 * load runs in a subprocess with a time limit, so a hang fails. */
static void
test_fifo (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *fifo = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrProfile) p = pr_preflib_load (g_getenv ("PR_TEST_FIFO"), &error);

      g_assert_null (p);
      g_assert_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      return;
    }
  dir = g_dir_make_tmp ("pr-preflib-XXXXXX", NULL);
  fifo = g_build_filename (dir, "pipe.soi", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_setenv ("PR_TEST_FIFO", fifo, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unlink (fifo);
  g_rmdir (dir);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/preflib/bad/%s", bad_files[i].name);

      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (real_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/preflib/real/%s", real_files[i]);

      g_test_add_data_func (path, real_files[i], test_real_file);
    }
  g_test_add_func ("/peer-rank/preflib/good", test_good);
  g_test_add_func ("/peer-rank/preflib/default-names", test_default_names);
  g_test_add_func ("/peer-rank/preflib/writer-anonymises", test_writer_anonymises);
  g_test_add_func ("/peer-rank/preflib/load-errors", test_load_errors);
  g_test_add_func ("/peer-rank/preflib/fifo", test_fifo);

  return g_test_run ();
}
