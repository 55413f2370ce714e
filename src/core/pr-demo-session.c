/* pr-demo-session.c — the demo round, generated, imported and tallied
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pr-demo.h"
#include "pr-demo-session.h"
#include "pr-import.h"
#include "pr-round-profile.h"

void
pr_demo_session_free (PrDemoSession *session)
{
  if (session == NULL)
    return;

  g_free (session->title);
  g_free (session->fingerprint);
  g_clear_pointer (&session->results, pr_results_free);
  g_free (session);
}

/* Removes the scratch folder the demo was made in. It holds only what
 * pr_demo_generate() wrote, so it never follows a link out of it. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static gboolean
import_demo_ballots (const char     *dir,
                     PrDemoSession  *session,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autofree char *round_dir = g_build_filename (dir, "round", NULL);
  g_autofree char *ballots_dir = g_build_filename (dir, "ballots", NULL);
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(PrImportInput) input = pr_import_input_new ();
  g_autoptr(PrImportReport) report = NULL;
  PrManifest *manifest;

  if ((store = pr_store_open (round_dir, error)) == NULL ||
      (opener = pr_store_unlock (store, PR_DEMO_PASSPHRASE, error)) == NULL)
    return FALSE;

  pr_import_input_add_path (input, ballots_dir);
  report = pr_import_run (store, opener, input, 0, NULL, NULL, cancellable, error);
  if (report == NULL)
    return FALSE;

  manifest = pr_store_get_manifest (store);
  session->title = g_strdup (pr_manifest_get_title (manifest));
  session->fingerprint = g_strdup (pr_manifest_get_fingerprint (manifest));
  session->n_files = report->results->len;
  memcpy (session->counts, report->counts, sizeof session->counts);

  return TRUE;
}

static PrResults *
tally_demo_round (const char    *dir,
                  guint32        seed,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *round_dir = g_build_filename (dir, "round", NULL);
  g_autoptr(PrProfile) profile = NULL;
  PrTallyOptions options;

  profile = pr_round_profile_load (round_dir, PR_DEMO_PASSPHRASE, error);
  if (profile == NULL)
    return NULL;

  pr_tally_options_init (&options);
  options.bootstrap = PR_DEMO_SESSION_RESAMPLES;
  options.seed = seed;
  options.agreement = TRUE;

  return pr_results_compute (profile, &options, cancellable, error);
}

PrDemoSession *
pr_demo_session_run (guint32        seed,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(PrDemoSession) session = g_new0 (PrDemoSession, 1);
  g_autofree char *dir = NULL;
  gboolean ok;

  dir = g_dir_make_tmp ("peer-rank-demo-XXXXXX", error);
  if (dir == NULL)
    return NULL;

  /* The demo files are only a means to real results: they are made,
   * imported and tallied like a real round, then removed again. */
  ok = pr_demo_generate (dir, PR_DEMO_SESSION_MEMBERS, PR_DEMO_SESSION_BALLOTS,
                         seed, PR_DEMO_PASSPHRASE, error) &&
       import_demo_ballots (dir, session, cancellable, error) &&
       (session->results = tally_demo_round (dir, seed, cancellable, error)) != NULL;

  remove_tree (dir);

  return ok ? g_steal_pointer (&session) : NULL;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  PrDemoSession *session;

  session = pr_demo_session_run (GPOINTER_TO_UINT (task_data), cancellable, &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, (GDestroyNotify) pr_demo_session_free);
}

void
pr_demo_session_run_async (guint32              seed,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pr_demo_session_run_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (seed), NULL);
  g_task_run_in_thread (task, run_thread);
}

PrDemoSession *
pr_demo_session_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
