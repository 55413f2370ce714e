/* ballot-fixture.h — a small round for the sealed-ballot tests
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "pr-ballot.h"
#include "pr-core.h"
#include "pr-invitation.h"
#include "pr-manifest.h"

#define FIXTURE_MAX_MEMBERS 8

/* A round of @n_members with its organizer key, one invitation per
 * member and an opener that knows every member's key. */
typedef struct {
  PrSecret       *secret_key;
  guint8          public_key[PR_KX_PUBLIC_LEN];
  PrManifest     *manifest;
  PrInvitation   *invitations[FIXTURE_MAX_MEMBERS];
  PrBallotOpener *opener;
  guint           n_members;
} BallotFixture;

static const char * const fixture_names[] = {
  "Ana López", "Bo Chen", "Chidi Okafor", "Dana Weiß", "Eero Mäkinen", "Fatima Zahra",
  "Gus Grant", "Hana Sato", NULL,
};

static inline void
ballot_fixture_init_full (BallotFixture *f,
                          guint          n_members,
                          guint          min_ranked,
                          const guint8  *round_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_new0 (char *, n_members + 1);

  g_assert_cmpuint (n_members, <=, FIXTURE_MAX_MEMBERS);
  g_assert_true (pr_core_init (NULL));
  for (guint i = 0; i < n_members; i++)
    names[i] = g_strdup (fixture_names[i]);

  memset (f, 0, sizeof *f);
  f->n_members = n_members;
  f->secret_key = pr_crypto_kx_keypair (f->public_key);
  f->manifest = pr_manifest_new (round_id, "Sprint 12 review", "Who carried the sprint?",
                                 "2026-12-01", "Olga Organizer", min_ranked, 3,
                                 (const char * const *) names, f->public_key, &error);
  g_assert_no_error (error);
  f->opener = pr_ballot_opener_new (f->manifest, f->secret_key, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_members; i++)
    {
      f->invitations[i] = pr_invitation_new (f->manifest, i);
      pr_ballot_opener_set_member_key (f->opener, i, pr_invitation_get_public_key (f->invitations[i]));
    }
}

static inline void
ballot_fixture_init (BallotFixture *f)
{
  ballot_fixture_init_full (f, 5, 2, NULL);
}

static inline void
ballot_fixture_clear (BallotFixture *f)
{
  for (guint i = 0; i < f->n_members; i++)
    pr_invitation_free (f->invitations[i]);
  pr_ballot_opener_unref (f->opener);
  pr_manifest_unref (f->manifest);
  pr_secret_free (f->secret_key);
}

/* Replaces the first occurrence of @from in @bytes by @to; the test fails
 * if there is none. */
static inline GBytes *
bytes_replace (GBytes     *bytes,
               const char *from,
               const char *to)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);
  const char *at = strstr (text, from);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (out, text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free_to_bytes (out);
}

/* The string value of JSON member @name in canonical bytes (newly
 * allocated), found textually: "name":"value". */
static inline char *
bytes_member_value (GBytes     *bytes,
                    const char *name)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);
  g_autofree char *key = g_strdup_printf ("\"%s\":\"", name);
  const char *at = strstr (text, key);
  const char *end;

  g_assert_nonnull (at);
  at += strlen (key);
  end = strchr (at, '"');
  return g_strndup (at, end - at);
}
