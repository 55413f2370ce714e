/* pr-roster-editor.h — the members of a new round, edited by hand,
 * pasted or imported from a spreadsheet's CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_ROSTER_EDITOR (pr_roster_editor_get_type ())

G_DECLARE_FINAL_TYPE (PrRosterEditor, pr_roster_editor, PR, ROSTER_EDITOR, AdwBin)

guint    pr_roster_editor_get_n          (PrRosterEditor  *self);
/* Appends a member; @email may be NULL. */
void     pr_roster_editor_add            (PrRosterEditor  *self,
                                          const char      *name,
                                          const char      *email);
/* Reads names (one per line) or, with @csv, a spreadsheet's CSV through
 * the core's roster reader, and appends the good entries; each refused
 * line is listed with its reason (pr_roster_editor_get_refused()).
 * FALSE with @error when the whole text is unusable. */
gboolean pr_roster_editor_add_text       (PrRosterEditor  *self,
                                          const char      *text,
                                          gsize            len,
                                          gboolean         csv,
                                          guint           *n_added,
                                          GError         **error);
/* The refused lines of the last paste or import, one per line; "" if none. */
const char *pr_roster_editor_get_refused (PrRosterEditor  *self);
/* Names and e-mail addresses ("" for none) in roster order, trimmed. */
GStrv    pr_roster_editor_dup_names      (PrRosterEditor  *self);
GStrv    pr_roster_editor_dup_emails     (PrRosterEditor  *self);
/* Checks the roster as the core will: count, names, duplicates, addresses. */
gboolean pr_roster_editor_validate       (PrRosterEditor  *self,
                                          GError         **error);

G_END_DECLS
