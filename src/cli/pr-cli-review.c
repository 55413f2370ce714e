/* pr-cli-review.c — peer-rank-cli review|accept|refuse
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conflicting and flagged ballots are kept but not counted until the
 * organizer decides about them (DESIGN §4); these commands list them and
 * journal the decision.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pr-cli-passphrase.h"
#include "pr-cli-review.h"
#include "pr-cli-common.h"
#include "pr-json.h"
#include "pr-store.h"

static int
fail (GError *error)
{
  pr_cli_print_error ("%s", error->message);
  return PR_CLI_EXIT_USAGE;
}

/* Opens the round; with a passphrase file, also checks that each listed
 * ballot opens to what the journal says (the opener is returned). */
static PrStore *
open_round (const char      *dir,
            const char      *passphrase_file,
            PrBallotOpener **opener_out,
            GError         **error)
{
  g_autoptr(PrStore) store = pr_store_open (dir, error);
  g_autoptr(PrCliSecret) passphrase = NULL;

  if (store == NULL)
    return NULL;
  if (passphrase_file != NULL)
    {
      if ((passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, error)) == NULL ||
          (*opener_out = pr_store_unlock (store, passphrase, error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&store);
}

static const char *
reason (const PrStoreEntry *entry)
{
  return pr_ballot_status_describe (entry->status);
}

static char *
short_of (const char *hex)
{
  guint8 hash[PR_HASH_LEN];

  if (!pr_crypto_fingerprint_from_hex (hex, hash))
    return g_strdup (hex);
  return pr_crypto_fingerprint_short (hash);
}

static gboolean
verify (PrStore        *store,
        PrBallotOpener *opener,
        const char     *hex,
        GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (opener == NULL)
    return TRUE;
  bytes = pr_store_read_ballot (store, hex, opener, NULL, NULL, error);
  pr_secret_wipe (pr_secret_get_thread_buffer (pr_ballot_opener_get_workspace_size (opener)));
  return bytes != NULL;
}

static void
print_review_json (PrStore *store,
                   GArray  *pending)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  pr_json_writer_begin_object (writer);
  pr_json_writer_key (writer, "pending");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < pending->len; i++)
    {
      PrStoreEntry entry;
      g_autofree char *short_fp = NULL;

      pr_store_get_entry (store, g_array_index (pending, guint, i), &entry);
      short_fp = short_of (entry.fingerprint);
      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "fingerprint", entry.fingerprint);
      pr_json_writer_member_string (writer, "short", short_fp);
      pr_json_writer_member_string (writer, "member", pr_manifest_get_member_id (manifest, entry.member));
      pr_json_writer_member_string (writer, "name", pr_manifest_get_member_name (manifest, entry.member));
      pr_json_writer_member_string (writer, "status", pr_ballot_status_to_string (entry.status));
      pr_json_writer_member_int (writer, "sequence", (gint64) MIN (entry.sequence, G_MAXINT64));
      pr_json_writer_member_int (writer, "time", entry.time);
      pr_json_writer_member_string (writer, "reason", reason (&entry));
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
}

static void
print_review_text (PrStore *store,
                   GArray  *pending)
{
  PrManifest *manifest = pr_store_get_manifest (store);

  if (pending->len == 0)
    {
      printf (_("No ballot awaits a decision.\n"));
      return;
    }
  for (guint i = 0; i < pending->len; i++)
    {
      PrStoreEntry entry;
      g_autofree char *short_fp = NULL;

      pr_store_get_entry (store, g_array_index (pending, guint, i), &entry);
      short_fp = short_of (entry.fingerprint);
      printf ("%s  %s  %s (%s)\n    %s\n    %s\n", short_fp,
              pr_ballot_status_to_string (entry.status),
              pr_manifest_get_member_name (manifest, entry.member),
              pr_manifest_get_member_id (manifest, entry.member), entry.fingerprint,
              reason (&entry));
    }
  printf (_("Decide with “peer-rank-cli accept DIR FINGERPRINT” or “peer-rank-cli refuse DIR "
            "FINGERPRINT”.\n"));
}

