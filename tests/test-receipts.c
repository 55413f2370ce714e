/* test-receipts.c — a member finds (or misses) their ballot in the receipts
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-crypto.h"
#include "pr-import.h"
#include "pr-receipts.h"
#include "store-fixture.h"

static char *
fingerprint_of (const char *seed)
{
  guint8 hash[PR_HASH_LEN];

  pr_crypto_hash ((const guint8 *) seed, strlen (seed), hash);
  return pr_crypto_fingerprint_short (hash);
}

static void
test_normalize (void)
{
  g_autofree char *fp = fingerprint_of ("a");
  g_autofree char *lower = g_ascii_strdown (fp, -1);
  g_autoptr(GString) bare = g_string_new (NULL);
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL;

  for (const char *p = fp; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (bare, *p);
  n1 = pr_receipts_normalize (lower);
  n2 = pr_receipts_normalize (bare->str);
  g_assert_cmpstr (n1, ==, fp);
  g_assert_cmpstr (n2, ==, fp);
  n3 = pr_receipts_normalize ("OIL0-0000-0000-0000");
  g_assert_cmpstr (n3, ==, "0110-0000-0000-0000");
  g_assert_null (pr_receipts_normalize ("ABCD-EFGH"));
  g_assert_null (pr_receipts_normalize ("UUUU-0000-0000-0000"));
}

/* What `round receipts` prints, and the same pasted from elsewhere. */
static void
test_lists (void)
{
  g_autofree char *mine = fingerprint_of ("mine");
  g_autofree char *other = fingerprint_of ("other");
  g_autofree char *third = fingerprint_of ("third");
  g_autofree char *missing = fingerprint_of ("missing");
  g_autofree char *mine_lower = g_ascii_strdown (mine, -1);
  g_autofree char *spaced = g_strdup (third);
  g_autofree char *plain = g_strdup_printf ("%s\n%s\n", other, mine);
  g_autofree char *pasted = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GError) error = NULL;

  for (char *p = spaced; *p != '\0'; p++)
    if (*p == '-')
      *p = ' ';
  receipts = pr_receipts_parse (plain, strlen (plain), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 2);
  g_assert_true (pr_receipts_lists (receipts, mine));
  g_assert_false (pr_receipts_lists (receipts, third));
  g_clear_pointer (&receipts, g_ptr_array_unref);

  /* Numbered, bulleted, CRLF, lower case, spaces for dashes, prose around. */
  pasted = g_strdup_printf ("Receipts of Team Q3 (counted ballots):\r\n"
                            "1. %s\r\n • %s\r\nand also %s — that is all, internationalize.\r\n",
                            other, spaced, mine_lower);
  receipts = pr_receipts_parse (pasted, strlen (pasted), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 3);
  g_assert_true (pr_receipts_lists (receipts, mine));
  g_assert_true (pr_receipts_lists (receipts, third));
  g_assert_false (pr_receipts_lists (receipts, missing));
}

static void
test_empty (void)
{
  const char *texts[] = { "", "Thanks everyone!\nThe results are out.\n", "ABCD-EFGH-JKMN\n" };
  g_autofree char *big = g_malloc0 (PR_RECEIPTS_MAX_SIZE + 1);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (pr_receipts_parse (texts[i], strlen (texts[i]), &error));
      g_assert_error (error, PR_RECEIPTS_ERROR, PR_RECEIPTS_ERROR_EMPTY);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (pr_receipts_parse (big, PR_RECEIPTS_MAX_SIZE + 1, &error));
    g_assert_error (error, PR_RECEIPTS_ERROR, PR_RECEIPTS_ERROR_TOO_LARGE);
  }
}

/* The real thing: the store's receipts of a closed round list the
 * ballot a member sealed, and not the revision it replaced. */
static void
test_store_receipts (void)
{
  g_autofree char *tmp = fixture_tmpdir ();
  g_autofree char *round = g_build_filename (tmp, "round", NULL);
  g_autoptr(GPtrArray) inv = NULL;
  g_autoptr(PrStore) store = fixture_round (round, 3, 1, &inv);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrBallotOpener) opener = pr_store_unlock (store, FIXTURE_PASSPHRASE, &error);
  const int ranks[] = { 1, -1 };
  g_autoptr(GBytes) first = fixture_seal (inv, 0, 100, ranks);
  g_autoptr(GBytes) last = fixture_seal (inv, 0, 200, ranks);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint8 hash[PR_HASH_LEN];
  g_autofree char *first_fp = NULL, *last_fp = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  g_autofree char *first_path = NULL, *last_path = NULL;

  fixture_write (tmp, "first.json", first);
  fixture_write (tmp, "last.json", last);
  first_path = g_build_filename (tmp, "first.json", NULL);
  last_path = g_build_filename (tmp, "last.json", NULL);
  pr_import_input_add_path (input, first_path);
  pr_import_input_add_path (input, last_path);
  report = pr_import_run (store, opener, input, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pr_store_close (store, &error));
  lines = pr_store_dup_receipts (store, opener, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));
  receipts = pr_receipts_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  pr_ballot_fingerprint (g_bytes_get_data (first, NULL), g_bytes_get_size (first), hash);
  first_fp = pr_crypto_fingerprint_short (hash);
  pr_ballot_fingerprint (g_bytes_get_data (last, NULL), g_bytes_get_size (last), hash);
  last_fp = pr_crypto_fingerprint_short (hash);
  g_assert_true (pr_receipts_lists (receipts, last_fp));
  g_assert_false (pr_receipts_lists (receipts, first_fp));
  g_clear_pointer (&store, pr_store_free);
  fixture_remove_tree (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  g_test_add_func ("/peer-rank/receipts/normalize", test_normalize);
  g_test_add_func ("/peer-rank/receipts/lists", test_lists);
  g_test_add_func ("/peer-rank/receipts/empty", test_empty);
  g_test_add_func ("/peer-rank/receipts/store-receipts", test_store_receipts);
  return g_test_run ();
}
