/* pr-manifest.h — the immutable description of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pr-crypto.h"
#include "pr-json.h"
#include "pr-roster.h"

G_BEGIN_DECLS

/* Limits of a round. A ballot's payload grows with the roster, so the
 * roster size bounds every buffer of the ballot path. */
/* A round's roster is a roster: its limits are the roster's. */
#define PR_MANIFEST_MIN_MEMBERS      PR_ROSTER_MIN_MEMBERS
#define PR_MANIFEST_MAX_MEMBERS      PR_ROSTER_MAX_MEMBERS
#define PR_MANIFEST_MAX_TITLE        200   /* characters */
#define PR_MANIFEST_MAX_DESCRIPTION  4000  /* characters */
#define PR_MANIFEST_MAX_ORGANIZER    64    /* characters */
#define PR_MANIFEST_DEFAULT_MIN_RANKED 1
#define PR_MANIFEST_DEFAULT_MIN_RATERS 3

/* Errors of pr_manifest_new() (values given by a person creating a round).
 * Parsing a manifest reports PR_BALLOT_ERROR codes instead, and names in
 * a roster are checked with pr_roster_check_names() (PR_ROSTER_ERROR). */
#define PR_MANIFEST_ERROR (pr_manifest_error_quark ())

typedef enum {
  PR_MANIFEST_ERROR_TITLE,
  PR_MANIFEST_ERROR_DESCRIPTION,
  PR_MANIFEST_ERROR_DEADLINE,
  PR_MANIFEST_ERROR_ORGANIZER,
  PR_MANIFEST_ERROR_ROSTER_SIZE,
  PR_MANIFEST_ERROR_RULES,
} PrManifestError;

GQuark        pr_manifest_error_quark (void);

/* A manifest: round id (16 random bytes), title, description (may be ""),
 * deadline ("YYYY-MM-DD" or "" for none), organizer name (may be ""),
 * rules min_ranked (1 … n−1) and min_raters (0 … n−1), the ordered roster
 * and the organizer's X25519 public key. Immutable and reference counted;
 * safe to share between threads.
 *
 * Member ids are "m01", "m02", … in roster order ("m100" after "m99"):
 * short, stable for the life of the round (a changed roster is a new
 * round), free of personal data, and typeable on a command line. A
 * member's index (0-based roster position) is what ballots carry. */
typedef struct _PrManifest PrManifest;

/* Canonical JSON object of a manifest, in this member order:
 * {"id":b64,"title":s,"description":s,"deadline":s,"organizer":s,
 *  "rules":{"min_ranked":n,"min_raters":n},
 *  "members":[{"id":s,"name":s},…],"public_key":b64} */

/* @round_id may be NULL for a fresh random id. @names are checked with
 * pr_roster_check_names(). */
PrManifest   *pr_manifest_new          (const guint8       *round_id,
                                        const char         *title,
                                        const char         *description,
                                        const char         *deadline,
                                        const char         *organizer,
                                        guint               min_ranked,
                                        guint               min_raters,
                                        const char * const *names,
                                        const guint8        public_key[PR_KX_PUBLIC_LEN],
                                        GError            **error);
PrManifest   *pr_manifest_ref          (PrManifest   *manifest);
void          pr_manifest_unref        (PrManifest   *manifest);

/* Reads a manifest object (the "round" member of an invitation or of
 * round.json) with exact members and types and every value checked. The
 * container's own canonical check covers the manifest's bytes. */
PrManifest   *pr_manifest_from_json    (JsonNode     *node,
                                        GError      **error);
/* Writes the manifest object (canonical) into @writer. */
void          pr_manifest_write        (const PrManifest *manifest,
                                        PrJsonWriter     *writer);
/* The manifest object's canonical bytes (no newline): what is hashed. */
GBytes       *pr_manifest_to_bytes     (const PrManifest *manifest);

const guint8 *pr_manifest_get_id          (const PrManifest *manifest);  /* PR_ROUND_ID_LEN */
/* Round hash: BLAKE2b-256 of pr_manifest_to_bytes(). */
const guint8 *pr_manifest_get_hash        (const PrManifest *manifest);  /* PR_HASH_LEN */
/* Short grouped form of the round hash, e.g. "7K3M-9QXA-B2C4-D5E6". */
const char   *pr_manifest_get_fingerprint (const PrManifest *manifest);
const char   *pr_manifest_get_title       (const PrManifest *manifest);
const char   *pr_manifest_get_description (const PrManifest *manifest);
const char   *pr_manifest_get_deadline    (const PrManifest *manifest);
const char   *pr_manifest_get_organizer   (const PrManifest *manifest);
guint         pr_manifest_get_min_ranked  (const PrManifest *manifest);
guint         pr_manifest_get_min_raters  (const PrManifest *manifest);
const guint8 *pr_manifest_get_public_key  (const PrManifest *manifest);  /* PR_KX_PUBLIC_LEN */
guint         pr_manifest_get_n_members   (const PrManifest *manifest);
const char   *pr_manifest_get_member_id   (const PrManifest *manifest,
                                           guint             index);
const char   *pr_manifest_get_member_name (const PrManifest *manifest,
                                           guint             index);
/* Index of the member with id @id, or -1. */
int           pr_manifest_find_member     (const PrManifest *manifest,
                                           const char       *id);
/* Index by id first, then by exact name; -1 if neither matches. */
int           pr_manifest_lookup_member   (const PrManifest *manifest,
                                           const char       *id_or_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrManifest, pr_manifest_unref)

G_END_DECLS
