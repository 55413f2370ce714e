/* pr-chart-private.h — what the report needs to know of a chart's layout
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-chart.h"

G_BEGIN_DECLS

/* The rows (or matrix rows) of the last layout: the first starts at
 * @top, each is @row_height high. A chart split across pages is cut
 * between rows. */
void pr_chart_get_rows (PrChart *chart,
                        double  *top,
                        double  *row_height,
                        guint   *n_rows);

G_END_DECLS
