/* pr-watch.c — a watched ballot box: folders whose new files are imported
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pr-mail.h"
#include "pr-watch.h"

/* What says a file changed: a new inode is a file replaced by rename. */
typedef struct {
  gint64   size;
  gint64   mtime_ns;
  guint64  inode;
  guint32  type;
} Signature;

typedef struct {
  Signature seen;      /* as last looked at */
  gint64    since;     /* monotonic µs since when it looks like that */
  gboolean  has_done;
  Signature done;      /* the version handed over */
} Entry;

struct _PrWatch
{
  GObject     parent_instance;

  GStrv       folders;
  guint       settle_ms;
  guint       rescan_ms;
  gboolean    use_monitors;
  gboolean    running;
  GPtrArray  *monitors;    /* GFileMonitor */
  GHashTable *entries;     /* path → Entry */
  GPtrArray  *ready;       /* paths complete, not handed over yet */
  guint       rescan_id;
  guint       tick_id;
  guint       first_id;
};

enum {
  SIGNAL_FILES_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PrWatch, pr_watch, G_TYPE_OBJECT)

/* ---- names ---- */

static gboolean
has_suffix_ci (const char *lower,
               const char *suffix)
{
  return g_str_has_suffix (lower, suffix);
}

static PrWatchName
kind_of_extension (const char *lower)
{
  if (has_suffix_ci (lower, ".json"))
    return PR_WATCH_NAME_BALLOT;
  if (pr_mail_file_kind (lower) != PR_MAIL_FILE_NONE)
    return PR_WATCH_NAME_MAIL;
  return PR_WATCH_NAME_IGNORED;
}

PrWatchName
pr_watch_classify_name (const char *name,
                        gboolean   *conflict)
{
  static const char * const temporary[] = {
    ".part", ".partial", ".crdownload", ".download", ".tmp", ".temp", ".!sync", ".swp", "~",
  };
  g_autofree char *lower = NULL;
  gboolean is_conflict;
  PrWatchName kind;

  g_return_val_if_fail (name != NULL, PR_WATCH_NAME_IGNORED);

  if (conflict != NULL)
    *conflict = FALSE;
  if (name[0] == '.' || name[0] == '~' || name[0] == '\0')
    return PR_WATCH_NAME_IGNORED;
  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (temporary); i++)
    if (has_suffix_ci (lower, temporary[i]))
      return PR_WATCH_NAME_IGNORED;
  is_conflict = strstr (lower, "conflict") != NULL;
  kind = kind_of_extension (lower);
  /* Some tools put their mark after the extension: "x.json.conflict". */
  if (kind == PR_WATCH_NAME_IGNORED && is_conflict)
    {
      if (strstr (lower, ".json.") != NULL)
        kind = PR_WATCH_NAME_BALLOT;
      else if (strstr (lower, ".eml.") != NULL || strstr (lower, ".mbox.") != NULL)
        kind = PR_WATCH_NAME_MAIL;
    }
  if (conflict != NULL)
    *conflict = kind != PR_WATCH_NAME_IGNORED && is_conflict;
  return kind;
}

/* ---- looking at files ---- */

static gboolean
same_signature (const Signature *a,
                const Signature *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->inode == b->inode &&
         a->type == b->type;
}

static void schedule_tick (PrWatch *self);

/* Looks at @path once: a file whose signature held for the settle time
 * (or that was last modified longer ago than that when first seen: it
 * was renamed into place whole) is ready, once per version. */
