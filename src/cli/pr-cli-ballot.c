/* pr-cli-ballot.c — peer-rank-cli ballot create
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>

#include "pr-atomic.h"
#include "pr-ballot.h"
#include "pr-cli-ballot.h"
#include "pr-cli-common.h"
#include "pr-output.h"
#include "pr-json.h"
#include "pr-seal.h"

typedef struct {
  char  *invitation;
  char **ranks;
  char  *out;
  gboolean force;
} Args;

static void
args_clear (Args *a)
{
  g_free (a->invitation);
  g_strfreev (a->ranks);
  g_free (a->out);
}

static int
fail (GError *error)
{
  pr_cli_print_error ("%s", error->message);
  return PR_CLI_EXIT_USAGE;
}

/* The invitation file holds the voter's secret seed: its bytes are
 * wiped once parsed. */
static PrInvitation *
read_invitation (const char  *path,
                 GError     **error)
{
  GBytes *bytes = pr_atomic_read (path, PR_INVITATION_MAX_SIZE, FALSE, error);
  PrInvitation *invitation;
  guint8 *data;
  gsize size = 0;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_unref_to_data (bytes, &size);
  invitation = pr_invitation_parse (data, size, error);
  sodium_memzero (data, size);
  g_free (data);
  return invitation;
}

/* A ranking is the secret of the ballot: wiped before it is freed. */
typedef GArray PrWipedArray;

static void
wiped_array_free (PrWipedArray *array)
{
  sodium_memzero (array->data, (gsize) array->len * g_array_get_element_size (array));
  g_array_unref (array);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrWipedArray, wiped_array_free)

/* Member ids or exact names → indices; an unknown one is a usage error. */
static GArray *
resolve_ranks (PrManifest  *manifest,
               char       **ranks,
               GError     **error)
{
  /* Sized up front, so that no reallocation leaves a copy behind. */
  g_autoptr(PrWipedArray) ranking =
    g_array_sized_new (FALSE, TRUE, sizeof (guint16), ranks != NULL ? g_strv_length (ranks) : 0);

  for (guint i = 0; ranks != NULL && ranks[i] != NULL; i++)
    {
      int index = pr_manifest_lookup_member (manifest, ranks[i]);
      guint16 value;

      if (index < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("No member of this round has the id or name “%s”."), ranks[i]);
          return NULL;
        }
      value = (guint16) index;
      g_array_append_val (ranking, value);
    }
  return g_steal_pointer (&ranking);
}

static int
ballot_create_run (Args *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrInvitation) invitation = NULL;
  g_autoptr(PrWipedArray) ranking = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *short_fp = NULL;
  guint8 fingerprint[PR_HASH_LEN];

  /* Before a sequence number is used up. */
  if (!pr_cli_check_output (a->out, a->force))
    return PR_CLI_EXIT_USAGE;
  if ((invitation = read_invitation (a->invitation, &error)) == NULL ||
      (ranking = resolve_ranks (pr_invitation_get_manifest (invitation), a->ranks, &error)) == NULL)
    return fail (error);
  /* The app's sealing path: one sequence counter per invitation. */
  bytes = pr_seal_ranking (invitation, (const guint16 *) (gpointer) ranking->data, ranking->len,
                           NULL, NULL, fingerprint, &error);
  if (bytes == NULL ||
      !pr_output_write (a->out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                        a->force, &error))
    return fail (error);
  short_fp = pr_crypto_fingerprint_short (fingerprint);
  printf (_("Ballot written to %s\n"), a->out);
  printf (_("Ballot fingerprint: %s (keep it to check your receipt)\n"), short_fp);
  return PR_CLI_EXIT_OK;
}

static int
ballot_create (int    argc,
               char **argv)
{
  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "invitation", 0, 0, G_OPTION_ARG_FILENAME, &a.invitation, N_("Your invitation file"), "FILE" },
    { "rank", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.ranks, N_("Next member, best first (repeat)"), "MEMBER" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &a.out, N_("Where to write the ballot"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &a.force,
      N_("Replace FILE if it exists (never a Peer Rank secret or round file)"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = fail (error);
  else if (argc != 1 || a.invitation == NULL || a.out == NULL)
    {
      pr_cli_print_error (_("Usage: ballot create --invitation FILE --rank MEMBER [--rank MEMBER …] --out FILE"));
      status = PR_CLI_EXIT_USAGE;
    }
  else
    status = ballot_create_run (&a);
  args_clear (&a);
  return status;
}

int
pr_cli_ballot (int    argc,
               char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "create"))
    return ballot_create (argc - 1, argv + 1);
  pr_cli_print_error (_("Usage: ballot create --invitation FILE --rank MEMBER … --out FILE"));
  return PR_CLI_EXIT_USAGE;
}
