/* pr-round-anchor.c — how far this computer has seen a round's journal
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-format.h"
#include "pr-json.h"
#include "pr-round-anchor.h"

#define ANCHOR_VERSION  1
/* An anchor is one short line; anything longer is not one. */
#define ANCHOR_MAX_SIZE 1024

char *
pr_round_anchor_path (PrManifest *manifest)
{
  char hex[PR_ROUND_ID_LEN * 2 + 1];
  g_autofree char *name = NULL;

  g_return_val_if_fail (manifest != NULL, NULL);

  sodium_bin2hex (hex, sizeof hex, pr_manifest_get_id (manifest), PR_ROUND_ID_LEN);
  name = g_strconcat (hex, ".json", NULL);
  return g_build_filename (g_get_user_data_dir (), "peer-rank", "rounds", name, NULL);
}

/* The MAC binds the count and the head to the round (its hash) and key. */
static void
anchor_mac (const PrSecret      *key,
            PrManifest          *manifest,
            const PrRoundAnchor *anchor,
            guint8               out[PR_STATE_MAC_LEN])
{
  guint8 data[8 + PR_STATE_MAC_LEN];
  guint64 n = GUINT64_TO_BE ((guint64) anchor->n_lines);

  memcpy (data, &n, 8);
  memcpy (data + 8, anchor->head, PR_STATE_MAC_LEN);
  pr_state_mac (key, PR_STATE_DOMAIN_ANCHOR, pr_manifest_get_hash (manifest), NULL,
                data, sizeof data, out);
}

static gboolean
parse_anchor (GBytes        *bytes,
              PrRoundAnchor *anchor,
              guint8         mac[PR_STATE_MAC_LEN])
{
  static const PrJsonMember members[] = {
    { "format", PR_JSON_TYPE_STRING }, { "version", PR_JSON_TYPE_INT },
    { "lines", PR_JSON_TYPE_INT }, { "head", PR_JSON_TYPE_STRING },
    { "mac", PR_JSON_TYPE_STRING },
  };
  g_autoptr(JsonNode) root = pr_json_parse (g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), ANCHOR_MAX_SIZE, NULL);
  JsonObject *object;
  gint64 lines;

  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  if (!pr_json_check_header (object, PR_FORMAT_ANCHOR, ANCHOR_VERSION, NULL) ||
      !pr_json_check_members (object, members, G_N_ELEMENTS (members), NULL) ||
      !pr_json_get_int_in (object, "lines", 1, G_MAXUINT, &lines, NULL))
    return FALSE;
  anchor->n_lines = (guint) lines;
  return pr_crypto_fingerprint_from_hex (json_object_get_string_member (object, "head"),
                                         anchor->head) &&
         pr_crypto_fingerprint_from_hex (json_object_get_string_member (object, "mac"), mac);
}

gboolean
pr_round_anchor_read (const PrSecret *key,
                      PrManifest     *manifest,
                      PrRoundAnchor  *anchor)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 mac[PR_STATE_MAC_LEN];
  guint8 expected[PR_STATE_MAC_LEN];

  g_return_val_if_fail (key != NULL && manifest != NULL && anchor != NULL, FALSE);

  path = pr_round_anchor_path (manifest);
  bytes = pr_atomic_read (path, ANCHOR_MAX_SIZE, TRUE, NULL);
  if (bytes == NULL || !parse_anchor (bytes, anchor, mac))
    return FALSE;
  anchor_mac (key, manifest, anchor, expected);
  return sodium_memcmp (mac, expected, PR_STATE_MAC_LEN) == 0;
}

gboolean
pr_round_anchor_write (const PrSecret      *key,
                       PrManifest          *manifest,
                       const PrRoundAnchor *anchor,
                       GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *head = NULL;
  g_autofree char *mac_hex = NULL;
  guint8 mac[PR_STATE_MAC_LEN];

  g_return_val_if_fail (key != NULL && manifest != NULL && anchor != NULL, FALSE);
  g_return_val_if_fail (anchor->n_lines > 0, FALSE);

  path = pr_round_anchor_path (manifest);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  anchor_mac (key, manifest, anchor, mac);
  head = pr_crypto_fingerprint_hex (anchor->head);
  mac_hex = pr_crypto_fingerprint_hex (mac);
  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, PR_FORMAT_ANCHOR, ANCHOR_VERSION);
  pr_json_writer_member_int (writer, "lines", anchor->n_lines);
  pr_json_writer_member_string (writer, "head", head);
  pr_json_writer_member_string (writer, "mac", mac_hex);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);
  return pr_atomic_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

gboolean
pr_round_anchor_from_journal (PrJournal     *journal,
                              PrRoundAnchor *anchor)
{
  g_return_val_if_fail (journal != NULL && anchor != NULL, FALSE);

  anchor->n_lines = pr_journal_get_n_lines (journal);
  return anchor->n_lines > 0 && pr_journal_get_head (journal, anchor->head);
}

gboolean
pr_round_anchor_holds (const PrRoundAnchor *anchor,
                       PrJournal           *journal)
{
  guint8 mac[PR_STATE_MAC_LEN];

  g_return_val_if_fail (anchor != NULL && journal != NULL, FALSE);

  return pr_journal_get_n_lines (journal) >= anchor->n_lines &&
         pr_journal_get_line_mac (journal, anchor->n_lines, mac) &&
         sodium_memcmp (mac, anchor->head, PR_STATE_MAC_LEN) == 0;
}

gboolean
pr_round_anchor_forget (PrManifest  *manifest,
                        GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (manifest != NULL, FALSE);

  path = pr_round_anchor_path (manifest);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not remove %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
