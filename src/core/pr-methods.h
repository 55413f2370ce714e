/* pr-methods.h — aggregation methods over a profile (DESIGN §5)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-borda.h"
#include "pr-kemeny.h"
#include "pr-method-result.h"
#include "pr-plackett-luce.h"
#include "pr-profile.h"

G_BEGIN_DECLS

/* Stable machine tokens ("borda", "ranked_pairs", …), never translated. */
const char *pr_method_to_string   (PrMethod    method);
gboolean    pr_method_from_string (const char *text,
                                   PrMethod   *out);
/* Human name for tables, translated. */
const char *pr_method_get_label   (PrMethod    method);

/* Runs one method. Borda and Plackett–Luce always use ignore semantics
 * (DESIGN §5) whatever `treatment` says. */
PrMethodResult *pr_method_run         (PrMethod     method,
                                       PrProfile   *profile,
                                       PrTreatment  treatment);

PrMethodResult *pr_copeland           (const guint *N,
                                       guint        n);
PrMethodResult *pr_schulze            (const guint *N,
                                       guint        n);
PrMethodResult *pr_ranked_pairs       (const guint *N,
                                       guint        n);

/* Whether the "a beat b" graph (an edge where N[a * n + b] > 0) is
 * strongly connected; with `components` set, fills component[c] with the
 * index of c's strongly connected component, numbered in order of their
 * first member, and returns the count through `n_components`. */
gboolean        pr_pairwise_strongly_connected (const guint *N,
                                                guint        n,
                                                guint       *component,
                                                guint       *n_components);

G_END_DECLS
