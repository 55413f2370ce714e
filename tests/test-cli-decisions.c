/* test-cli-decisions.c — review, accept, refuse, round close and reopen
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-fixture.h"
#include "store-fixture.h"

static char *tmp;
static char *pass_file;

static char *
write_ballot (const char *dir,
              const char *name,
              GBytes     *bytes)
{
  fixture_write (dir, name, bytes);
  return g_build_filename (dir, name, NULL);
}

static char *
fingerprint_of (GBytes *bytes)
{
  guint8 fp[PR_HASH_LEN];

  pr_ballot_fingerprint (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), fp);
  return pr_crypto_fingerprint_hex (fp);
}

static JsonArray *
review (const char  *dir,
        JsonObject **holder)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "review", dir, "--json", "--passphrase-file", pass_file),
                   ==, 0);
  *holder = parse_object (out);
  return json_object_get_array_member (*holder, "pending");
}

/* The counted ballot's fingerprint of member @index, as receipts show. */
static char *
counted_of (const char *dir,
            guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (dir, &error);
  const char *hex = NULL;

  g_assert_no_error (error);
  if (!pr_store_get_counted (store, index, &hex, NULL))
    return NULL;
  return g_strdup (hex);
}

/* A conflict (same sequence, other content) and a flagged ballot (dated
 * days ahead): listed by review, decided by accept and refuse, once. */
static void
test_review_accept_refuse (void)
{
  g_autofree char *dir = g_build_filename (tmp, "decide", NULL);
  g_autofree char *box = g_build_filename (tmp, "decide-box", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (dir, 4, 1, &inv);
  const int x[] = { 1, 2, -1 }, y[] = { 2, 1, -1 }, z[] = { 0, -1 };
  gint64 ahead = fixture_now () + 5 * 24 * 3600;
  g_autoptr(GBytes) first = fixture_seal (inv, 0, 100, x);
  g_autoptr(GBytes) other = fixture_seal (inv, 0, 100, y);
  g_autoptr(GBytes) future = fixture_seal (inv, 1, (guint64) ahead, z);
  g_autofree char *first_hex = fingerprint_of (first);
  g_autofree char *other_hex = fingerprint_of (other);
  g_autofree char *future_hex = fingerprint_of (future);
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *counted = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) holder = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *prefix = NULL;
  JsonArray *pending;

  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  p1 = write_ballot (box, "1.json", first);
  p2 = write_ballot (box, "2.json", other);
  p3 = write_ballot (box, "3.json", future);
  g_assert_cmpint (run_cli (&out, NULL, "import", dir, p1, p2, p3, "--passphrase-file", pass_file,
                            "--json"), ==, 0);
  report = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"),
                                               "conflict"), ==, 1);

  pending = review (dir, &holder);
  g_assert_cmpuint (json_array_get_length (pending), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 0),
                                                  "fingerprint"), ==, other_hex);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 0),
                                                  "status"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 1),
                                                  "status"), ==, "flagged");
  counted = counted_of (dir, 0);
  g_assert_cmpstr (counted, ==, first_hex);

  /* Accept the conflicting one by a hex prefix: it now counts. */
  prefix = g_strndup (other_hex, 12);
  g_assert_cmpint (run_cli (NULL, NULL, "accept", dir, prefix,
                            "--passphrase-file", pass_file), ==, 0);
  g_clear_pointer (&counted, g_free);
  counted = counted_of (dir, 0);
  g_assert_cmpstr (counted, ==, other_hex);
  /* Once: a second decision about it is refused. */
  g_assert_cmpint (run_cli (NULL, &err, "refuse", dir, other_hex,
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_nonnull (strstr (err, "awaits no decision"));

  /* Refuse the flagged one: never counts, nothing pending any more. */
  g_assert_cmpint (run_cli (NULL, NULL, "refuse", dir, future_hex, "--passphrase-file",
                            pass_file), ==, 0);
  g_assert_null (counted_of (dir, 1));
  g_clear_pointer (&holder, json_object_unref);
  pending = review (dir, &holder);
  g_assert_cmpuint (json_array_get_length (pending), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "accept", dir, "ffffffffff",
                            "--passphrase-file", pass_file), ==, 2);
  g_assert_nonnull (strstr (err, "No stored ballot"));

  /* The decisions are in the journal: a tally counts A's accepted one. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "tally", dir, "--passphrase-file", pass_file,
                            "--method", "borda", "--format", "json"), ==, 0);
  g_clear_pointer (&report, json_object_unref);
  report = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (report, "ballots"), ==, 1);
}

/* A closed round refuses imports with exit 2 until it is reopened. */
static void
test_close_reopen (void)
{
  g_autofree char *dir = g_build_filename (tmp, "close", NULL);
  g_autofree char *box = g_build_filename (tmp, "close-box", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (dir, 3, 1, &inv);
  const int r[] = { 1, -1 };
  g_autoptr(GBytes) ballot = fixture_seal (inv, 0, 100, r);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) show = NULL;

  g_clear_pointer (&store, pr_store_free);
  g_assert_cmpint (g_mkdir (box, 0700), ==, 0);
  path = write_ballot (box, "b.json", ballot);
  g_assert_cmpint (run_cli (&out, NULL, "round", "close", dir,
                            "--passphrase-file", pass_file), ==, 0);
  g_assert_nonnull (strstr (out, "closed"));
  g_assert_cmpint (run_cli (NULL, NULL, "round", "close", dir,
                            "--passphrase-file", pass_file), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "import", dir, path, "--passphrase-file", pass_file),
                   ==, 2);
  g_assert_nonnull (strstr (err, "round is closed"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "round", "show", dir, "--json"), ==, 0);
  show = parse_object (out);
  g_assert_true (json_object_get_boolean_member (show, "closed"));
  g_assert_false (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (show, "members"), 0), "voted"));

  g_assert_cmpint (run_cli (NULL, NULL, "round", "reopen", dir,
                            "--passphrase-file", pass_file), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "import", dir, path, "--passphrase-file", pass_file),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&show, json_object_unref);
  g_assert_cmpint (run_cli (&out, NULL, "round", "show", dir, "--json"), ==, 0);
  show = parse_object (out);
  g_assert_false (json_object_get_boolean_member (show, "closed"));
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (show, "members"), 0), "voted"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));
  tmp = g_dir_make_tmp ("pr-decisions-XXXXXX", NULL);
  pass_file = g_build_filename (tmp, "pass", NULL);
  g_assert_true (g_file_set_contents (pass_file, FIXTURE_PASSPHRASE "\n", -1, NULL));
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/peer-rank/cli-decisions/review-accept-refuse", test_review_accept_refuse);
  g_test_add_func ("/peer-rank/cli-decisions/close-reopen", test_close_reopen);

  status = g_test_run ();
  if (status == 0)
    fixture_remove_tree (tmp);
  return status;
}
