/* pr-results-text.h — a tally as a table for a terminal, and the words
 * every output uses for it
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-methods.h"
#include "pr-profile.h"
#include "pr-results-table.h"
#include "pr-results.h"
#include "pr-stats.h"

G_BEGIN_DECLS

/* A table for a terminal in the table's order: placed people, then
 * those too few raters place. @table NULL: pr_results_get_table(). */
char       *pr_results_to_text        (const PrResults      *results,
                                       const PrResultsTable *table);
/* A row's flags in words, comma-separated, translated; "" for none. */
char       *pr_results_format_flags   (PrTableFlags     flags);
/* One sentence saying what the method's score means, translated. */
const char *pr_results_describe_score (PrMethod         method);
/* Whether a Kemeny order is proven the best or approximate, with its
 * distance and lower bound, in one translated sentence: the window, the
 * text output and the report all say it wherever the order appears. */
char       *pr_results_describe_kemeny (const PrMethodResult *kemeny);
/* What a strongly connected component's role means for its @n_people,
 * translated; NULL for PR_COMPONENT_MIXED (nothing to say). */
char       *pr_results_describe_role  (PrComponentRole  role,
                                       guint            n_people);
/* The names of @people, comma-separated. */
char       *pr_results_join_names     (PrProfile       *profile,
                                       const guint     *people,
                                       guint            n);
/* The heading of the unplaced people, and what it means. */
const char *pr_results_unplaced_title (void);
char       *pr_results_unplaced_text  (guint            min_raters);

G_END_DECLS
