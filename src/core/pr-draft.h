/* pr-draft.h — the associate's unsent order, kept on disk as they go
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-manifest.h"
#include "pr-ranking.h"

G_BEGIN_DECLS

/* One draft per round and member: the order (by member id, so a draft
 * never depends on anything but the round), the invitation's path and the
 * round's title (for the list of recent invitations) and when the last
 * ballot was sent, with its fingerprint. Written atomically with mode
 * 0600 into g_get_user_data_dir()/peer-rank/drafts, so a crash or kill -9
 * loses at most the move being written. */
typedef struct _PrDraft PrDraft;

#define PR_DRAFT_ERROR (pr_draft_error_quark ())

typedef enum {
  PR_DRAFT_ERROR_DAMAGED,   /* the file is not a draft we can read */
} PrDraftError;

/* Upper bound of a draft file: 1,000 member ids and a title fit easily. */
#define PR_DRAFT_MAX_SIZE (256 * 1024)

GQuark       pr_draft_error_quark       (void);
char        *pr_draft_default_dir       (void);

/* An empty draft for member @member_index of @manifest's round in @dir
 * (NULL: the default folder). Nothing is read or written yet. */
PrDraft     *pr_draft_new               (const char       *dir,
                                         PrManifest       *manifest,
                                         guint             member_index);
void         pr_draft_free              (PrDraft          *draft);

/* Reads the draft file if there is one; TRUE and an empty draft when
 * there is none. PR_DRAFT_ERROR_DAMAGED for a file that is not one of
 * ours or belongs to another round or member. */
gboolean     pr_draft_load              (PrDraft          *draft,
                                         GError          **error);
gboolean     pr_draft_save              (PrDraft          *draft,
                                         GError          **error);
/* pr_draft_save() in two steps, so the writing can happen in a thread:
 * the file's contents now, then writing them to pr_draft_get_path(). */
GBytes      *pr_draft_to_bytes          (PrDraft          *draft);
gboolean     pr_draft_write             (const char       *path,
                                         GBytes           *bytes,
                                         GError          **error);
const char  *pr_draft_get_path          (PrDraft          *draft);
/* Renames a draft file that cannot be read to "<path>.damaged-<time>",
 * so saving never overwrites what might still be recovered by hand;
 * @aside_path (nullable) receives the new name. */
gboolean     pr_draft_set_aside         (PrDraft          *draft,
                                         char            **aside_path,
                                         GError          **error);
/* Whether the draft holds an order (from the file or set). */
gboolean     pr_draft_has_order         (PrDraft          *draft);

void         pr_draft_set_invitation_path (PrDraft        *draft,
                                           const char     *path);
const char  *pr_draft_get_invitation_path (PrDraft        *draft);

/* Copies the order of @ranking (same round and member) into the draft. */
void         pr_draft_set_ranking       (PrDraft          *draft,
                                         const PrRanking  *ranking);
/* Puts the draft's order into @ranking (clearing its history); FALSE
 * when the draft holds none or names people who are not in the round. */
gboolean     pr_draft_apply             (PrDraft          *draft,
                                         PrRanking        *ranking);
guint        pr_draft_get_n_ranked      (PrDraft          *draft);

/* When the last ballot was sealed and sent (unix time, 0 when never)
 * and its short fingerprint. */
void         pr_draft_set_sent          (PrDraft          *draft,
                                         gint64            time,
                                         const char       *fingerprint);
gint64       pr_draft_get_sent_time     (PrDraft          *draft);
/* pr_draft_set_sent() plus how the ballot left (@how: "file" or
 * "clipboard"), the @n_ranked members it ranked, best first, and @key,
 * the signing key of the invitation that sealed it (hex). */
void         pr_draft_set_sealed        (PrDraft          *draft,
                                         gint64            time,
                                         const char       *fingerprint,
                                         const char       *how,
                                         const guint16    *ranked,
                                         guint             n_ranked,
                                         const char       *key);
const char  *pr_draft_get_sent_how      (PrDraft          *draft);
const char  *pr_draft_get_sent_key      (PrDraft          *draft);
/* Whether @ranking ranks exactly what the last sealed ballot ranked;
 * FALSE when that is not known. */
gboolean     pr_draft_sent_matches      (PrDraft          *draft,
                                         const PrRanking  *ranking);
const char  *pr_draft_get_sent_fingerprint (PrDraft       *draft);

/* What the welcome page lists about each draft. */
typedef struct {
  char   *title;
  char   *invitation_path;
  guint   n_ranked;
  gint64  sent_time;      /* 0 when nothing was sent */
  gint64  updated;        /* unix time of the last save, in microseconds */
  char   *draft_path;     /* the draft file, for pr_draft_hide() */
} PrDraftSummary;

void         pr_draft_summary_free      (PrDraftSummary   *summary);
/* The drafts in @dir (NULL: the default folder), most recently saved
 * first; files that cannot be read and hidden drafts are left out. */
GPtrArray   *pr_draft_list              (const char       *dir);

/* Leaves the draft at @draft_path out of pr_draft_list() (Recent
 * Invitations) until it is saved again, without losing the order or the
 * record of the ballots sealed. */
gboolean     pr_draft_hide              (const char       *draft_path,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrDraft, pr_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrDraftSummary, pr_draft_summary_free)

G_END_DECLS
