/* test-cli-round.c — round, ballot and import through the real peer-rank-cli
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* One round shared by the tests below, which run in order. */
static char *tmp;
static char *round_dir;
static char *inv_dir;
static char *pass_file;

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_local = NULL, *err_local = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("PR_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &out_local, &err_local, &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&out_local);
  if (err != NULL)
    *err = g_steal_pointer (&err_local);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
path (const char *name)
{
  return g_build_filename (tmp, name, NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
member_voted (const char *id)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) show = NULL;
  JsonArray *members;

  g_assert_cmpint (run_cli (&out, NULL, "round", "show", round_dir, "--json", NULL), ==, 0);
  show = parse_object (out);
  members = json_object_get_array_member (show, "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);

      if (g_str_equal (json_object_get_string_member (m, "id"), id))
        return json_object_get_boolean_member (m, "voted");
    }
  g_assert_not_reached ();
}

static void
test_create (void)
{
  g_autofree char *roster = path ("roster.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *key = g_build_filename (round_dir, "organizer.key", NULL);
  const char *files[] = { "ana-lopez.json", "bo-chen.json", "cecile-durand.json", "dev-patel.json" };

  /* A spreadsheet export: ";" separated, a quoted field, an e-mail column. */
  g_assert_true (g_file_set_contents (roster,
                                      "Name;Email\nAna López;ana@example.org\n\"Bo Chen\";bo@example.org\n"
                                      "Cécile Durand;\nDev Patel;dev@example.org\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "round", "create", round_dir, "--title", "Team Q3",
                            "--roster", roster, "--invitations", inv_dir, "--min-ranked", "2",
                            "--passphrase-file", pass_file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Round fingerprint: "));
  g_assert_nonnull (strstr (out, key));
  g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file = g_build_filename (inv_dir, files[i], NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }

  /* DIR must be new or empty: exit 2, nothing overwritten. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "create", round_dir, "--title", "Again",
                            "--roster", roster, "--invitations", inv_dir,
                            "--passphrase-file", pass_file, NULL), ==, 2);
}

/* The same or nested folders for the round and the invitations: a
 * usage error before anything is created. */
static void
test_create_nested (void)
{
  g_autofree char *roster = path ("roster.csv");
  g_autofree char *d = path ("nested");
  g_autofree char *inside = g_build_filename (d, "inv", NULL);
  const char *cases[][2] = { { d, d }, { d, inside }, { inside, d } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, &err, "round", "create", cases[i][0], "--title", "T",
                                "--roster", roster, "--invitations", cases[i][1],
                                "--passphrase-file", pass_file, NULL), ==, 2);
      g_assert_nonnull (strstr (err, "separate"));
      g_assert_false (g_file_test (d, G_FILE_TEST_EXISTS));
    }
}

static void
test_ballots_and_import (void)
{
  g_autofree char *ana = g_build_filename (inv_dir, "ana-lopez.json", NULL);
  g_autofree char *bo = g_build_filename (inv_dir, "bo-chen.json", NULL);
  g_autofree char *drop = path ("drop");
  g_autofree char *b1 = g_build_filename (drop, "b1.json", NULL);
  g_autofree char *b2 = g_build_filename (drop, "b2.json", NULL);
  g_autofree char *bad = g_build_filename (drop, "bad.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonArray *files;
  JsonObject *counts, *entry;

  g_assert_cmpint (g_mkdir (drop, 0700), ==, 0);
  g_assert_cmpint (run_cli (&out, NULL, "ballot", "create", "--invitation", ana, "--rank", "m02",
                            "--rank", "Dev Patel", "--out", b1, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Ballot fingerprint: "));
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", bo, "--rank", "m01",
                            "--rank", "m03", "--rank", "m04", "--out", b2, NULL), ==, 0);
  /* Usage errors: the voter themself, too few, an unknown member. */
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", bo, "--rank", "m02",
                            "--rank", "m01", "--out", bad, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", bo, "--rank", "m01",
                            "--out", bad, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", bo, "--rank", "m01",
                            "--rank", "Nobody", "--out", bad, NULL), ==, 2);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "import", round_dir, drop, b1, "--passphrase-file",
                            pass_file, "--json", NULL), ==, 0);
  report = parse_object (out);
  files = json_object_get_array_member (report, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  entry = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "path"), ==, b1);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (entry, "member"), ==, "m01");
  g_assert_false (json_object_has_member (entry, "class"));
  g_assert_nonnull (json_object_get_string_member (entry, "message"));
  entry = json_array_get_object_element (files, 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "duplicate");
  counts = json_object_get_object_member (report, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "accepted"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "duplicate"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "rejected"), ==, 0);

  g_assert_true (member_voted ("m01"));
  g_assert_true (member_voted ("m02"));
  g_assert_false (member_voted ("m03"));
  g_assert_false (member_voted ("m04"));
}

