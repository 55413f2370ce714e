/* pr-atomic.c — durable, atomic and write-once file writes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* For syncfs() and O_TMPFILE, Linux extensions. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-atomic.h"

#define TEMP_PREFIX ".pr-tmp-"

G_DEFINE_QUARK (pr-atomic-error-quark, pr_atomic_error)

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  PrAtomicError code = PR_ATOMIC_ERROR_IO;
  g_autofree char *display = g_filename_display_name (path);

  switch (saved_errno)
    {
    case ENOENT: case ENOTDIR:
      code = PR_ATOMIC_ERROR_NOT_FOUND;
      break;
    case EACCES: case EPERM:
      code = PR_ATOMIC_ERROR_PERMISSION;
      break;
    case ELOOP:
      code = PR_ATOMIC_ERROR_SYMLINK;
      break;
    case EEXIST:
      code = PR_ATOMIC_ERROR_EXISTS;
      break;
    case EISDIR:
      code = PR_ATOMIC_ERROR_NOT_REGULAR;
      break;
    default:
      break;
    }
  /* TRANSLATORS: %s is a file name, the second %s the system's reason */
  g_set_error (error, PR_ATOMIC_ERROR, code, _("%s: %s"), display, g_strerror (saved_errno));
}

static gboolean
write_all (int          fd,
           const void  *data,
           gsize        len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        errno = EIO;  /* nothing written, and no reason given */
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
fsync_path (const char  *path,
            int          flags,
            GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | flags);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_errno_error (error, saved, path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
pr_atomic_fsync_dir (const char  *dir,
                     GError     **error)
{
  return fsync_path (dir, O_DIRECTORY, error);
}

gboolean
pr_atomic_fsync_file (const char  *path,
                      GError     **error)
{
  return fsync_path (path, O_NOFOLLOW | O_NONBLOCK, error);
}

gboolean
pr_atomic_check_no_link (const char  *path,
                         GError     **error)
{
  struct stat st;

  if (lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_SYMLINK,
                   _("%s is a symbolic link; Peer Rank does not follow links in a round folder."),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Writes DATA into a new temporary file in DIR and returns its open
 * descriptor (not yet fsynced) and name, or -1. */
static int
write_temp (const char   *dir,
            const void   *data,
            gsize         len,
            char        **tmp_path_out,
            GError      **error)
{
  g_autofree char *tmp_path = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      set_errno_error (error, errno, dir);
      return -1;
    }
  if (!write_all (fd, data, len))
    {
      set_errno_error (error, errno != 0 ? errno : EIO, tmp_path);
      close (fd);
      g_unlink (tmp_path);
      return -1;
    }
  *tmp_path_out = g_steal_pointer (&tmp_path);
  return fd;
}

static gboolean
sync_and_close (int          fd,
                const char  *tmp_path,
                GError     **error)
{
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, tmp_path);
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
pr_atomic_write (const char  *path,
                 const void  *data,
                 gsize        len,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!pr_atomic_check_no_link (path, error))
    return FALSE;
  fd = write_temp (dir, data, len, &tmp_path, error);
  if (fd < 0 || !sync_and_close (fd, tmp_path, error))
    return FALSE;
  if (rename (tmp_path, path) != 0)
    {
      set_errno_error (error, errno, path);
      g_unlink (tmp_path);
      return FALSE;
    }
  return pr_atomic_fsync_dir (dir, error);
}

gboolean
pr_atomic_append (const char  *path,
                  const void  *data,
                  gsize        len,
                  gboolean     durable,
                  GError     **error)
{
  int fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  struct stat st;

  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, path);
      close (fd);
      return FALSE;
    }
  if (!write_all (fd, data, len) || (durable && fsync (fd) != 0))
    {
      int saved = errno != 0 ? errno : EIO;

      /* A full disk can take part of DATA: take it back, so that the
       * file holds all of it or none (the journal's lines are then
       * exactly the ones reported). The caller holds the file's lock. */
      if (ftruncate (fd, st.st_size) == 0 && durable)
        (void) fsync (fd);
      set_errno_error (error, saved, path);
      close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
check_opened (int           fd,
              const char   *path,
              gsize         max_size,
              struct stat  *st,
              GError      **error)
{
  g_autofree char *display = g_filename_display_name (path);

  if (fstat (fd, st) != 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_NOT_REGULAR,
                   _("%s is not a regular file."), display);
      return FALSE;
    }
  if ((guint64) st->st_size > max_size)
    {
      g_set_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_TOO_LARGE,
                   _("%s is too large (%" G_GUINT64_FORMAT " bytes; at most %" G_GSIZE_FORMAT
                     " are allowed)."),
                   display, (guint64) st->st_size, max_size);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
read_fd (int          fd,
         const char  *path,
         gsize        max_size,
         GError     **error)
{
  /* One byte more than allowed, to notice a file that grew after fstat. */
  g_autofree guint8 *buf = g_malloc (max_size + 1);
  gsize total = 0;

  for (;;)
    {
      ssize_t n = read (fd, buf + total, max_size + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, path);
          return NULL;
        }
      if (n == 0)
        break;
      total += (gsize) n;
      if (total > max_size)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PR_ATOMIC_ERROR, PR_ATOMIC_ERROR_TOO_LARGE,
                       _("%s grew beyond the allowed size while it was read."), display);
          return NULL;
        }
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&buf), MAX (total, 1)), total);
}

