/* pr-demo.c — a seeded demo round with invitations and realistic ballots
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sodium.h>

#include "pr-atomic.h"
#include "pr-demo.h"
#include "pr-store.h"

/* Ballot files made durable together. */
#define BATCH 256

static const char * const first_names[] = {
  "Ana", "Ben", "Chloé", "Dario", "Emma", "Farid", "Greta", "Hiro", "Ines", "Jonas",
  "Kira", "Luca", "Mina", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara",
  "Uma", "Victor", "Wen", "Xenia", "Yusuf", "Zoé", "Amir", "Bea", "Carl", "Dana",
};

static const char * const last_names[] = {
  "López", "Müller", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka",
  "Ulrich", "Varga", "Weber", "Yilmaz", "Zhang", "Andersen", "Bauer", "Costa", "Dubois",
  "Eriksen", "Fischer", "García", "Horvat", "Ivanova", "Jansen", "Kowalski", "Laine",
  "Moreau", "Novak", "Olsen", "Popescu",
};

typedef struct {
  GRand      *rand;
  PrStore    *store;
  GPtrArray  *invitations;
  double     *quality;
  guint       n;
  guint       min_ranked;
  guint64     base_sequence;
  guint64    *next_sequence;  /* per member */
  GHashTable *names;          /* file names used */
  char        round8[9];
} Demo;

static char **
make_names (GRand *rand,
            guint  n)
{
  char **names = g_new0 (char *, n + 1);
  guint nf = G_N_ELEMENTS (first_names), nl = G_N_ELEMENTS (last_names);
  guint offset = (guint) g_rand_int_range (rand, 0, (gint32) (nf * nl));

  /* Walk all first × last pairs from a random start: distinct names. */
  for (guint i = 0; i < n; i++)
    {
      guint k = (offset + i * 7) % (nf * nl);

      if (i < nf * nl)
        names[i] = g_strdup_printf ("%s %s", first_names[k % nf], last_names[(k / nf + k) % nl]);
      else
        names[i] = g_strdup_printf ("%s %s %u", first_names[i % nf], last_names[(i / nf) % nl], i);
    }
  return names;
}

static double
gaussian (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static double
gumbel (GRand *rand)
{
  double u = g_rand_double (rand);

  return -log (-log (MAX (u, 1e-300)));
}

/* How many teammates one person knows well enough to rank: 2–9, never
 * more than the others, never fewer than the rules ask. */
static guint
ballot_length (Demo *demo)
{
  guint k = 2 + (guint) g_rand_int_range (demo->rand, 0, 5) + (guint) g_rand_int_range (demo->rand, 0, 4);

  k = MIN (k, demo->n - 1);
  return MAX (k, demo->min_ranked);
}

typedef struct {
  guint16 member;
  double  key;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a, *y = b;

  return x->key < y->key ? 1 : x->key > y->key ? -1 : (int) x->member - (int) y->member;
}

/* A Plackett–Luce draw over a random subset of the voter's teammates. */
static guint
draw_ranking (Demo    *demo,
              guint    voter,
              guint16 *ranking)
{
  g_autofree Scored *pool = g_new (Scored, demo->n);
  guint n_pool = 0, k = ballot_length (demo);

  for (guint i = 0; i < demo->n; i++)
    if (i != voter)
      pool[n_pool++] = (Scored) { (guint16) i, 0 };
  /* Partial Fisher–Yates: the first k of the pool are whom they know. */
  for (guint i = 0; i < k; i++)
    {
      guint j = i + (guint) g_rand_int_range (demo->rand, 0, (gint32) (n_pool - i));
      Scored tmp = pool[i];

      pool[i] = pool[j];
      pool[j] = tmp;
      pool[i].key = demo->quality[pool[i].member] + gumbel (demo->rand);
    }
  qsort (pool, k, sizeof (Scored), compare_scored);
  for (guint i = 0; i < k; i++)
    ranking[i] = pool[i].member;
  return k;
}

static char *
unique_name (Demo *demo)
{
  for (;;)
    {
      guint32 r = g_rand_int (demo->rand);
      char *name = g_hash_table_size (demo->names) < 30000
                   ? g_strdup_printf ("ballot-%s-%04x.json", demo->round8, r & 0xffff)
                   : g_strdup_printf ("ballot-%s-%08x.json", demo->round8, r);

      if (!g_hash_table_contains (demo->names, name))
        {
          g_hash_table_add (demo->names, name);
          return name;
        }
      g_free (name);
    }
}

static gboolean
add_ballot (Demo           *demo,
            PrAtomicBatch  *batch,
            guint           voter,
            GError        **error)
{
  g_autofree guint16 *ranking = g_new (guint16, demo->n);
  guint k = draw_ranking (demo, voter, ranking);
  guint64 sequence = demo->next_sequence[voter]++;
  g_autoptr(GBytes) bytes = NULL;
  char *name;

  bytes = pr_ballot_seal (g_ptr_array_index (demo->invitations, voter), ranking, k, sequence,
                          NULL, error);
  sodium_memzero (ranking, demo->n * sizeof (guint16));
  if (bytes == NULL)
    return FALSE;
  name = unique_name (demo);
  return pr_atomic_batch_add (batch, name, g_bytes_get_data (bytes, NULL),
                              g_bytes_get_size (bytes), error);
}

/* Who writes ballot i: a random order of all members first, then
 * revisions by random members. */
static guint
pick_voter (Demo  *demo,
            guint *order,
            guint  i)
{
  if (i < demo->n)
    return order[i];
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) demo->n);
}