static void
test_exit_codes (void)
{
  g_autofree char *junk = path ("junk.json");
  g_autofree char *wrong = path ("wrong-pass");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *entry;

  g_assert_true (g_file_set_contents (junk, "{\"format\":\"peer-rank-ballot\"", -1, NULL));
  g_assert_true (g_file_set_contents (wrong, "not the passphrase\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "import", round_dir, junk, "--passphrase-file", pass_file,
                            "--json", NULL), ==, 1);
  report = parse_object (out);
  entry = json_array_get_object_element (json_object_get_array_member (report, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (entry, "class"), ==, "envelope");
  g_assert_false (json_object_has_member (entry, "member"));

  /* 2 wins over 1: a wrong passphrase stops before any file. */
  g_assert_cmpint (run_cli (NULL, &err, "import", round_dir, junk, "--passphrase-file", wrong,
                            NULL), ==, 2);
  g_assert_nonnull (strstr (err, "passphrase"));
  /* No terminal and no passphrase file: a clear failure. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "import", round_dir, junk, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--passphrase-file"));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "show", tmp, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "import", round_dir, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "frobnicate", NULL), ==, 2);
}

static void
test_reissue (void)
{
  g_autofree char *old_inv = g_build_filename (inv_dir, "ana-lopez.json", NULL);
  g_autofree char *new_inv = path ("ana-new.json");
  g_autofree char *missing_dir_inv = path ("missing/ana-new.json");
  g_autofree char *old_ballot = path ("old.json");
  g_autofree char *new_ballot = path ("new.json");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *entry;

  g_assert_true (member_voted ("m01"));
  /* No new invitation written, nothing revoked. */
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", round_dir, "m01", "--out",
                            missing_dir_inv, "--passphrase-file", pass_file, NULL), ==, 2);
  g_assert_false (g_file_test (missing_dir_inv, G_FILE_TEST_EXISTS));
  g_assert_true (member_voted ("m01"));
  g_assert_cmpint (run_cli (&out, NULL, "round", "reissue", round_dir, "m01", "--out", new_inv,
                            "--passphrase-file", pass_file, NULL), ==, 0);
  g_assert_true (g_file_test (new_inv, G_FILE_TEST_IS_REGULAR));
  g_assert_false (member_voted ("m01"));
  /* Refuses to overwrite, refuses an unknown member. */
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", round_dir, "m01", "--out", new_inv,
                            "--passphrase-file", pass_file, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reissue", round_dir, "m99", "--out",
                            old_ballot, "--passphrase-file", pass_file, NULL), ==, 2);

  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", old_inv, "--rank", "m02",
                            "--rank", "m03", "--out", old_ballot, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "ballot", "create", "--invitation", new_inv, "--rank", "m03",
                            "--rank", "m02", "--out", new_ballot, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "import", round_dir, old_ballot, new_ballot,
                            "--passphrase-file", pass_file, "--json", NULL), ==, 1);
  report = parse_object (out);
  entry = json_array_get_object_element (json_object_get_array_member (report, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "class"), ==, "eligibility");
  g_assert_cmpstr (json_object_get_string_member (entry, "member"), ==, "m01");
  entry = json_array_get_object_element (json_object_get_array_member (report, "files"), 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "accepted");
  g_assert_true (member_voted ("m01"));
}

/* A file name that is not UTF-8 is reported by its display name: the
 * JSON stays valid and the exit code follows the file's content. */