GBytes *
pr_atomic_read (const char  *path,
                gsize        max_size,
                gboolean     nofollow,
                GError     **error)
{
  struct stat st;
  GBytes *bytes;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_NONBLOCK so that a FIFO cannot make us wait forever; O_NOFOLLOW
   * refuses a link (ELOOP) without an lstat() of every file. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0)
    {
      int saved = errno;

      /* The sentence for a link when it is one. */
      if (!(nofollow && saved == ELOOP && !pr_atomic_check_no_link (path, error)))
        set_errno_error (error, saved, path);
      return NULL;
    }
  if (!check_opened (fd, path, max_size, &st, error))
    {
      close (fd);
      return NULL;
    }
  bytes = read_fd (fd, path, MIN (max_size, (gsize) st.st_size + 4096), error);
  close (fd);
  return bytes;
}

void
pr_atomic_clean_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, TEMP_PREFIX))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
    }
}

/* ---- unnamed files written ahead ---- */

struct _PrAtomicPending {
  char *dir;
  char *tmp_path;  /* NULL for an unnamed (O_TMPFILE) file */
  int   fd;
};

/* An unnamed file is linked into place through /proc/self/fd, which
 * needs no privilege (AT_EMPTY_PATH does). */
static gboolean
unnamed_files_usable (void)
{
  static gsize usable = 0;

  if (g_once_init_enter (&usable))
    g_once_init_leave (&usable, access ("/proc/self/fd", X_OK) == 0 ? 1 : 2);
  return usable == 1;
}

/* -1 with errno EOPNOTSUPP, EISDIR or EINVAL when there are no unnamed
 * files in DIR's file system (or no /proc to link them through). */
static int
open_unnamed (const char *dir)
{
#ifdef O_TMPFILE
  if (unnamed_files_usable ())
    return open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
  errno = EOPNOTSUPP;
  return -1;
}