static gboolean
write_ballots (Demo        *demo,
               const char  *dir,
               guint        n_ballots,
               GError     **error)
{
  g_autoptr(PrAtomicBatch) batch = NULL;
  g_autofree guint *order = g_new (guint, demo->n);

  if (!pr_store_ensure_empty_dir (dir, error))
    return FALSE;
  batch = pr_atomic_batch_new (dir);
  for (guint i = 0; i < demo->n; i++)
    order[i] = i;
  for (guint i = demo->n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (demo->rand, 0, (gint32) i);
      guint tmp = order[i - 1];

      order[i - 1] = order[j];
      order[j] = tmp;
    }
  for (guint i = 0; i < n_ballots; i++)
    {
      if (!add_ballot (demo, batch, pick_voter (demo, order, i), error))
        return FALSE;
      if (pr_atomic_batch_size (batch) >= BATCH && !pr_atomic_batch_commit (batch, error))
        return FALSE;
    }
  return pr_atomic_batch_commit (batch, error);
}

static gboolean
setup_round (Demo        *demo,
             const char  *dir,
             const char  *passphrase,
             GError     **error)
{
  g_auto(GStrv) names = make_names (demo->rand, demo->n);
  g_autofree char *round_dir = g_build_filename (dir, "round", NULL);
  g_autofree char *inv_dir = g_build_filename (dir, "invitations", NULL);
  PrStoreParams params = {
    _("Demo round"), _("A made-up team, to try Peer Rank."), NULL, _("Demo organizer"),
    /* Three raters per person, or everyone else in a smaller team. */
    1, MIN (3, demo->n - 1), (const char * const *) names, NULL, passphrase,
    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
  };

  if (!pr_store_ensure_empty_dir (dir, error))
    return FALSE;
  demo->store = pr_store_create (round_dir, &params, &demo->invitations, error);
  if (demo->store == NULL || !pr_store_write_invitations (inv_dir, demo->invitations, error))
    return FALSE;
  demo->min_ranked = params.min_ranked;
  for (guint i = 0; i < 8; i += 2)
    g_snprintf (demo->round8 + i, 3, "%02x", pr_manifest_get_id (pr_store_get_manifest (demo->store))[i / 2]);
  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->store, pr_store_free);
  g_clear_pointer (&demo->invitations, g_ptr_array_unref);
  g_clear_pointer (&demo->names, g_hash_table_unref);
  g_free (demo->quality);
  g_free (demo->next_sequence);
}

gboolean
pr_demo_generate (const char  *dir,
                  guint        n_members,
                  guint        n_ballots,
                  guint32      seed,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *ballots_dir = g_build_filename (dir, "ballots", NULL);
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (n_members >= 2 && n_members <= PR_DEMO_MAX_MEMBERS, FALSE);
  g_return_val_if_fail (n_ballots <= PR_DEMO_MAX_BALLOTS, FALSE);

  demo.rand = g_rand_new_with_seed (seed);
  demo.n = n_members;
  demo.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo.quality = g_new (double, n_members);
  demo.next_sequence = g_new (guint64, n_members);
  demo.base_sequence = (guint64) (g_get_real_time () / G_USEC_PER_SEC) - 7 * 24 * 3600;
  ok = setup_round (&demo, dir, passphrase != NULL ? passphrase : PR_DEMO_PASSPHRASE, error);
  for (guint i = 0; ok && i < n_members; i++)
    {
      demo.quality[i] = gaussian (demo.rand);
      demo.next_sequence[i] = demo.base_sequence + (guint64) g_rand_int_range (demo.rand, 0, 3600);
    }
  ok = ok && write_ballots (&demo, ballots_dir, n_ballots, error);
  demo_clear (&demo);
  return ok;
}
