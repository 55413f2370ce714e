/* pr-report.h — the results of a round as a paginated PDF
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-position-histogram.h"
#include "pr-results.h"

G_BEGIN_DECLS

typedef struct {
  const char *title;        /* the round's title, or the PrefLib file's name */
  const char *fingerprint;  /* the round fingerprint; NULL for a PrefLib file */
  const char *source;       /* the PrefLib file's name (without fingerprint) */
  guint       n_members;    /* people on the roster (0: the profile's candidates) */
  GDateTime  *date;         /* NULL: now */
} PrReportInfo;

/* An A4 PDF of at least two pages: title, fingerprint, date,
 * participation, the results table in the primary method's order (as
 * `tally`'s text table), the charts, the method and its limits, coverage
 * warnings; page numbers on every page, text selectable. @results needs
 * the primary method's positions; with a bootstrap, @histogram (may be
 * NULL) adds the distribution chart. No per-person breakdown of anyone
 * under min_raters raters (DESIGN §6). */
GBytes *pr_report_render (const PrReportInfo         *info,
                          const PrResults            *results,
                          const PrPositionHistogram  *histogram,
                          GError                    **error);

G_END_DECLS
