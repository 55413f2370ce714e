/* pr-report.h — the results of a round as a paginated PDF
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-results-analysis.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

typedef struct {
  const char *title;        /* the round's title, or the PrefLib file's name */
  const char *fingerprint;  /* the round fingerprint; NULL for a PrefLib file */
  const char *source;       /* the PrefLib file's name (without fingerprint) */
  guint       n_members;    /* people on the roster (0: the profile's candidates) */
  GDateTime  *date;         /* NULL: now */
  gboolean    appendix;     /* add the organizer's appendix: influence and
                             * integrity flags (they name raters) */
} PrReportInfo;

/* An A4 PDF of at least two pages: title, fingerprint, date,
 * participation, the results table @table (NULL: the results' own) with
 * its unplaced people apart and every column explained, coverage, the
 * charts, the method and its limits, and with info->appendix and a
 * complete analysis the organizer's appendix; page numbers on every
 * page, text selectable. The results need the primary method's
 * positions; the analysis's histogram adds the distribution chart. Above
 * 40 people the report is compact: closest rivals instead of the matrix,
 * no distribution or per-method table. No figure from fewer ballots than
 * min_raters (DESIGN §6). */
GBytes *pr_report_render (const PrReportInfo       *info,
                          const PrResultsAnalysis  *analysis,
                          const PrResultsTable     *table,
                          GError                  **error);

G_END_DECLS
