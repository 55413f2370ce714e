/* pr-invitation.c — one member's secret invitation to a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "pr-ballot-error.h"
#include "pr-format.h"
#include "pr-invitation.h"
#include "pr-json.h"

struct _PrInvitation {
  PrManifest *manifest;
  guint       index;
  PrSecret   *seed;         /* PR_SIGN_SEED_LEN */
  PrSecret   *signing_key;  /* PR_SIGN_SECRET_LEN */
  guint8      public_key[PR_SIGN_PUBLIC_LEN];
};

static const PrJsonMember invitation_members[] = {
  { "format", PR_JSON_TYPE_STRING },
  { "version", PR_JSON_TYPE_INT },
  { "round", PR_JSON_TYPE_OBJECT },
  { "member", PR_JSON_TYPE_STRING },
  { "seed", PR_JSON_TYPE_STRING },
};

/* Takes @seed. */
static PrInvitation *
invitation_new (PrManifest *manifest,
                guint       index,
                PrSecret   *seed)
{
  PrInvitation *invitation = g_new0 (PrInvitation, 1);

  invitation->manifest = pr_manifest_ref (manifest);
  invitation->index = index;
  invitation->seed = seed;
  invitation->signing_key = pr_secret_new (PR_SIGN_SECRET_LEN);
  crypto_sign_seed_keypair (invitation->public_key,
                            pr_secret_get_data (invitation->signing_key),
                            pr_secret_get_data (seed));
  return invitation;
}

PrInvitation *
pr_invitation_new (PrManifest *manifest,
                   guint       index)
{
  PrSecret *seed;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (index < pr_manifest_get_n_members (manifest), NULL);

  seed = pr_secret_new (PR_SIGN_SEED_LEN);
  pr_crypto_random (pr_secret_get_data (seed), PR_SIGN_SEED_LEN);
  return invitation_new (manifest, index, seed);
}

void
pr_invitation_free (PrInvitation *invitation)
{
  if (invitation == NULL)
    return;
  pr_manifest_unref (invitation->manifest);
  pr_secret_free (invitation->seed);
  pr_secret_free (invitation->signing_key);
  g_free (invitation);
}

GBytes *
pr_invitation_to_bytes (const PrInvitation *invitation)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  g_return_val_if_fail (invitation != NULL, NULL);

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_INVITATION, PR_INVITATION_VERSION);
  pr_json_writer_key (writer, "round");
  pr_manifest_write (invitation->manifest, writer);
  pr_json_writer_member_string (writer, "member",
                                pr_manifest_get_member_id (invitation->manifest, invitation->index));
  pr_json_writer_member_base64 (writer, "seed", pr_secret_get_data (invitation->seed),
                                PR_SIGN_SEED_LEN);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
}

PrInvitation *
pr_invitation_parse (const guint8  *data,
                     gsize          len,
                     GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PrManifest) manifest = NULL;
  g_autoptr(PrSecret) seed = NULL;
  g_autoptr(PrInvitation) invitation = NULL;
  g_autoptr(GBytes) canonical = NULL;
  JsonObject *object;
  int index;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  root = pr_json_parse (data, len, PR_INVITATION_MAX_SIZE, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!pr_json_check_header (object, PR_FORMAT_INVITATION, PR_INVITATION_VERSION, error) ||
      !pr_json_check_members (object, invitation_members, G_N_ELEMENTS (invitation_members), error))
    return NULL;

  manifest = pr_manifest_from_json (json_object_get_member (object, "round"), error);
  if (manifest == NULL)
    return NULL;
  index = pr_manifest_find_member (manifest, json_object_get_string_member (object, "member"));
  if (index < 0)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "member");
      return NULL;
    }
  seed = pr_secret_new (PR_SIGN_SEED_LEN);
  if (!pr_json_get_base64 (object, "seed", pr_secret_get_data (seed), PR_SIGN_SEED_LEN, error))
    return NULL;

  invitation = invitation_new (manifest, (guint) index, g_steal_pointer (&seed));
  canonical = pr_invitation_to_bytes (invitation);
  if (!pr_json_check_canonical (data, len, canonical, error))
    return NULL;
  return g_steal_pointer (&invitation);
}

PrManifest *
pr_invitation_get_manifest (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, NULL);
  return invitation->manifest;
}

guint
pr_invitation_get_member_index (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, 0);
  return invitation->index;
}

const char *
pr_invitation_get_member_id (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, NULL);
  return pr_manifest_get_member_id (invitation->manifest, invitation->index);
}

const guint8 *
pr_invitation_get_public_key (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, NULL);
  return invitation->public_key;
}

const PrSecret *
pr_invitation_get_signing_key (const PrInvitation *invitation)
{
  g_return_val_if_fail (invitation != NULL, NULL);
  return invitation->signing_key;
}
