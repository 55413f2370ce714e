/* pr-output.c — where commands may write their output files
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "pr-atomic.h"
#include "pr-file-kind.h"
#include "pr-format.h"
#include "pr-output.h"

G_DEFINE_QUARK (pr-output-error-quark, pr_output_error)

/* The kind of the Peer Rank file at @path; UNKNOWN when it is none, is
 * not a regular file, or cannot be read. */
static PrFileKind
sniff_path (const char *path)
{
  g_autoptr(GBytes) bytes = pr_atomic_read (path, 64 * 1024 * 1024, FALSE, NULL);

  if (bytes == NULL)
    return PR_FILE_KIND_UNKNOWN;
  return pr_file_kind_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
is_round_folder (const char *dir)
{
  g_autofree char *round = g_build_filename (dir, PR_ROUND_FILE, NULL);

  return sniff_path (round) == PR_FILE_KIND_ROUND;
}

/* The round folder @path lies in (resolving links as far as the path
 * exists), or NULL. */
static char *
find_enclosing_round (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);

  for (;;)
    {
      char *real = realpath (dir, NULL);
      char *parent;

      if (real != NULL)
        {
          gboolean found = is_round_folder (real);

          free (real);
          if (found)
            return g_steal_pointer (&dir);
        }
      parent = g_path_get_dirname (dir);
      if (g_str_equal (parent, dir))
        {
          g_free (parent);
          return NULL;
        }
      g_free (dir);
      dir = parent;
    }
}

gboolean
pr_output_check (const char  *path,
                 gboolean     replace,
                 GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *round = NULL;
  struct stat st;
  PrFileKind kind;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if ((round = find_enclosing_round (path)) != NULL)
    {
      g_autofree char *round_display = g_filename_display_name (round);

      g_set_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_INSIDE_ROUND,
                   _("%s is inside the round folder %s, which only Peer Rank’s own round "
                     "store writes to; choose a file outside it."), display, round_display);
      return FALSE;
    }
  if (lstat (path, &st) != 0)
    return TRUE;
  kind = sniff_path (path);
  if (kind == PR_FILE_KIND_INVITATION || kind == PR_FILE_KIND_KEY || kind == PR_FILE_KIND_ROUND)
    {
      if (kind == PR_FILE_KIND_INVITATION)
        g_set_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_SECRET,
                     _("%s is a member’s invitation, a personal secret; Peer Rank never "
                       "replaces one, even when asked to. Choose another file."), display);
      else if (kind == PR_FILE_KIND_KEY)
        g_set_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_SECRET,
                     _("%s is a round’s key file; Peer Rank never replaces one, even when "
                       "asked to. Choose another file."), display);
      else
        g_set_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_SECRET,
                     _("%s is a round’s round.json; Peer Rank never replaces one, even when "
                       "asked to. Choose another file."), display);
      return FALSE;
    }
  if (!replace)
    {
      g_set_error (error, PR_OUTPUT_ERROR, PR_OUTPUT_ERROR_EXISTS,
                   _("%s already exists; choose another file or allow replacing it."),
                   display);
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_output_write (const char  *path,
                 const void  *data,
                 gsize        len,
                 gboolean     replace,
                 GError     **error)
{
  struct stat st;

  if (!pr_output_check (path, replace, error))
    return FALSE;
  if (replace && lstat (path, &st) == 0)
    return pr_atomic_write (path, data, len, error);
  return pr_atomic_create_once (path, data, len, error);
}