static void
test_import_non_utf8_name (void)
{
  g_autofree char *odd = path ("odd");
  g_autofree char *ballot = path ("new.json");
  g_autofree char *copy = g_build_filename (odd, "bad\xff.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *entry;
  gsize len = 0;

  g_assert_cmpint (g_mkdir (odd, 0700), ==, 0);
  g_assert_true (g_file_get_contents (ballot, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "import", round_dir, odd, "--passphrase-file", pass_file,
                            "--json", NULL), ==, 0);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  report = parse_object (out);
  entry = json_array_get_object_element (json_object_get_array_member (report, "files"), 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (entry, "path"),
                                   "bad\xef\xbf\xbd.json"));
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "duplicate");
}

static void
test_receipts (void)
{
  g_autofree char *out = NULL, *out2 = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  /* Without the passphrase, or from an open round: nothing published. */
  g_assert_cmpint (run_cli (&out, NULL, "round", "receipts", round_dir, NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, &err, "round", "receipts", round_dir, "--passphrase-file",
                            pass_file, NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "still open"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", round_dir, "--passphrase-file",
                            pass_file, NULL), ==, 0);
  g_assert_cmpint (run_cli (&out, NULL, "round", "receipts", round_dir, "--passphrase-file",
                            pass_file, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* m01 and m02 voted: two receipts, sorted, then the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_cmpint (strcmp (lines[0], lines[1]), <, 0);
  g_assert_cmpuint (strlen (lines[0]), ==, 19);
  /* The same list again: nothing can change it while the round is closed. */
  g_assert_cmpint (run_cli (&out2, NULL, "round", "receipts", round_dir, "--passphrase-file",
                            pass_file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, out2);
  g_assert_cmpint (run_cli (NULL, NULL, "round", "reopen", round_dir, "--passphrase-file",
                            pass_file, NULL), ==, 0);
}

static void
test_show_text (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "round", "show", round_dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Team Q3"));
  g_assert_nonnull (strstr (out, "Cécile Durand"));
  g_assert_nonnull (strstr (out, "2 of 4"));
}

static void
test_export (void)
{
  g_autofree char *soi = path ("round.soi");
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "export", round_dir, "--preflib", soi,
                            "--passphrase-file", pass_file, NULL), ==, 0);
  g_assert_true (g_file_get_contents (soi, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "# NUMBER ALTERNATIVES: 4"));
  g_assert_nonnull (strstr (text, "# NUMBER VOTERS: 2"));
  /* Anonymised: no member name in the file. */
  g_assert_null (strstr (text, "Cécile"));
  g_assert_cmpint (run_cli (NULL, NULL, "export", round_dir, NULL), ==, 2);
}

/* tally DIR reads the same counted ballots through the store. */
static void
test_tally_round (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) results = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "tally", round_dir, "--passphrase-file", pass_file,
                            "--method", "borda", "--format", "json", NULL), ==, 0);
  results = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (results, "ballots"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (results, "candidates")), ==, 4);
}

static void
test_demo (void)
{
  g_autofree char *demo = path ("demo");
  g_autofree char *demo_round = g_build_filename (demo, "round", NULL);
  g_autofree char *demo_ballots = g_build_filename (demo, "ballots", NULL);
  g_autofree char *demo_pass = path ("demo-pass");
  g_autofree char *demo2 = path ("demo2");
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "demo", demo, "--members", "6", "--ballots", "9",
                            "--seed", "3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "demo"));
  /* An empty first line is no passphrase; a Windows line end is fine. */
  g_assert_true (g_file_set_contents (demo_pass, "\ndemo\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "import", demo_round, demo_ballots, "--passphrase-file",
                            demo_pass, NULL), ==, 2);
  g_assert_true (g_file_set_contents (demo_pass, "demo\r\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "import", demo_round, demo_ballots, "--passphrase-file",
                            demo_pass, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "6 accepted"));
  g_assert_cmpint (run_cli (NULL, NULL, "demo", demo, "--members", "6", "--ballots", "9", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "demo", demo2, "--members", "1", "--ballots", "9", NULL), ==, 2);
}

/* A team of three can give each person two raters at most: the default
 * minimum adapts, an explicit one beyond that is refused. */
