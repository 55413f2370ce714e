/* pr-watch.h — a watched ballot box: folders whose new files are imported
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file counts as complete once its size, modification time and inode
 * have not changed for this long (a sync tool or a mail client may write
 * it in pieces), and folders are listed again this often: a network or
 * FUSE file system may send no events at all. */
#define PR_WATCH_SETTLE_MS  2000
#define PR_WATCH_RESCAN_MS  10000

typedef enum {
  PR_WATCH_NAME_IGNORED,   /* hidden, temporary, or not ours */
  PR_WATCH_NAME_BALLOT,    /* a ballot file name (.json) */
  PR_WATCH_NAME_MAIL,      /* a mail file name (.eml, .mbox) */
} PrWatchName;

/* What a file name in a watched folder is. Hidden names (".x", which
 * is how Syncthing, Nextcloud, rsync and Dropbox name files they are
 * still writing), lock files ("~$x") and partial downloads (".part",
 * ".crdownload", ".tmp", …) are ignored. A sync tool's conflict copy
 * ("x.sync-conflict-20260301-101010-ABCD.json", "x (conflicted copy
 * 2026-03-01).json", "x.json.conflict") is read like any other file —
 * the ballot in it decides — and @conflict (nullable) says it is one. */
PrWatchName  pr_watch_classify_name (const char *name,
                                     gboolean   *conflict);

#define PR_TYPE_WATCH (pr_watch_get_type ())

G_DECLARE_FINAL_TYPE (PrWatch, pr_watch, PR, WATCH, GObject)

/* Watches @folders (one level deep, like an import of a folder; made
 * absolute against the current folder, as are the paths handed over). The
 * signal PrWatch::files-ready hands over, in name order per folder, the
 * paths of files that appeared or changed and are complete: first what
 * is there when started (files not modified within the settle time at
 * once), then each new version of a file once. */
PrWatch     *pr_watch_new           (const char * const *folders);

/* Times for tests (defaults PR_WATCH_SETTLE_MS, PR_WATCH_RESCAN_MS);
 * without monitors only the rescans find files. Before starting. */
void         pr_watch_set_timing    (PrWatch   *self,
                                     guint      settle_ms,
                                     guint      rescan_ms);
void         pr_watch_set_monitor   (PrWatch   *self,
                                     gboolean   use_monitors);

/* Starts watching in the thread-default main context. Fails (G_IO_ERROR
 * naming the folder) when a folder is not a readable folder. */
gboolean     pr_watch_start         (PrWatch   *self,
                                     GError   **error);
void         pr_watch_stop          (PrWatch   *self);
gboolean     pr_watch_is_running    (PrWatch   *self);
const char * const *pr_watch_get_folders (PrWatch *self);

/* Files seen so far that are not complete yet (for progress and tests). */
guint        pr_watch_get_n_waiting (PrWatch   *self);

G_END_DECLS
