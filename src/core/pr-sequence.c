/* pr-sequence.c — the last ballot sequence number used per invitation
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-sequence.h"
#include "pr-store.h"

/* A sequence file holds one decimal number and a newline. */
#define MAX_SEQUENCE_FILE 64

char *
pr_sequence_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "peer-rank", "sequences", NULL);
}

/* The invitation id may be anything; its hash makes a safe file name. */
static char *
sequence_path (const char *dir,
               const char *invitation_id)
{
  guint8 hash[16];
  char hex[sizeof hash * 2 + 1];
  g_autofree char *name = NULL;

  crypto_generichash (hash, sizeof hash, (const guint8 *) invitation_id,
                      strlen (invitation_id), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  name = g_strconcat (hex, ".seq", NULL);
  return g_build_filename (dir, name, NULL);
}

static gboolean
read_last (const char  *path,
           guint64     *last_out,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = pr_atomic_read (path, MAX_SEQUENCE_FILE, TRUE, &local_error);
  g_autofree char *text = NULL;
  guint64 value = 0;

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_FOUND))
        {
          *last_out = 0;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_strchomp (text);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The ballot counter %s is damaged; delete it to start again."), display);
      return FALSE;
    }
  *last_out = value;
  return TRUE;
}

gboolean
pr_sequence_last (const char  *dir,
                  const char  *invitation_id,
                  guint64     *last_out,
                  GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (invitation_id != NULL, FALSE);
  g_return_val_if_fail (last_out != NULL, FALSE);

  if (dir == NULL)
    dir = default_dir = pr_sequence_default_dir ();
  path = sequence_path (dir, invitation_id);
  return read_last (path, last_out, error);
}

/* Takes an exclusive lock on PATH.lock (created once, never removed, so
 * that every process locks the same file), waiting for other holders:
 * read, increment and write happen under it, so seals running at the
 * same time from one invitation never share a number. Returns the open
 * descriptor (closing it releases the lock) or -1. */
static int
lock_counter (const char  *path,
              GError     **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd = open (lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  int rc;

  if (fd >= 0)
    {
      while ((rc = flock (fd, LOCK_EX)) != 0 && errno == EINTR)
        ;
      if (rc == 0)
        return fd;
    }
  {
    int saved = errno;
    g_autofree char *display = g_filename_display_name (lock_path);

    if (fd >= 0)
      close (fd);
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("The ballot counter %s cannot be locked: %s"), display, g_strerror (saved));
  }
  return -1;
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  int saved;
  g_autofree char *display = NULL;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;
  saved = errno;
  display = g_filename_display_name (dir);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not create the folder %s: %s"), display, g_strerror (saved));
  return FALSE;
}

gboolean
pr_sequence_next (const char  *dir,
                  const char  *invitation_id,
                  guint64     *sequence_out,
                  GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint64 last = 0;
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  guint64 next = 0;
  gboolean ok;
  int lock_fd;

  g_return_val_if_fail (invitation_id != NULL, FALSE);
  g_return_val_if_fail (sequence_out != NULL, FALSE);

  if (dir == NULL)
    dir = default_dir = pr_sequence_default_dir ();
  if (!ensure_dir (dir, error))
    return FALSE;
  path = sequence_path (dir, invitation_id);
  if ((lock_fd = lock_counter (path, error)) < 0)
    return FALSE;
  ok = read_last (path, &last, error);
  if (ok)
    {
      next = MAX (last == G_MAXUINT64 ? last : last + 1, now);
      /* A number sealed while the clock was far ahead would make every
       * later ballot look dated in the future (and be flagged): beyond
       * what a round accepts, the clock as it is now wins. */
      if (next > now + PR_STORE_FLAG_AHEAD_SECONDS)
        next = now;
      text = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", next);
      ok = pr_atomic_write (path, text, strlen (text), error);
    }
  close (lock_fd);
  if (ok)
    *sequence_out = next;
  return ok;
}
