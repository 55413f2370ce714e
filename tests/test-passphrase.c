/* test-passphrase.c — how strong a passphrase is said to be
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "pr-passphrase.h"

typedef struct {
  const char           *passphrase;
  PrPassphraseStrength  strength;
} Case;

static const Case cases[] = {
  /* Too short, whatever it is made of. */
  { "", PR_PASSPHRASE_TOO_SHORT },
  { "k8#Qz!v", PR_PASSPHRASE_TOO_SHORT },
  { "äöüßéè", PR_PASSPHRASE_TOO_SHORT },
  /* Common passwords, however dressed up. */
  { "password", PR_PASSPHRASE_WEAK },
  { "Password123!", PR_PASSPHRASE_WEAK },
  { "PASSWORT2026", PR_PASSPHRASE_WEAK },
  { "iloveyou", PR_PASSPHRASE_WEAK },
  { "qwertyuiop", PR_PASSPHRASE_WEAK },
  { "azertyazerty", PR_PASSPHRASE_WEAK },
  { "letmein!letmein!", PR_PASSPHRASE_WEAK },
  /* Repeats and sequences, even long ones. */
  { "aaaaaaaa", PR_PASSPHRASE_WEAK },
  { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", PR_PASSPHRASE_WEAK },
  { "12345678", PR_PASSPHRASE_WEAK },
  { "1234567890123456", PR_PASSPHRASE_WEAK },
  { "abcdefghijklmnop", PR_PASSPHRASE_WEAK },
  { "abababababababab", PR_PASSPHRASE_WEAK },
  { "zyxwvutsrqponmlk", PR_PASSPHRASE_WEAK },
  /* Short and plain. */
  { "hunter22", PR_PASSPHRASE_WEAK },
  { "sunshine", PR_PASSPHRASE_WEAK },
  { "correct horse", PR_PASSPHRASE_FAIR },
  /* Varied but short, or long but of two words only. */
  { "k8#Qz!v2", PR_PASSPHRASE_FAIR },
  { "Tr0ub4dor&3", PR_PASSPHRASE_FAIR },
  { "sunflower meadow", PR_PASSPHRASE_FAIR },
  /* Long and varied: several words, or many kinds of characters. */
  { "violet tractor river spoon", PR_PASSPHRASE_STRONG },
  { "purple elephant dance", PR_PASSPHRASE_STRONG },
  { "Müde Katzen schlafen gern", PR_PASSPHRASE_STRONG },
  { "x7#Lq9!vR2&mZ4$w", PR_PASSPHRASE_STRONG },
};

static void
test_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PrPassphraseStrength got = pr_passphrase_strength (cases[i].passphrase);

      if (got != cases[i].strength)
        g_test_fail_printf ("“%s” is %s, expected %s", cases[i].passphrase,
                            pr_passphrase_strength_label (got),
                            pr_passphrase_strength_label (cases[i].strength));
    }
}

/* A stronger passphrase never comes out weaker for being longer. */
static void
test_longer_is_not_weaker (void)
{
  const char *words[] = { "violet", " tractor", " river", " spoon", " lantern", NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  PrPassphraseStrength last = PR_PASSPHRASE_TOO_SHORT;

  for (guint i = 0; words[i] != NULL; i++)
    {
      PrPassphraseStrength now;

      g_string_append (text, words[i]);
      now = pr_passphrase_strength (text->str);
      g_assert_cmpint (now, >=, last);
      last = now;
    }
  g_assert_cmpint (last, ==, PR_PASSPHRASE_STRONG);
}

static void
test_words (void)
{
  g_assert_cmpstr (pr_passphrase_strength_label (PR_PASSPHRASE_TOO_SHORT), ==, "Too short");
  g_assert_cmpstr (pr_passphrase_strength_label (PR_PASSPHRASE_WEAK), ==, "Weak");
  g_assert_cmpstr (pr_passphrase_strength_label (PR_PASSPHRASE_FAIR), ==, "Fair");
  g_assert_cmpstr (pr_passphrase_strength_label (PR_PASSPHRASE_STRONG), ==, "Strong");
  /* Each hint starts with its word, so colour is never the only sign. */
  for (guint s = PR_PASSPHRASE_WEAK; s <= PR_PASSPHRASE_STRONG; s++)
    g_assert_true (g_str_has_prefix (pr_passphrase_strength_describe (s),
                                     pr_passphrase_strength_label (s)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/passphrase/table", test_table);
  g_test_add_func ("/peer-rank/passphrase/longer-is-not-weaker", test_longer_is_not_weaker);
  g_test_add_func ("/peer-rank/passphrase/words", test_words);

  return g_test_run ();
}
