/* pr-results-json.h — a tally as DESIGN §7's JSON, with its table
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pr-results.h"
#include "pr-results-table.h"

G_BEGIN_DECLS

/* The writers render @table (NULL: pr_results_get_table()). */

/* DESIGN §7 `tally --format json`, one line with a final newline. */
char      *pr_results_to_json (const PrResults      *results,
                               const PrResultsTable *table);
/* The members of that JSON object, added to @builder's open object, for
 * writers that add more (`tally --diagnostics`). */
void       pr_results_add_json_members (JsonBuilder          *builder,
                                        const PrResults      *results,
                                        const PrResultsTable *table);
/* @builder's root as one line with a final newline. */
char      *pr_results_json_finish      (JsonBuilder          *builder);

G_END_DECLS