static void
check_path (PrWatch    *self,
            const char *path)
{
  struct stat st;
  Signature signature = { 0 };
  gint64 now = g_get_monotonic_time ();
  gint64 settle = (gint64) self->settle_ms * 1000;
  Entry *entry;

  if (g_lstat (path, &st) != 0 || S_ISDIR (st.st_mode))
    {
      g_hash_table_remove (self->entries, path);
      return;
    }
  signature = (Signature) { st.st_size, (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec,
                            st.st_ino, st.st_mode & S_IFMT };
  entry = g_hash_table_lookup (self->entries, path);
  if (entry == NULL)
    {
      gint64 age = g_get_real_time () - signature.mtime_ns / 1000;

      entry = g_new0 (Entry, 1);
      entry->seen = signature;
      /* A link or a FIFO is handed over at once: the import rejects it. */
      entry->since = age >= settle || !S_ISREG (st.st_mode) ? now - settle : now;
      g_hash_table_insert (self->entries, g_strdup (path), entry);
    }
  else if (!same_signature (&entry->seen, &signature))
    {
      entry->seen = signature;
      entry->since = now;
    }
  if (entry->has_done && same_signature (&entry->done, &entry->seen))
    return;
  if (now - entry->since >= settle)
    {
      entry->done = entry->seen;
      entry->has_done = TRUE;
      g_ptr_array_add (self->ready, g_strdup (path));
    }
  else
    schedule_tick (self);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Hands over what became ready, in name order. */
static void
flush_ready (PrWatch *self)
{
  g_autoptr(GPtrArray) ready = NULL;

  if (self->ready->len == 0 || !self->running)
    return;
  ready = g_steal_pointer (&self->ready);
  self->ready = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_sort (ready, compare_paths);
  g_ptr_array_add (ready, NULL);
  g_signal_emit (self, signals[SIGNAL_FILES_READY], 0, (const char * const *) ready->pdata);
}

static gboolean
is_waiting (PrWatch *self,
            Entry   *entry)
{
  return !entry->has_done || !same_signature (&entry->done, &entry->seen);
}

guint
pr_watch_get_n_waiting (PrWatch *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (PR_IS_WATCH (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += is_waiting (self, value) ? 1 : 0;
  return n;
}

/* Files still settling are looked at again a few times per settle time. */
static gboolean
tick_cb (gpointer data)
{
  PrWatch *self = data;
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  self->tick_id = 0;
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (is_waiting (self, value))
      g_ptr_array_add (waiting, g_strdup (key));
  for (guint i = 0; i < waiting->len; i++)
    check_path (self, g_ptr_array_index (waiting, i));
  flush_ready (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (PrWatch *self)
{
  if (self->tick_id == 0 && self->running)
    self->tick_id = g_timeout_add (MAX (self->settle_ms / 4, 20), tick_cb, self);
}

/* ---- listing folders ---- */

static void
scan_folder (PrWatch    *self,
             const char *folder,
             GHashTable *present)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (pr_watch_classify_name (name, NULL) == PR_WATCH_NAME_IGNORED)
        continue;
      path = g_build_filename (folder, name, NULL);
      check_path (self, path);
      g_hash_table_add (present, g_steal_pointer (&path));
    }
}

static void
rescan (PrWatch *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; self->folders[i] != NULL; i++)
    scan_folder (self, self->folders[i], present);
  /* Gone files are forgotten: one that comes back is new. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      g_hash_table_iter_remove (&iter);
  flush_ready (self);
}

static gboolean
rescan_cb (gpointer data)
{
  rescan (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_scan_cb (gpointer data)
{
  PrWatch *self = data;

  self->first_id = 0;
  rescan (self);
  return G_SOURCE_REMOVE;
}

static void
look_at_file (PrWatch *self,
              GFile   *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  if (path == NULL || pr_watch_classify_name (name, NULL) == PR_WATCH_NAME_IGNORED)
    return;
  check_path (self, path);
}

static void
forget_file (PrWatch *self,
             GFile   *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    g_hash_table_remove (self->entries, path);
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            PrWatch           *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      forget_file (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      forget_file (self, file);
      look_at_file (self, other);
      break;
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      look_at_file (self, file);
      break;
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
  flush_ready (self);
}

/* ---- life cycle ---- */

PrWatch *
pr_watch_new (const char * const *folders)
{
  PrWatch *self;

  g_return_val_if_fail (folders != NULL && folders[0] != NULL, NULL);

  self = g_object_new (PR_TYPE_WATCH, NULL);
  /* Absolute, as the monitors name files: a file seen by both a
   * rescan and an event is one file. */
  self->folders = g_new0 (char *, g_strv_length ((char **) folders) + 1);
  for (guint i = 0; folders[i] != NULL; i++)
    self->folders[i] = g_canonicalize_filename (folders[i], NULL);
  return self;
}

void
pr_watch_set_timing (PrWatch *self,
                     guint    settle_ms,
                     guint    rescan_ms)
{
  g_return_if_fail (PR_IS_WATCH (self) && !self->running);
  self->settle_ms = settle_ms;
  self->rescan_ms = MAX (rescan_ms, 10);
}

void
pr_watch_set_monitor (PrWatch  *self,
                      gboolean  use_monitors)
{
  g_return_if_fail (PR_IS_WATCH (self) && !self->running);
  self->use_monitors = use_monitors;
}

static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  g_autofree char *display = g_filename_display_name (folder);

  if (dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The folder %s cannot be watched: %s"),
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A folder with no events (a network share) is still rescanned. */
static void
add_monitor (PrWatch    *self,
             const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("No events from %s (rescanning only): %s", folder, error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (changed_cb), self, 0);
  g_ptr_array_add (self->monitors, monitor);
}

gboolean
pr_watch_start (PrWatch  *self,
                GError  **error)
{
  g_return_val_if_fail (PR_IS_WATCH (self), FALSE);

  if (self->running)
    return TRUE;
  for (guint i = 0; self->folders[i] != NULL; i++)
    if (!check_folder (self->folders[i], error))
      return FALSE;
  self->running = TRUE;
  for (guint i = 0; self->use_monitors && self->folders[i] != NULL; i++)
    add_monitor (self, self->folders[i]);
  self->rescan_id = g_timeout_add (self->rescan_ms, rescan_cb, self);
  /* What is there comes first, once the caller is listening. */
  self->first_id = g_idle_add (first_scan_cb, self);
  return TRUE;
}

void
pr_watch_stop (PrWatch *self)
{
  g_return_if_fail (PR_IS_WATCH (self));

  self->running = FALSE;
  for (guint i = 0; i < self->monitors->len; i++)
    g_file_monitor_cancel (g_ptr_array_index (self->monitors, i));
  g_ptr_array_set_size (self->monitors, 0);
  g_clear_handle_id (&self->rescan_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->first_id, g_source_remove);
}

gboolean
pr_watch_is_running (PrWatch *self)
{
  g_return_val_if_fail (PR_IS_WATCH (self), FALSE);
  return self->running;
}

const char * const *
pr_watch_get_folders (PrWatch *self)
{
  g_return_val_if_fail (PR_IS_WATCH (self), NULL);
  return (const char * const *) self->folders;
}

static void
pr_watch_dispose (GObject *object)
{
  pr_watch_stop (PR_WATCH (object));
  G_OBJECT_CLASS (pr_watch_parent_class)->dispose (object);
}

static void
pr_watch_finalize (GObject *object)
{
  PrWatch *self = PR_WATCH (object);

  g_strfreev (self->folders);
  g_ptr_array_unref (self->monitors);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->ready);
  G_OBJECT_CLASS (pr_watch_parent_class)->finalize (object);
}

static void
pr_watch_class_init (PrWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pr_watch_dispose;
  object_class->finalize = pr_watch_finalize;

  /**
   * PrWatch::files-ready:
   * @paths: the complete files, in name order
   */
  signals[SIGNAL_FILES_READY] =
    g_signal_new ("files-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
pr_watch_init (PrWatch *self)
{
  self->settle_ms = PR_WATCH_SETTLE_MS;
  self->rescan_ms = PR_WATCH_RESCAN_MS;
  self->use_monitors = TRUE;
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ready = g_ptr_array_new_with_free_func (g_free);
}