static void
test_create_small_team (void)
{
  g_autofree char *roster = path ("small-roster.txt");
  g_autofree char *dir = path ("small-round");
  g_autofree char *inv = path ("small-invitations");
  g_autofree char *dir2 = path ("small-round-2");
  g_autofree char *inv2 = path ("small-invitations-2");
  g_autofree char *manifest = g_build_filename (dir, "round.json", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (roster, "Ana\nBo\nCid\n", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "create", dir, "--title", "Small",
                            "--roster", roster, "--invitations", inv,
                            "--passphrase-file", pass_file, NULL), ==, 0);
  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"min_raters\":2"));

  g_assert_cmpint (run_cli (NULL, NULL, "round", "create", dir2, "--title", "Small",
                            "--roster", roster, "--invitations", inv2, "--min-raters", "3",
                            "--passphrase-file", pass_file, NULL), ==, 2);
}

/* A passphrase handed over through a pipe (/dev/stdin, <(…)) is read
 * like a file; an empty pipe is no passphrase. */
static void
test_passphrase_pipe (void)
{
  const char *script = "printf '%s\\n' \"$3\" | \"$0\" round check \"$1\" --passphrase-file /dev/stdin";
  const char *argv_ok[] = { "sh", "-c", script, g_getenv ("PR_CLI"), round_dir, "unused",
                            "a long organizer passphrase", NULL };
  const char *argv_empty[] = { "sh", "-c", script, g_getenv ("PR_CLI"), round_dir, "unused", "", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv_ok, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpuint (strlen (out), >, 0);

  g_spawn_sync (NULL, (char **) argv_empty, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
}

/* A writer that keeps the pipe open after the first line must not make
 * the command wait for end of file; a first line over the cap is refused. */
static void
test_passphrase_pipe_first_line (void)
{
  const char *open_pipe = "(printf 'a long organizer passphrase\\n'; sleep 60 2>/dev/null) | "
                          "\"$0\" round check \"$1\" --passphrase-file /dev/stdin";
  const char *long_line = "head -c 5000 /dev/zero | tr '\\0' a | "
                          "\"$0\" round check \"$1\" --passphrase-file /dev/stdin";
  const char *argv_open[] = { "sh", "-c", open_pipe, g_getenv ("PR_CLI"), round_dir, NULL };
  const char *argv_long[] = { "sh", "-c", long_line, g_getenv ("PR_CLI"), round_dir, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sub = NULL;
  int status = 0;

  /* The CLI answers long before the writer closes the pipe (a wide margin:
   * this detects waiting for end of file, it times nothing). */
  gint64 start = g_get_monotonic_time ();

  sub = g_subprocess_newv (argv_open, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GInputStream) out = g_object_ref (g_subprocess_get_stdout_pipe (sub));
    char buf[64];
    gssize n = g_input_stream_read (out, buf, sizeof buf, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (n, >, 0);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  }
  g_subprocess_force_exit (sub);

  g_spawn_sync (NULL, (char **) argv_long, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  g_assert_nonnull (strstr (err, "longer than"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *xdg = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("pr-cli-round-XXXXXX", NULL);
  round_dir = path ("round");
  inv_dir = path ("invitations");
  pass_file = path ("pass");
  xdg = path ("xdg");
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_file_set_contents (pass_file, "a long organizer passphrase\nignored\n", -1, NULL));

  g_test_add_func ("/peer-rank/cli-round/create", test_create);
  g_test_add_func ("/peer-rank/cli-round/create-nested", test_create_nested);
  g_test_add_func ("/peer-rank/cli-round/ballots-and-import", test_ballots_and_import);
  g_test_add_func ("/peer-rank/cli-round/exit-codes", test_exit_codes);
  g_test_add_func ("/peer-rank/cli-round/reissue", test_reissue);
  g_test_add_func ("/peer-rank/cli-round/import-non-utf8-name", test_import_non_utf8_name);
  g_test_add_func ("/peer-rank/cli-round/receipts", test_receipts);
  g_test_add_func ("/peer-rank/cli-round/create-small-team", test_create_small_team);
  g_test_add_func ("/peer-rank/cli-round/passphrase-pipe", test_passphrase_pipe);
  g_test_add_func ("/peer-rank/cli-round/passphrase-pipe-first-line", test_passphrase_pipe_first_line);
  g_test_add_func ("/peer-rank/cli-round/show-text", test_show_text);
  g_test_add_func ("/peer-rank/cli-round/export", test_export);
  g_test_add_func ("/peer-rank/cli-round/tally", test_tally_round);
  g_test_add_func ("/peer-rank/cli-round/demo", test_demo);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);

      g_assert_cmpint (system (cmd), ==, 0);
    }
  return status;
}