int
pr_cli_review (int    argc,
               char **argv)
{
  g_autofree char *passphrase_file = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Also check each listed ballot with the passphrase from F"), "F" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(GArray) pending = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc != 2)
    {
      pr_cli_print_error (_("Usage: review DIR [--passphrase-file F] [--json]"));
      return PR_CLI_EXIT_USAGE;
    }
  if ((store = open_round (argv[1], passphrase_file, &opener, &error)) == NULL)
    return fail (error);
  pending = pr_store_list_pending (store);
  for (guint i = 0; i < pending->len; i++)
    {
      PrStoreEntry entry;

      pr_store_get_entry (store, g_array_index (pending, guint, i), &entry);
      if (!verify (store, opener, entry.fingerprint, &error))
        return fail (error);
    }
  if (json)
    print_review_json (store, pending);
  else
    print_review_text (store, pending);
  return PR_CLI_EXIT_OK;
}

/* FINGERPRINT as review prints it: the 64 hex digits, the short grouped
 * form, or a unique hex prefix of at least 8 digits. */
static const char *
resolve (PrStore     *store,
         const char  *given,
         GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (given, -1);
  const char *found = NULL;
  guint matches = 0;

  for (guint i = 0; i < pr_store_get_n_entries (store); i++)
    {
      PrStoreEntry entry;
      g_autofree char *short_fp = NULL;

      pr_store_get_entry (store, i, &entry);
      short_fp = short_of (entry.fingerprint);
      if (g_str_equal (entry.fingerprint, lower) || g_ascii_strcasecmp (short_fp, given) == 0 ||
          (strlen (lower) >= 8 && g_str_has_prefix (entry.fingerprint, lower)))
        {
          found = entry.fingerprint;
          matches++;
        }
    }
  if (matches == 1)
    return found;
  g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
               matches == 0 ? _("No stored ballot has the fingerprint %s; see “peer-rank-cli "
                                "review”.")
                            : _("%s matches more than one stored ballot; give more of the "
                                "fingerprint."),
               given);
  return NULL;
}

static int
decide (int      argc,
        char   **argv,
        gboolean accept)
{
  g_autofree char *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR FINGERPRINT");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  const char *hex;
  PrStoreEntry entry;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc != 3)
    {
      pr_cli_print_error (accept ? _("Usage: accept DIR FINGERPRINT [--passphrase-file F]")
                                 : _("Usage: refuse DIR FINGERPRINT [--passphrase-file F]"));
      return PR_CLI_EXIT_USAGE;
    }
  /* A decision changes what counts: it needs the passphrase. */
  if ((store = pr_cli_open_unlocked (argv[1], passphrase_file, &opener, &error)) == NULL ||
      (hex = resolve (store, argv[2], &error)) == NULL ||
      !verify (store, opener, hex, &error) ||
      !(accept ? pr_store_accept (store, hex, &error) : pr_store_refuse (store, hex, &error)))
    return fail (error);
  for (guint i = 0; i < pr_store_get_n_entries (store); i++)
    {
      pr_store_get_entry (store, i, &entry);
      if (g_str_equal (entry.fingerprint, hex))
        break;
    }
  printf (accept ? _("Accepted the ballot of %s; it counts if it is their newest.\n")
                 : _("Refused the ballot of %s; it stays in the round folder and never counts.\n"),
          pr_manifest_get_member_name (pr_store_get_manifest (store), entry.member));
  return PR_CLI_EXIT_OK;
}

int
pr_cli_accept (int    argc,
               char **argv)
{
  return decide (argc, argv, TRUE);
}

int
pr_cli_refuse (int    argc,
               char **argv)
{
  return decide (argc, argv, FALSE);
}
