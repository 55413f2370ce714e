/* pr-text.h — characters that hide, reorder or control text
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Control, format, separator, bidirectional and invisible characters:
 * what can make one text display as another, or drive a terminal. */
gboolean  pr_text_is_hidden_char     (gunichar    c);

/* Whether @text contains a pr_text_is_hidden_char() other than those
 * in @allowed (nullable, e.g. "\n\t"). */
gboolean  pr_text_has_hidden_chars   (const char *text,
                                      const char *allowed);

/* @text (any bytes, e.g. a file name) safe to print on a terminal:
 * hidden characters become \uXXXX, control bytes and bytes that are not
 * UTF-8 \xNN, and a backslash \\; everything else is kept. */
char     *pr_text_escape_terminal    (const char *text);

G_END_DECLS
