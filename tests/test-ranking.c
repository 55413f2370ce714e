/* test-ranking.c — the associate's order, its draft file and sealing
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ballot-fixture.h"
#include "pr-draft.h"
#include "pr-ranking.h"
#include "pr-seal.h"
#include "pr-sequence.h"

/* "3,1|0,4": the ranked members, then the unranked ones. */
static char *
describe (const PrRanking *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < pr_ranking_get_n_slots (r); i++)
    {
      if (i > 0)
        g_string_append_c (s, i == pr_ranking_get_n_ranked (r) ? '|' : ',');
      else if (pr_ranking_get_n_ranked (r) == 0)
        g_string_append_c (s, '|');
      g_string_append_printf (s, "%u", pr_ranking_get_member (r, i));
    }
  if (pr_ranking_get_n_ranked (r) == pr_ranking_get_n_slots (r))
    g_string_append_c (s, '|');
  return g_string_free (s, FALSE);
}

#define assert_order(r, expected) G_STMT_START { \
    g_autofree char *_d = describe (r); \
    g_assert_cmpstr (_d, ==, expected); \
  } G_STMT_END

static void
test_new (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (5, 2);

  g_assert_cmpuint (pr_ranking_get_n_slots (r), ==, 4);
  assert_order (r, "|0,1,3,4");
  g_assert_cmpint (pr_ranking_get_slot (r, 2), ==, -1);
  g_assert_false (pr_ranking_can_undo (r));
}

/* The keyboard moves of DESIGN §1, across the section boundary: from
 * anywhere in "Not ranked" up ranks the person last; "Not ranked" keeps
 * its order (roster order here) whatever moves through it. */
static void
test_keys (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (5, 0);

  g_assert_true (pr_ranking_move_up (r, 3));        /* middle of not ranked → ranked last */
  assert_order (r, "3|1,2,4");
  g_assert_true (pr_ranking_move_up (r, 4));        /* bottom of not ranked → ranked last */
  assert_order (r, "3,4|1,2");
  g_assert_true (pr_ranking_move_up (r, 4));
  assert_order (r, "4,3|1,2");
  g_assert_false (pr_ranking_move_up (r, 4));       /* already first */
  g_assert_false (pr_ranking_move_down (r, 2));     /* no order within not ranked */
  g_assert_false (pr_ranking_move (r, 2, FALSE, 0));
  g_assert_true (pr_ranking_move_first (r, 1));
  assert_order (r, "1,4,3|2");
  g_assert_true (pr_ranking_move_last_ranked (r, 2));
  assert_order (r, "1,4,3,2|");
  g_assert_true (pr_ranking_move_down (r, 2));      /* bottom of ranked → not ranked */
  assert_order (r, "1,4,3|2");
  g_assert_true (pr_ranking_move_down (r, 4));
  assert_order (r, "1,3,4|2");
  g_assert_true (pr_ranking_unrank (r, 3));         /* back at its place by name */
  assert_order (r, "1,4|2,3");
  g_assert_true (pr_ranking_unrank (r, 1));
  assert_order (r, "4|1,2,3");
  g_assert_false (pr_ranking_unrank (r, 1));
  g_assert_cmpuint (pr_ranking_get_position (r, 3), ==, 2);
  g_assert_true (pr_ranking_is_ranked (r, 4));
  g_assert_false (pr_ranking_is_ranked (r, 3));
}

/* With names, "Not ranked" follows the alphabet, not the roster. */
static void
test_names (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (5, 0);
  const char *names[] = { "Voter", "Zoë", "Ana", "Émile", "Bo", NULL };
  const guint16 draft[] = { 2, 1, 4, 3 };

  pr_ranking_set_names (r, names);
  assert_order (r, "|2,4,3,1");
  g_assert_true (pr_ranking_move_up (r, 3));
  assert_order (r, "3|2,4,1");
  g_assert_true (pr_ranking_move_up (r, 1));
  g_assert_true (pr_ranking_unrank (r, 3));
  assert_order (r, "1|2,4,3");
  g_assert_true (pr_ranking_undo (r));
  assert_order (r, "3,1|2,4");
  g_assert_true (pr_ranking_clear (r));
  assert_order (r, "|2,4,3,1");
  /* A draft's not-ranked order is the name order too. */
  g_assert_true (pr_ranking_set_order (r, draft, 4, 1));
  assert_order (r, "2|4,3,1");
}

