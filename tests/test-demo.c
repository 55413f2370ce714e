/* test-demo.c — the seeded demo round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "pr-demo.h"
#include "pr-import.h"
#include "pr-round-profile.h"
#include "store-fixture.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_dir (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Imports the demo ballots and returns the counted rankings, flattened
 * as "voter:a,b,c;" text for comparison. */
static char *
import_demo (const char     *dir,
             PrImportReport **report_out)
{
  g_autofree char *round = g_build_filename (dir, "round", NULL);
  g_autofree char *ballots = g_build_filename (dir, "ballots", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = pr_store_open (round, &error);
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(GPtrArray) rankings = NULL;
  g_autoptr(GArray) voters = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  opener = pr_store_unlock (store, PR_DEMO_PASSPHRASE, &error);
  g_assert_no_error (error);
  pr_import_input_add_path (input, ballots);
  *report_out = pr_import_run (store, opener, input, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_load_counted (store, PR_DEMO_PASSPHRASE, &rankings, &voters, &error));
  for (guint i = 0; i < rankings->len; i++)
    {
      GArray *r = g_ptr_array_index (rankings, i);

      g_string_append_printf (text, "%u:", g_array_index (voters, guint, i));
      for (guint k = 0; k < r->len; k++)
        g_string_append_printf (text, "%u,", g_array_index (r, guint, k));
      g_string_append_c (text, ';');
    }
  return g_string_free (text, FALSE);
}

static void
test_layout_and_import (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "demo", NULL);
  g_autofree char *ballots = g_build_filename (dir, "ballots", NULL);
  g_autofree char *invitations = g_build_filename (dir, "invitations", NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) invs = NULL;
  g_autoptr(PrImportReport) report = NULL;
  g_autofree char *counted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pr_demo_generate (dir, 7, 16, 42, NULL, &error));
  g_assert_no_error (error);
  names = list_dir (ballots);
  g_assert_cmpuint (names->len, ==, 16);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      g_assert_true (g_str_has_prefix (name, "ballot-"));
      g_assert_true (g_str_has_suffix (name, ".json"));
      g_assert_cmpuint (strlen (name), ==, strlen ("ballot-12345678-abcd.json"));
    }
  invs = list_dir (invitations);
  g_assert_cmpuint (invs->len, ==, 7);

  counted = import_demo (dir, &report);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_REJECTED], ==, 0);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_FLAGGED], ==, 0);
  /* 7 first ballots, 9 revisions: each member counted once. */
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_ACCEPTED], ==, 7);
  g_assert_cmpuint (report->counts[PR_BALLOT_STATUS_REVISED] +
                    report->counts[PR_BALLOT_STATUS_STALE], ==, 9);

  g_assert_false (pr_demo_generate (dir, 7, 16, 42, NULL, &error));
  g_assert_nonnull (error);
  fixture_remove_tree (tmp);
}

/* Same seed, same people and same counted rankings; ballots of realistic
 * length (2–9 people, never the voter). */
static void
test_seeded (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *a = g_build_filename (tmp, "a", NULL);
  g_autofree char *b = g_build_filename (tmp, "b", NULL);
  g_autofree char *c = g_build_filename (tmp, "c", NULL);
  g_autofree char *inv_a = g_build_filename (a, "invitations", NULL);
  g_autofree char *inv_b = g_build_filename (b, "invitations", NULL);
  g_autofree char *counted_a = NULL, *counted_b = NULL, *counted_c = NULL;
  g_autoptr(PrImportReport) ra = NULL, rb = NULL, rc = NULL;
  g_autoptr(GPtrArray) names_a = NULL, names_b = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (pr_demo_generate (a, 20, 20, 7, NULL, &error));
  g_assert_true (pr_demo_generate (b, 20, 20, 7, "another", &error));
  g_assert_true (pr_demo_generate (c, 20, 20, 8, NULL, &error));
  g_assert_no_error (error);
  names_a = list_dir (inv_a);
  names_b = list_dir (inv_b);
  for (guint i = 0; i < names_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names_a, i), ==, g_ptr_array_index (names_b, i));
  counted_a = import_demo (a, &ra);
  /* b used another passphrase: regenerate it with the default one. */
  fixture_remove_tree (b);
  g_assert_true (pr_demo_generate (b, 20, 20, 7, NULL, &error));
  counted_b = import_demo (b, &rb);
  counted_c = import_demo (c, &rc);
  g_assert_cmpstr (counted_a, ==, counted_b);
  g_assert_cmpstr (counted_a, !=, counted_c);

  parts = g_strsplit (counted_a, ";", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 21);
  for (guint i = 0; i < 20; i++)
    {
      g_auto(GStrv) vr = g_strsplit (parts[i], ":", 2);
      g_auto(GStrv) ranks = g_strsplit (vr[1], ",", -1);
      guint k = g_strv_length (ranks) - 1;

      g_assert_cmpuint (k, >=, 2);
      g_assert_cmpuint (k, <=, 9);
      for (guint j = 0; j < k; j++)
        g_assert_cmpstr (ranks[j], !=, vr[0]);
    }
  fixture_remove_tree (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/demo/layout-and-import", test_layout_and_import);
  g_test_add_func ("/peer-rank/demo/seeded", test_seeded);

  return g_test_run ();
}