PrAtomicPending *
pr_atomic_pending_new (const char  *dir,
                       const void  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(PrAtomicPending) pending = g_new0 (PrAtomicPending, 1);
  int saved;

  g_return_val_if_fail (dir != NULL, NULL);

  pending->dir = g_strdup (dir);
  pending->fd = open_unnamed (dir);
  saved = errno;
  if (pending->fd < 0 && (saved == EOPNOTSUPP || saved == EISDIR || saved == EINVAL))
    {
      pending->fd = write_temp (dir, data, len, &pending->tmp_path, error);
      return pending->fd < 0 ? NULL : g_steal_pointer (&pending);
    }
  if (pending->fd < 0)
    {
      set_errno_error (error, saved, dir);
      return NULL;
    }
  if (!write_all (pending->fd, data, len))
    {
      set_errno_error (error, errno != 0 ? errno : EIO, dir);
      return NULL;
    }
  return g_steal_pointer (&pending);
}

void
pr_atomic_pending_free (PrAtomicPending *pending)
{
  if (pending == NULL)
    return;
  /* The last descriptor of an unnamed file takes the file with it. */
  if (pending->fd >= 0)
    close (pending->fd);
  if (pending->tmp_path != NULL)
    g_unlink (pending->tmp_path);
  g_free (pending->tmp_path);
  g_free (pending->dir);
  g_free (pending);
}

/* ---- batches ---- */

typedef struct {
  char *name;
  char *tmp_path;  /* NULL for an unnamed file */
  int   fd;
} BatchItem;

struct _PrAtomicBatch {
  char   *dir;
  GArray *items;
};

static void
batch_item_clear (gpointer data)
{
  BatchItem *item = data;

  if (item->fd >= 0)
    close (item->fd);
  if (item->tmp_path != NULL)
    g_unlink (item->tmp_path);
  g_free (item->tmp_path);
  g_free (item->name);
}

PrAtomicBatch *
pr_atomic_batch_new (const char *dir)
{
  PrAtomicBatch *batch = g_new0 (PrAtomicBatch, 1);

  batch->dir = g_strdup (dir);
  batch->items = g_array_new (FALSE, TRUE, sizeof (BatchItem));
  g_array_set_clear_func (batch->items, batch_item_clear);
  return batch;
}

gboolean
pr_atomic_batch_add (PrAtomicBatch  *batch,
                     const char     *name,
                     const void     *data,
                     gsize           len,
                     GError        **error)
{
  PrAtomicPending *pending;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);

  pending = pr_atomic_pending_new (batch->dir, data, len, error);
  return pending != NULL && pr_atomic_batch_adopt (batch, name, pending, error);
}

gboolean
pr_atomic_batch_adopt (PrAtomicBatch    *batch,
                       const char       *name,
                       PrAtomicPending  *pending,
                       GError          **error)
{
  g_autoptr(PrAtomicPending) owned = pending;
  BatchItem item = { NULL, NULL, -1 };

  g_return_val_if_fail (batch != NULL && pending != NULL, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);
  g_return_val_if_fail (g_str_equal (pending->dir, batch->dir), FALSE);

  item.name = g_strdup (name);
  item.tmp_path = g_steal_pointer (&owned->tmp_path);
  item.fd = owned->fd;
  owned->fd = -1;
  g_array_append_val (batch->items, item);
  return TRUE;
}

guint
pr_atomic_batch_size (PrAtomicBatch *batch)
{
  return batch->items->len;
}

/* Makes the data of every file in the group durable. On ext4 each
 * fsync() waits for a journal commit of its own (about 0.4 ms here), which
 * made a 10,000-file import spend most of its time flushing; one syncfs()
 * flushes the whole group, and whatever else is pending on that file
 * system, at once. Kernels before 5.8 do not report write-back errors
 * through syncfs(), and on any error we fall back to an fsync() per file,
 * which names the file that failed. */
static gboolean
batch_sync_data (PrAtomicBatch  *batch,
                 GError        **error)
{
#ifdef HAVE_SYNCFS
  if (batch->items->len > 1 &&
      syncfs (g_array_index (batch->items, BatchItem, 0).fd) == 0)
    return TRUE;
#endif

  for (guint i = 0; i < batch->items->len; i++)
    {
      BatchItem *item = &g_array_index (batch->items, BatchItem, i);

      if (fsync (item->fd) != 0)
        {
          set_errno_error (error, errno, item->tmp_path != NULL ? item->tmp_path : batch->dir);
          return FALSE;
        }
    }

  return TRUE;
}