static void
test_undo (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (4, 3);

  pr_ranking_move (r, 2, TRUE, 0);
  pr_ranking_move (r, 0, TRUE, 0);
  assert_order (r, "0,2|1");
  g_assert_true (pr_ranking_undo (r));
  assert_order (r, "2|0,1");
  g_assert_true (pr_ranking_undo (r));
  assert_order (r, "|0,1,2");
  g_assert_false (pr_ranking_undo (r));
  g_assert_true (pr_ranking_redo (r));
  assert_order (r, "2|0,1");
  /* A new move forgets what could be redone. */
  pr_ranking_move (r, 1, TRUE, 5);
  g_assert_false (pr_ranking_can_redo (r));
  assert_order (r, "2,1|0");
  g_assert_true (pr_ranking_clear (r));
  assert_order (r, "|0,1,2");
  g_assert_false (pr_ranking_clear (r));
  g_assert_true (pr_ranking_undo (r));
  assert_order (r, "2,1|0");
}

static void
test_set_order (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (5, 1);
  const guint16 good[] = { 4, 0 };
  const guint16 voter[] = { 1, 0 };
  const guint16 twice[] = { 0, 0 };
  const guint16 unknown[] = { 9 };

  g_assert_true (pr_ranking_set_order (r, good, 2, 1));
  assert_order (r, "4|0,2,3");
  g_assert_false (pr_ranking_set_order (r, voter, 2, 1));
  g_assert_false (pr_ranking_set_order (r, twice, 2, 0));
  g_assert_false (pr_ranking_set_order (r, unknown, 1, 1));
  g_assert_false (pr_ranking_set_order (r, good, 2, 3));
  assert_order (r, "4|0,2,3");
}

static void
test_history_bounded (void)
{
  g_autoptr(PrRanking) r = pr_ranking_new (3, 0);
  guint undone = 0;

  for (guint i = 0; i < PR_RANKING_MAX_UNDO + 50; i++)
    g_assert_true (i % 2 == 0 ? pr_ranking_move_up (r, 1) : pr_ranking_move_down (r, 1));
  while (pr_ranking_undo (r))
    undone++;
  g_assert_cmpuint (undone, ==, PR_RANKING_MAX_UNDO);
}

