/* pr-position-histogram.h — how often each person took each position
 * over the bootstrap resamples
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-results.h"

G_BEGIN_DECLS

typedef struct {
  guint    n;          /* candidates */
  guint    resamples;
  guint64  seed;
  guint   *counts;     /* counts[c * n + (position - 1)]: resamples that put
                        * candidate c at that position */
} PrPositionHistogram;

/* The full distribution behind results->bootstrap (counted from its
 * positions), so its nearest-rank 5th, 50th and 95th percentiles are
 * exactly results->bootstrap's low, median and high. Needs results
 * computed with a bootstrap. Fails only when cancelled. */
PrPositionHistogram *pr_position_histogram_compute (const PrResults      *results,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* The nearest-rank percentile (DESIGN §5) of candidate @c's positions. */
guint                pr_position_histogram_percentile (const PrPositionHistogram *histogram,
                                                       guint                      c,
                                                       guint                      percent);
void                 pr_position_histogram_free    (PrPositionHistogram  *histogram);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrPositionHistogram, pr_position_histogram_free)

G_END_DECLS
