/* pr-demo-session.h — the demo round, generated, imported and tallied
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-results.h"
#include "pr-store.h"

G_BEGIN_DECLS

/* Everything the app shows of the demo round: it walks the organizer's
 * real path (generate → import every file → tally) so a newcomer sees
 * what their own round will look like. */
typedef struct {
  char      *title;
  char      *fingerprint;
  guint      n_files;                        /* ballot files imported */
  guint      counts[PR_BALLOT_N_STATUSES];   /* the import report's counts */
  PrResults *results;
} PrDemoSession;

#define PR_DEMO_SESSION_MEMBERS    12
#define PR_DEMO_SESSION_BALLOTS    16
#define PR_DEMO_SESSION_RESAMPLES  1000

PrDemoSession *pr_demo_session_run        (guint32               seed,
                                           GCancellable         *cancellable,
                                           GError              **error);
void           pr_demo_session_run_async  (guint32               seed,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
PrDemoSession *pr_demo_session_run_finish (GAsyncResult         *result,
                                           GError              **error);
void           pr_demo_session_free       (PrDemoSession        *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrDemoSession, pr_demo_session_free)

G_END_DECLS
