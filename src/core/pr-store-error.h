/* pr-store-error.h — errors of the round folder
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PR_STORE_ERROR (pr_store_error_quark ())

typedef enum {
  PR_STORE_ERROR_IO,             /* the operating system refused */
  PR_STORE_ERROR_NOT_EMPTY,      /* create: the folder exists and is not empty */
  PR_STORE_ERROR_NOT_A_ROUND,    /* open: no round.json */
  PR_STORE_ERROR_DAMAGED,        /* a state file cannot be read or parsed */
  PR_STORE_ERROR_SYMLINK,        /* a state file is a symbolic link */
  PR_STORE_ERROR_UNKNOWN_MEMBER, /* no member with that id or name */
  PR_STORE_ERROR_PASSPHRASE,     /* wrong passphrase or damaged key file */
  PR_STORE_ERROR_INVALID,        /* bad parameters for a new round */
  PR_STORE_ERROR_BROKEN,         /* an earlier write failed: reopen the round */
  PR_STORE_ERROR_BUSY,           /* another process writes or wrote the round */
  PR_STORE_ERROR_ROUND_CHANGED,  /* round.json's manifest is not the one created */
  PR_STORE_ERROR_MISMATCH,       /* a stored ballot is not what the journal names */
  PR_STORE_ERROR_UNJOURNALED,    /* ballots/ holds ballots the journal does not name */
  PR_STORE_ERROR_CLOSED,         /* the round is closed: no imports until reopened */
  PR_STORE_ERROR_NOT_PENDING,    /* accept/refuse: the ballot awaits no decision */
  PR_STORE_ERROR_KEY_FILE,       /* open: organizer.key is missing or cannot be used
                                  * (round.json is sound: restore the key's backup) */
  PR_STORE_ERROR_TAMPERED,       /* unlock: round.json or the journal was changed
                                  * without the passphrase (the message names where) */
  PR_STORE_ERROR_LEGACY,         /* unlock: a round of an earlier Peer Rank whose state
                                  * is not protected yet: pr_store_upgrade() */
  PR_STORE_ERROR_LOCKED,         /* a change needs the passphrase: unlock first */
  PR_STORE_ERROR_UNUSABLE,       /* recovery moved files it cannot use to unusable/ */
  PR_STORE_ERROR_OPEN,           /* receipts: the round is still open */
  PR_STORE_ERROR_ROLLED_BACK,    /* unlock: the journal is shorter than the one last seen
                                  * on this computer (an earlier copy put back, or the
                                  * journal cut): pr_store_unlock_accepting_rollback() */
} PrStoreError;

GQuark pr_store_error_quark (void);

G_END_DECLS