/* The draft file: written 0600, read back, tied to one round and member. */
static void
test_draft (void)
{
  BallotFixture f;
  g_autofree char *dir = g_dir_make_tmp ("pr-draft-XXXXXX", NULL);
  g_autoptr(PrRanking) r = NULL;
  g_autoptr(PrRanking) back = NULL;
  g_autoptr(PrDraft) draft = NULL;
  g_autoptr(PrDraft) again = NULL;
  g_autoptr(PrDraft) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  ballot_fixture_init (&f);
  r = pr_ranking_new (5, 2);
  pr_ranking_move (r, 4, TRUE, 0);
  pr_ranking_move (r, 0, TRUE, 1);

  draft = pr_draft_new (dir, f.manifest, 2);
  g_assert_true (pr_draft_load (draft, &error));
  g_assert_no_error (error);
  g_assert_false (pr_draft_has_order (draft));
  pr_draft_set_ranking (draft, r);
  pr_draft_set_invitation_path (draft, "/tmp/inv.json");
  pr_draft_set_sent (draft, 1700000000, "ABCD-EFGH-JKMN-PQRS");
  g_assert_true (pr_draft_save (draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pr_draft_get_path (draft), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  again = pr_draft_new (dir, f.manifest, 2);
  g_assert_true (pr_draft_load (again, &error));
  g_assert_no_error (error);
  back = pr_ranking_new (5, 2);
  g_assert_true (pr_draft_apply (again, back));
  assert_order (back, "4,0|1,3");
  g_assert_cmpuint (pr_draft_get_n_ranked (again), ==, 2);
  g_assert_cmpint (pr_draft_get_sent_time (again), ==, 1700000000);
  g_assert_cmpstr (pr_draft_get_sent_fingerprint (again), ==, "ABCD-EFGH-JKMN-PQRS");
  g_assert_cmpstr (pr_draft_get_invitation_path (again), ==, "/tmp/inv.json");

  /* Another member of the same round has a draft of their own. */
  other = pr_draft_new (dir, f.manifest, 3);
  g_assert_cmpstr (pr_draft_get_path (other), !=, pr_draft_get_path (draft));

  list = pr_draft_list (dir);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PrDraftSummary *) list->pdata[0])->title, ==, "Sprint 12 review");
  g_assert_cmpuint (((PrDraftSummary *) list->pdata[0])->n_ranked, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Saved within the same second, the last one saved comes first (the
   * welcome page's order), whichever way round they were saved. */
  for (guint k = 0; k < 4; k++)
    {
      PrDraft *first = k % 2 == 0 ? other : draft;
      PrDraft *last = k % 2 == 0 ? draft : other;

      pr_draft_set_invitation_path (other, "/tmp/other.json");
      g_assert_true (pr_draft_save (first, &error));
      g_usleep (2);
      g_assert_true (pr_draft_save (last, &error));
      list = pr_draft_list (dir);
      g_assert_cmpuint (list->len, ==, 2);
      g_assert_cmpstr (((PrDraftSummary *) list->pdata[0])->invitation_path, ==,
                       pr_draft_get_invitation_path (last));
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  g_unlink (pr_draft_get_path (other));

  /* A damaged file is reported, not trusted. */
  g_assert_true (g_file_set_contents (pr_draft_get_path (draft), "[Draft]\nversion=1\nround=xx\n", -1, NULL));
  g_assert_false (pr_draft_load (again, &error));
  g_assert_error (error, PR_DRAFT_ERROR, PR_DRAFT_ERROR_DAMAGED);

  g_unlink (pr_draft_get_path (draft));
  g_rmdir (dir);
  ballot_fixture_clear (&f);
}

/* Sealing uses the shared sequence counter exactly as `ballot create`. */
static void
test_seal (void)
{
  BallotFixture f;
  g_autofree char *dir = g_dir_make_tmp ("pr-seal-XXXXXX", NULL);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  const guint16 ranking[] = { 3, 1 };
  guint8 fingerprint[PR_HASH_LEN];
  guint64 seq1 = 0, seq2 = 0, last = 0;
  PrBallotInfo info;

  ballot_fixture_init (&f);
  first = pr_seal_ranking (f.invitations[0], ranking, 2, dir, &seq1, fingerprint, &error);
  g_assert_no_error (error);
  second = pr_seal_ranking (f.invitations[0], ranking, 2, dir, &seq2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seq2, ==, seq1 + 1);
  id = pr_seal_invitation_id (f.invitations[0]);
  g_assert_true (pr_sequence_last (dir, id, &last, &error));
  g_assert_cmpuint (last, ==, seq2);

  g_assert_true (pr_ballot_open (f.opener, g_bytes_get_data (second, NULL), g_bytes_get_size (second),
                                 NULL, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.sequence, ==, seq2);
  g_assert_cmpuint (info.n_ranked, ==, 2);
  g_assert_cmpuint (info.ranking[0], ==, 3);
  g_assert_cmpuint (info.ranking[1], ==, 1);

  /* Too few people ranked: the core refuses. */
  g_assert_null (pr_seal_ranking (f.invitations[0], ranking, 1, dir, NULL, NULL, &error));
  g_assert_nonnull (error);

  name = pr_seal_default_name (f.manifest);
  g_assert_true (g_str_has_prefix (name, "ballot-"));
  g_assert_true (g_str_has_suffix (name, ".json"));
  g_assert_cmpuint (strlen (name), ==, strlen ("ballot-01234567-89ab.json"));

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  ballot_fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/ranking/new", test_new);
  g_test_add_func ("/peer-rank/ranking/keys", test_keys);
  g_test_add_func ("/peer-rank/ranking/names", test_names);
  g_test_add_func ("/peer-rank/ranking/undo", test_undo);
  g_test_add_func ("/peer-rank/ranking/set-order", test_set_order);
  g_test_add_func ("/peer-rank/ranking/history-bounded", test_history_bounded);
  g_test_add_func ("/peer-rank/ranking/draft", test_draft);
  g_test_add_func ("/peer-rank/ranking/seal", test_seal);

  return g_test_run ();
}