/* Set once linkat() refused AT_EMPTY_PATH: before Linux 6.10 it needs
 * CAP_DAC_READ_SEARCH. */
static gint empty_path_refused = 0;

/* Gives a complete file its final name in the folder open as DIR_FD: one
 * directory operation for an unnamed file. */
static int
link_item_fd (int         fd,
              const char *tmp_path,
              int         dir_fd,
              const char *name)
{
  char proc_path[64];

  if (tmp_path != NULL)
    return linkat (AT_FDCWD, tmp_path, dir_fd, name, 0);
  if (!g_atomic_int_get (&empty_path_refused))
    {
      /* Spares the lookup of a path in /proc. */
      int rc = linkat (fd, "", dir_fd, name, AT_EMPTY_PATH);

      if (rc == 0 || (errno != ENOENT && errno != EPERM))
        return rc;
      g_atomic_int_set (&empty_path_refused, 1);
    }
  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  return linkat (AT_FDCWD, proc_path, dir_fd, name, AT_SYMLINK_FOLLOW);
}

static int
link_item (const BatchItem *item,
           int              dir_fd)
{
  return link_item_fd (item->fd, item->tmp_path, dir_fd, item->name);
}

static gboolean
batch_link_all (PrAtomicBatch  *batch,
                int             dir_fd,
                GError        **error)
{
  for (guint i = 0; i < batch->items->len; i++)
    {
      BatchItem *item = &g_array_index (batch->items, BatchItem, i);

      if (link_item (item, dir_fd) != 0 && errno != EEXIST)
        {
          int saved = errno;
          g_autofree char *path = g_build_filename (batch->dir, item->name, NULL);

          set_errno_error (error, saved, path);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pr_atomic_batch_commit (PrAtomicBatch  *batch,
                        GError        **error)
{
  gboolean ok;
  int dir_fd;

  g_return_val_if_fail (batch != NULL, FALSE);

  if (!batch_sync_data (batch, error))
    return FALSE;
  dir_fd = open (batch->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      set_errno_error (error, errno, batch->dir);
      return FALSE;
    }
  ok = batch_link_all (batch, dir_fd, error);
  if (ok)
    {
      /* Drops the temporary names and closes every descriptor. */
      g_array_set_size (batch->items, 0);
      if (fsync (dir_fd) != 0)
        {
          set_errno_error (error, errno, batch->dir);
          ok = FALSE;
        }
    }
  close (dir_fd);
  return ok;
}

void
pr_atomic_batch_free (PrAtomicBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->items);
  g_free (batch->dir);
  g_free (batch);
}

/* ---- write-once files ---- */

/* Write-once through an unnamed file where the file system has them: a
 * process killed half-way leaves nothing behind in the folder (which may
 * be the user's own, e.g. for a re-issued invitation). */
gboolean
pr_atomic_create_once (const char  *path,
                       const void  *data,
                       gsize        len,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(PrAtomicPending) pending = NULL;
  struct stat st;
  int dir_fd, rc, saved;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &st) == 0)
    {
      set_errno_error (error, EEXIST, path);
      return FALSE;
    }
  if ((pending = pr_atomic_pending_new (dir, data, len, error)) == NULL)
    return FALSE;
  if (fsync (pending->fd) != 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      set_errno_error (error, errno, dir);
      return FALSE;
    }
  rc = link_item_fd (pending->fd, pending->tmp_path, dir_fd, name);
  saved = errno;
  if (rc == 0 && fsync (dir_fd) != 0)
    {
      rc = -1;
      saved = errno;
    }
  close (dir_fd);
  if (rc != 0)
    {
      set_errno_error (error, saved, path);
      return FALSE;
    }
  return TRUE;
}
