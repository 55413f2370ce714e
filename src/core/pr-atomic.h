/* pr-atomic.h — durable, atomic and write-once file writes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_ATOMIC_ERROR (pr_atomic_error_quark ())

typedef enum {
  PR_ATOMIC_ERROR_IO,           /* the operating system refused (see message) */
  PR_ATOMIC_ERROR_SYMLINK,      /* a state file is a symbolic link */
  PR_ATOMIC_ERROR_EXISTS,       /* write-once target already exists */
  PR_ATOMIC_ERROR_NOT_FOUND,    /* no such file */
  PR_ATOMIC_ERROR_PERMISSION,   /* permission denied */
  PR_ATOMIC_ERROR_NOT_REGULAR,  /* a directory, device, FIFO, … */
  PR_ATOMIC_ERROR_TOO_LARGE,    /* larger than the caller's cap */
} PrAtomicError;

GQuark   pr_atomic_error_quark  (void);

/* Replaces PATH atomically: a temporary file in the same folder is
 * written, fsynced and renamed over PATH, then the folder is fsynced.
 * Refuses (PR_ATOMIC_ERROR_SYMLINK) when PATH is a symbolic link. */
gboolean pr_atomic_write        (const char    *path,
                                 const void    *data,
                                 gsize          len,
                                 GError       **error);

/* Creates PATH with DATA only if it does not exist yet (write-once):
 * the bytes go to a temporary file first and are linked into place, so
 * PATH is never seen half-written. PR_ATOMIC_ERROR_EXISTS if PATH exists. */
gboolean pr_atomic_create_once  (const char    *path,
                                 const void    *data,
                                 gsize          len,
                                 GError       **error);

/* Appends DATA to PATH (created if missing, never through a link);
 * fsyncs the file when DURABLE. On failure PATH is cut back to its
 * size before the call (whatever a full disk let through is removed),
 * so concurrent appenders must hold a lock. */
gboolean pr_atomic_append       (const char    *path,
                                 const void    *data,
                                 gsize          len,
                                 gboolean       durable,
                                 GError       **error);

/* Reads a regular file of at most MAX_SIZE bytes. The size is checked on
 * the open descriptor before anything is read or allocated. When
 * NOFOLLOW, a symbolic link is refused (PR_ATOMIC_ERROR_SYMLINK). */
GBytes  *pr_atomic_read         (const char    *path,
                                 gsize          max_size,
                                 gboolean       nofollow,
                                 GError       **error);

/* Fails with PR_ATOMIC_ERROR_SYMLINK when PATH is a symbolic link;
 * succeeds when it is anything else or does not exist. */
gboolean pr_atomic_check_no_link (const char   *path,
                                  GError      **error);

gboolean pr_atomic_fsync_dir    (const char    *dir,
                                 GError       **error);
/* Makes an existing file's contents durable (links are not followed). */
gboolean pr_atomic_fsync_file   (const char    *path,
                                 GError       **error);

/* Removes the temporary files a crashed writer may have left in DIR. */
void     pr_atomic_clean_dir    (const char    *dir);

/* A batch of write-once files in one folder: each file is written to a
 * temporary file at once (or adopted, see below), and
 * pr_atomic_batch_commit() fsyncs them all, links them into place and
 * fsyncs the folder once. */
typedef struct _PrAtomicBatch PrAtomicBatch;

PrAtomicBatch *pr_atomic_batch_new    (const char     *dir);
/* Queues NAME; returns FALSE only on an I/O error. */
gboolean       pr_atomic_batch_add    (PrAtomicBatch  *batch,
                                       const char     *name,
                                       const void     *data,
                                       gsize           len,
                                       GError        **error);
guint          pr_atomic_batch_size   (PrAtomicBatch  *batch);
/* Makes every queued file durable. A name that already exists keeps its
 * old content (write-once) and is not an error. */
gboolean       pr_atomic_batch_commit (PrAtomicBatch  *batch,
                                       GError        **error);
/* Drops queued files that were not committed. */
void           pr_atomic_batch_free   (PrAtomicBatch  *batch);

/* A file written ahead of its batch, typically on a worker thread: the
 * bytes go to an unnamed file in DIR (O_TMPFILE), or to a hidden
 * temporary name where the file system has no unnamed files. It is
 * neither durable nor visible until a batch adopts and commits it;
 * freeing it drops it (an unnamed file vanishes without any change to
 * the folder, and so it does on a crash). Creating and freeing one are
 * safe from any thread; each one is used by one thread at a time. */
typedef struct _PrAtomicPending PrAtomicPending;

PrAtomicPending *pr_atomic_pending_new  (const char       *dir,
                                         const void       *data,
                                         gsize             len,
                                         GError          **error);
void             pr_atomic_pending_free (PrAtomicPending  *pending);
/* Queues PENDING (taken, even on failure) as NAME, like
 * pr_atomic_batch_add() without writing anything: PENDING must have been
 * made for the folder of BATCH. */
gboolean       pr_atomic_batch_adopt  (PrAtomicBatch    *batch,
                                       const char       *name,
                                       PrAtomicPending  *pending,
                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrAtomicBatch, pr_atomic_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrAtomicPending, pr_atomic_pending_free)

G_END_DECLS
