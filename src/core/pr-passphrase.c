/* pr-passphrase.c — how hard a passphrase is to guess, roughly
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-passphrase.h"
#include "pr-store.h"

/* Lower case. What people pick first, in the languages Peer Rank speaks,
 * and keyboard runs: each counts as one character wherever it occurs. */
static const char * const common_words[] = {
  "password", "passwort", "motdepasse", "passe", "pass", "secret", "geheim", "letmein",
  "welcome", "willkommen", "bienvenue", "iloveyou", "love", "admin", "login", "hello",
  "hallo", "bonjour", "sommer", "summer", "winter", "dragon", "monkey", "football",
  "soleil", "qwertz", "qwerty", "azerty", "asdfgh", "asdf", "yxcvbn", "zxcvbn", "uiop",
  "peerrank", "peer", "rank", "round",
};

/* The characters a guesser has to try for each position. */
static double
pool_size (const char *text)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE, wide = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80)
        wide = TRUE;
      else if (g_ascii_islower (c))
        lower = TRUE;
      else if (g_ascii_isupper (c))
        upper = TRUE;
      else if (g_ascii_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }
  return 26.0 * lower + 26.0 * upper + 10.0 * digit + 33.0 * other + 64.0 * wide;
}

/* Marks the bytes of @lower covered by a common word; a word found
 * counts once, at its first byte (mask 2), the rest not at all (1). */
static void
mask_common_words (const char *lower,
                   guint8     *mask)
{
  for (gsize w = 0; w < G_N_ELEMENTS (common_words); w++)
    {
      gsize len = strlen (common_words[w]);

      for (const char *hit = strstr (lower, common_words[w]); hit != NULL;
           hit = strstr (hit + len, common_words[w]))
        {
          gsize at = (gsize) (hit - lower);

          if (mask[at] != 0)
            continue;
          memset (mask + at, 1, len);
          mask[at] = 2;
        }
    }
}

/* The characters that make the passphrase harder to guess: a repeat, or
 * the next or previous one in a sequence, adds nothing. */
static guint
effective_length (const char *lower,
                  guint      *distinct)
{
  gsize n_bytes = strlen (lower);
  g_autofree guint8 *mask = g_malloc0 (n_bytes + 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gunichar prev = 0;
  guint n = 0;

  mask_common_words (lower, mask);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint8 m = mask[p - lower];

      g_hash_table_add (seen, GUINT_TO_POINTER (c));
      if (m == 2)
        n++;
      else if (m == 0 && (prev == 0 || (c != prev && c != prev + 1 && c + 1 != prev)))
        n++;
      prev = m == 0 ? c : 0;
    }
  *distinct = g_hash_table_size (seen);
  return n;
}

static guint
count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint words = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean letter = g_unichar_isalnum (g_utf8_get_char (p));

      words += letter && !in_word;
      in_word = letter;
    }
  return words;
}

PrPassphraseStrength
pr_passphrase_strength (const char *passphrase)
{
  g_autofree char *lower = NULL;
  guint len, effective, distinct = 0, words;
  double bits;

  g_return_val_if_fail (passphrase != NULL, PR_PASSPHRASE_TOO_SHORT);

  len = g_utf8_strlen (passphrase, -1);
  if (len < PR_STORE_MIN_PASSPHRASE)
    return PR_PASSPHRASE_TOO_SHORT;
  lower = g_utf8_strdown (passphrase, -1);
  effective = effective_length (lower, &distinct);
  words = count_words (passphrase);
  bits = effective * log2 (MAX (pool_size (passphrase), 2.0));
  if (distinct < 6 || effective < 8 || bits < 45.0)
    return PR_PASSPHRASE_WEAK;
  if (len >= 16 && distinct >= 8 && bits >= 75.0 && (words >= 3 || pool_size (passphrase) >= 60.0))
    return PR_PASSPHRASE_STRONG;
  return PR_PASSPHRASE_FAIR;
}

const char *
pr_passphrase_strength_label (PrPassphraseStrength strength)
{
  static const char * const labels[] = {
    [PR_PASSPHRASE_TOO_SHORT] = N_("Too short"),
    /* TRANSLATORS: how hard a passphrase is to guess */
    [PR_PASSPHRASE_WEAK] = N_("Weak"),
    /* TRANSLATORS: how hard a passphrase is to guess */
    [PR_PASSPHRASE_FAIR] = N_("Fair"),
    /* TRANSLATORS: how hard a passphrase is to guess */
    [PR_PASSPHRASE_STRONG] = N_("Strong"),
  };

  g_return_val_if_fail (strength <= PR_PASSPHRASE_STRONG, "");
  return _(labels[strength]);
}

const char *
pr_passphrase_strength_describe (PrPassphraseStrength strength)
{
  static const char * const hints[] = {
    [PR_PASSPHRASE_TOO_SHORT] = N_("Too short: use at least 8 characters."),
    [PR_PASSPHRASE_WEAK] = N_("Weak: a few more words would make it much harder to guess."),
    [PR_PASSPHRASE_FAIR] = N_("Fair: longer is better."),
    [PR_PASSPHRASE_STRONG] = N_("Strong."),
  };

  g_return_val_if_fail (strength <= PR_PASSPHRASE_STRONG, "");
  return _(hints[strength]);
}
