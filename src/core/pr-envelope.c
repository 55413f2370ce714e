/* pr-envelope.c — the outer JSON of a sealed ballot file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-ballot-error.h"
#include "pr-envelope.h"
#include "pr-format.h"
#include "pr-json.h"

static const PrJsonMember envelope_members[] = {
  { "format", PR_JSON_TYPE_STRING },
  { "version", PR_JSON_TYPE_INT },
  { "round", PR_JSON_TYPE_STRING },
  { "epk", PR_JSON_TYPE_STRING },
  { "nonce", PR_JSON_TYPE_STRING },
  { "ct", PR_JSON_TYPE_STRING },
};

PrEnvelope *
pr_envelope_new (const guint8 *round_id,
                 const guint8 *epk,
                 const guint8 *nonce,
                 const guint8 *ct,
                 gsize         ct_len)
{
  PrEnvelope *envelope = g_new0 (PrEnvelope, 1);

  g_return_val_if_fail (round_id != NULL && epk != NULL && nonce != NULL, NULL);
  g_return_val_if_fail (ct != NULL || ct_len == 0, NULL);

  memcpy (envelope->round_id, round_id, PR_ROUND_ID_LEN);
  memcpy (envelope->epk, epk, PR_KX_PUBLIC_LEN);
  memcpy (envelope->nonce, nonce, PR_AEAD_NONCE_LEN);
  envelope->ct = g_memdup2 (ct, MAX (ct_len, 1));
  envelope->ct_len = ct_len;
  return envelope;
}

void
pr_envelope_free (PrEnvelope *envelope)
{
  if (envelope == NULL)
    return;
  g_free (envelope->ct);
  g_free (envelope);
}

GBytes *
pr_envelope_to_bytes (const PrEnvelope *envelope)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  g_return_val_if_fail (envelope != NULL, NULL);

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_BALLOT, PR_ENVELOPE_VERSION);
  pr_json_writer_member_base64 (writer, "round", envelope->round_id, PR_ROUND_ID_LEN);
  pr_json_writer_member_base64 (writer, "epk", envelope->epk, PR_KX_PUBLIC_LEN);
  pr_json_writer_member_base64 (writer, "nonce", envelope->nonce, PR_AEAD_NONCE_LEN);
  pr_json_writer_member_base64 (writer, "ct", envelope->ct, envelope->ct_len);
  pr_json_writer_end_object (writer);
  return pr_json_writer_get_bytes (writer, TRUE);
}

PrEnvelope *
pr_envelope_parse (const guint8  *data,
                   gsize          len,
                   gsize         *canonical_len,
                   GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) ct = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(PrEnvelope) envelope = g_new0 (PrEnvelope, 1);
  JsonObject *object;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  root = pr_json_parse (data, len, PR_ENVELOPE_MAX_SIZE, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!pr_json_check_header (object, PR_FORMAT_BALLOT, PR_ENVELOPE_VERSION, error) ||
      !pr_json_check_members (object, envelope_members, G_N_ELEMENTS (envelope_members), error) ||
      !pr_json_get_base64 (object, "round", envelope->round_id, PR_ROUND_ID_LEN, error) ||
      !pr_json_get_base64 (object, "epk", envelope->epk, PR_KX_PUBLIC_LEN, error) ||
      !pr_json_get_base64 (object, "nonce", envelope->nonce, PR_AEAD_NONCE_LEN, error))
    return NULL;
  ct = pr_json_get_base64_bytes (object, "ct", PR_ENVELOPE_MAX_CT, error);
  if (ct == NULL)
    return NULL;
  envelope->ct = g_bytes_unref_to_data (g_steal_pointer (&ct), &envelope->ct_len);

  canonical = pr_envelope_to_bytes (envelope);
  if (!pr_json_check_canonical (data, len, canonical, error))
    return NULL;
  if (canonical_len != NULL)
    *canonical_len = g_bytes_get_size (canonical) - 1;
  return g_steal_pointer (&envelope);
}

GBytes *
pr_envelope_unwrap (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize start = 0, end = len;
  gboolean newline = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  if (end > start && data[end - 1] == '\n')
    {
      end--;
      newline = TRUE;
    }
  if (end > start && data[end - 1] == '\r')
    end--;
  else if (start == 0)
    return g_bytes_ref (bytes);  /* nothing to drop */
  if (newline || end < len)
    {
      GByteArray *out = g_byte_array_sized_new ((guint) (end - start + 1));

      g_byte_array_append (out, data + start, (guint) (end - start));
      g_byte_array_append (out, (const guint8 *) "\n", 1);
      return g_byte_array_free_to_bytes (out);
    }
  return g_bytes_new_from_bytes (bytes, start, end - start);
}
