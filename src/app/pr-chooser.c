/* pr-chooser.c — what a file chooser's response gave
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-chooser.h"

GFile *
pr_chooser_take_file (GtkFileChooserNative **chooser,
                      int                    response)
{
  GFile *file = NULL;

  g_return_val_if_fail (chooser != NULL && GTK_IS_FILE_CHOOSER_NATIVE (*chooser), NULL);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (*chooser));
  g_clear_object (chooser);
  return file;
}

char *
pr_chooser_take_path (GtkFileChooserNative **chooser,
                      int                    response)
{
  g_autoptr(GFile) file = pr_chooser_take_file (chooser, response);

  return file != NULL ? g_file_get_path (file) : NULL;
}
