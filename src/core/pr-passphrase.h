/* pr-passphrase.h — how hard a passphrase is to guess, roughly
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PR_PASSPHRASE_TOO_SHORT,   /* fewer than PR_STORE_MIN_PASSPHRASE characters */
  PR_PASSPHRASE_WEAK,
  PR_PASSPHRASE_FAIR,
  PR_PASSPHRASE_STRONG,
} PrPassphraseStrength;

/* A rough hint, not a promise. Common passwords and keyboard runs, repeats
 * ("aaaa", "abab") and sequences ("1234", "abcd") count for little; only
 * a long passphrase of several words or of varied characters is strong. */
PrPassphraseStrength pr_passphrase_strength          (const char           *passphrase);
/* "Too short", "Weak", "Fair", "Strong" (translated). */
const char          *pr_passphrase_strength_label    (PrPassphraseStrength  strength);
/* A sentence saying what to do about it (translated). */
const char          *pr_passphrase_strength_describe (PrPassphraseStrength  strength);

G_END_DECLS
