/* pr-mail-plan.h — who gets which message, and which invitation file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-journal.h"
#include "pr-store.h"

G_BEGIN_DECLS

typedef enum {
  PR_MAIL_READY,           /* a message can go out */
  PR_MAIL_NO_ADDRESS,      /* the roster has no usable address */
  PR_MAIL_NO_INVITATION,   /* no current invitation of the member in the folder */
  PR_MAIL_VOTED,           /* a reminder to someone who has voted: none */
} PrMailState;

typedef struct {
  guint        member;
  PrMailState  state;
  char        *email;        /* NULL when none */
  char        *invitation;   /* the member's current invitation file (invitations) */
  char        *file_name;    /* its base name, valid UTF-8, for the message */
} PrMailRecipient;

void        pr_mail_recipient_free  (PrMailRecipient *recipient);

/* One recipient per member of @store in roster order (or only those in
 * @only, member indices, when not NULL), each with what can be sent.
 * For invitations, @invitations_dir is read one level deep: the ".json"
 * files that are invitations to this round (same round hash) holding
 * the member's current key — never a re-issued one, and never by file
 * name, so a renamed file cannot go to the wrong person. Invitation
 * bytes read are wiped. NULL with an error (PR_STORE_ERROR_IO naming
 * the folder) only when @invitations_dir cannot be read. */
GPtrArray  *pr_mail_plan            (PrStore           *store,
                                     PrJournalMailKind  kind,
                                     const char        *invitations_dir,
                                     GArray            *only,
                                     GError           **error);

/* pr_mail_plan() in two steps, for a window that reads the folder in a
 * worker thread while the store stays with the main thread. */

/* The members' current signing keys, a copy to read in any thread. */
GBytes     *pr_mail_dup_member_keys   (PrStore           *store);
/* Per member of @manifest (index), the path of the first file in
 * @invitations_dir (name order) that is an invitation to this round
 * holding the member's key in @keys, or NULL. Any thread. */
GPtrArray  *pr_mail_find_invitations  (PrManifest        *manifest,
                                       GBytes            *keys,
                                       const char        *invitations_dir,
                                       GError           **error);
/* The plan with @invitations (from pr_mail_find_invitations(); NULL for
 * reminders). */
GPtrArray  *pr_mail_plan_from         (PrStore           *store,
                                       PrJournalMailKind  kind,
                                       GPtrArray         *invitations,
                                       GArray            *only);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMailRecipient, pr_mail_recipient_free)

G_END_DECLS
