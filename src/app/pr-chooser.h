/* pr-chooser.h — what a file chooser's response gave
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a chooser's "response" handler: the file chosen (NULL unless
 * @response is GTK_RESPONSE_ACCEPT), and the owner's reference to the
 * chooser in *@chooser dropped. */
GFile *pr_chooser_take_file (GtkFileChooserNative **chooser,
                             int                    response);
/* The same as a local path: NULL also for a place that is not on this
 * computer. */
char  *pr_chooser_take_path (GtkFileChooserNative **chooser,
                             int                    response);

G_END_DECLS
