/* pr-file-router.c — find out what kind of Peer Rank file a GFile is
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-file-router.h"

/* A round is a folder holding round.json; everything else is told apart
 * by its first bytes. Both need blocking I/O (a file may sit on a slow
 * network share), so this runs in a worker thread. */
static PrFileKind
sniff_folder (GFile         *folder,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) manifest = g_file_get_child (folder, "round.json");
  GFileType type = g_file_query_file_type (manifest, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable);

  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This folder holds no Peer Rank round"));
      return PR_FILE_KIND_UNKNOWN;
    }

  return PR_FILE_KIND_ROUND;
}

static PrFileKind
sniff_file (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) head = NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return PR_FILE_KIND_UNKNOWN;

  head = g_input_stream_read_bytes (G_INPUT_STREAM (stream), PR_FILE_KIND_SNIFF_LEN,
                                    cancellable, error);
  if (head == NULL)
    return PR_FILE_KIND_UNKNOWN;

  return pr_file_kind_sniff (g_bytes_get_data (head, NULL), g_bytes_get_size (head));
}

static void
sniff_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = source_object;
  GError *error = NULL;
  PrFileKind kind;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    kind = sniff_folder (file, cancellable, &error);
  else
    kind = sniff_file (file, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, kind);
}

void
pr_file_router_sniff_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, pr_file_router_sniff_async);
  g_task_run_in_thread (task, sniff_thread);
}

PrFileKind
pr_file_router_sniff_finish (GFile         *file,
                             GAsyncResult  *result,
                             GError       **error)
{
  gssize kind;

  g_return_val_if_fail (g_task_is_valid (result, file), PR_FILE_KIND_UNKNOWN);

  kind = g_task_propagate_int (G_TASK (result), error);

  return kind < 0 ? PR_FILE_KIND_UNKNOWN : (PrFileKind) kind;
}
