/* pr-cli-round.c — peer-rank-cli round create|show|reissue|receipts
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pr-atomic.h"
#include "pr-cli-mail.h"
#include "pr-cli-passphrase.h"
#include "pr-cli-round.h"
#include "pr-cli-common.h"
#include "pr-json.h"
#include "pr-keyfile.h"
#include "pr-roster.h"
#include "pr-output.h"
#include "pr-store-check.h"
#include "pr-store-mail.h"
#include "pr-store.h"
#include "pr-text.h"

#define PASSPHRASE_OPTION(var) \
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("Passphrase from the first line of F"), "F" }

/* Parses options; TRUE and the positional arguments left in argv. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_strict_posix (context, FALSE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pr_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
fail (GError *error)
{
  pr_cli_print_error ("%s", error->message);
  return PR_CLI_EXIT_USAGE;
}

static PrRoster *
read_roster (const char  *path,
             GError     **error)
{
  g_autoptr(GBytes) bytes = pr_atomic_read (path, PR_ROSTER_MAX_SIZE, FALSE, error);
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (bytes == NULL)
    return NULL;
  return pr_roster_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          g_str_has_suffix (lower, ".csv"), error);
}

typedef struct {
  char *title, *roster, *invitations, *organizer, *description, *deadline, *passphrase_file;
  int   min_ranked, min_raters;
} CreateArgs;

/* --min-raters was not given. */
#define MIN_RATERS_UNSET G_MININT

static void
create_args_clear (CreateArgs *a)
{
  g_free (a->title);
  g_free (a->roster);
  g_free (a->invitations);
  g_free (a->organizer);
  g_free (a->description);
  g_free (a->deadline);
  g_free (a->passphrase_file);
}

static gboolean
check_create_args (CreateArgs  *a,
                   int          argc,
                   GError     **error)
{
  if (argc != 2 || a->title == NULL || a->roster == NULL || a->invitations == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Usage: round create DIR --title T --roster FILE --invitations OUTDIR"));
      return FALSE;
    }
  if (a->min_ranked < 0 || (a->min_raters < 0 && a->min_raters != MIN_RATERS_UNSET))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--min-ranked and --min-raters cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static void
print_created (PrStore    *store,
               const char *outdir,
               guint       n)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  g_autofree char *key = pr_store_get_key_path (store);

  printf (_("Round “%s” created.\n"), pr_manifest_get_title (manifest));
  printf (_("Round fingerprint: %s\n"), pr_manifest_get_fingerprint (manifest));
  printf (_("Read the fingerprint out or post it where members can compare it with their invitation.\n"));
  printf (_("Key file: %s\n"), key);
  printf (_("Copy the key file somewhere safe now: without it and its passphrase no ballot "
            "of this round can be opened.\n"));
  printf (ngettext ("%u invitation written to %s; each is a secret for its member.\n",
                    "%u invitations written to %s; each is a secret for its member.\n", n),
          n, outdir);
}


/* DESIGN §1: three raters per person by default — but a team of three
 * can give each person two raters at most, so a small roster gets
 * everyone else as its default instead of an error. An explicit
 * --min-raters is taken as given and checked. */
static guint
default_min_raters (const CreateArgs *a,
                    PrRoster         *roster)
{
  guint n = pr_roster_get_n (roster);

  if (a->min_raters != MIN_RATERS_UNSET)
    return (guint) a->min_raters;

  return MIN (3, n > 0 ? n - 1 : 0);
}

static int
round_create_run (CreateArgs  *a,
                  const char  *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(GPtrArray) invitations = NULL;
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();
  g_autoptr(PrStore) store = NULL;
  PrStoreParams params = { 0 };

  /* Both folders are checked before anything is written to either. */
  if ((roster = read_roster (a->roster, &error)) == NULL ||
      !pr_store_check_separate_dirs (dir, a->invitations, &error) ||
      !pr_store_ensure_empty_dir (dir, &error) ||
      !pr_store_ensure_empty_dir (a->invitations, &error) ||
      (passphrase = pr_cli_passphrase_get (a->passphrase_file, TRUE, &error)) == NULL)
    return fail (error);
  /* As the app asks: the key file is only as strong as its passphrase. */
  if (g_utf8_strlen (passphrase, -1) < PR_STORE_MIN_PASSPHRASE)
    {
      pr_cli_print_error (_("The passphrase needs at least 8 characters."));
      return PR_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < pr_roster_get_n (roster); i++)
    g_ptr_array_add (emails, (gpointer) pr_roster_get_email (roster, i));
  g_ptr_array_add (emails, NULL);
  params = (PrStoreParams) { a->title, a->description, a->deadline, a->organizer,
                             (guint) a->min_ranked, default_min_raters (a, roster),
                             pr_roster_get_names (roster),
                             (const char * const *) emails->pdata, passphrase, 0, 0 };
  pr_keyfile_default_limits (&params.opslimit, &params.memlimit);
  /* Invitations first: a round never exists without them. */
  store = pr_store_create_with_invitations (dir, &params, a->invitations, &invitations, &error);
  if (store == NULL)
    return fail (error);
  print_created (store, a->invitations, invitations->len);
  return PR_CLI_EXIT_OK;
}

static int
round_create (int    argc,
              char **argv)
{
  CreateArgs a = { .min_ranked = 1, .min_raters = MIN_RATERS_UNSET };
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &a.title, N_("Title of the round"), "T" },
    { "roster", 0, 0, G_OPTION_ARG_FILENAME, &a.roster, N_("Names, one per line, or a .csv file"), "FILE" },
    { "invitations", 0, 0, G_OPTION_ARG_FILENAME, &a.invitations, N_("Folder for the invitations"), "OUTDIR" },
    { "organizer", 0, 0, G_OPTION_ARG_STRING, &a.organizer, N_("Organizer’s name"), "NAME" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &a.description, N_("Description"), "T" },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &a.deadline, N_("Deadline"), "YYYY-MM-DD" },
    { "min-ranked", 0, 0, G_OPTION_ARG_INT, &a.min_ranked, N_("People each member must rank"), "N" },
    { "min-raters", 0, 0, G_OPTION_ARG_INT, &a.min_raters, N_("Raters a person needs"), "N" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a.passphrase_file, N_("Passphrase from the first line of F"), "F" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    status = PR_CLI_EXIT_USAGE;
  else if (!check_create_args (&a, argc, &error))
    status = fail (error);
  else
    status = round_create_run (&a, argv[1]);
  create_args_clear (&a);
  return status;
}

/* ---- show ---- */

static void
write_problems (PrJsonWriter *writer,
                GPtrArray    *problems)
{
  pr_json_writer_key (writer, "problems");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < problems->len; i++)
    {
      PrStoreProblem *problem = g_ptr_array_index (problems, i);

      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "kind", pr_store_problem_kind_to_string (problem->kind));
      pr_json_writer_member_string (writer, "file", problem->file);
      pr_json_writer_member_bool (writer, "counted", problem->counted);
      pr_json_writer_member_string (writer, "message", problem->message);
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PrStoreProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *file = pr_text_escape_terminal (problem->file);

      printf ("  %s: %s\n", file, problem->message);
    }
}

/* "@name": when a message of @kind last left for member @index (UTC,
 * ISO 8601), null when never; for an invitation, only the member's
 * current one counts (a re-issued one has not left yet). */
static void
write_mailed (PrJsonWriter      *writer,
              const char        *name,
              PrStore           *store,
              guint              index,
              PrJournalMailKind  kind)
{
  guint epoch = 0;
  gint64 when = pr_store_get_mailed (store, index, kind, &epoch);
  g_autoptr(GDateTime) time = when > 0 ? g_date_time_new_from_unix_utc (when) : NULL;

  pr_json_writer_key (writer, name);
  if (time == NULL || (kind == PR_JOURNAL_MAIL_INVITATION && epoch != pr_store_get_epoch (store, index)))
    pr_json_writer_null (writer);
  else
    {
      g_autofree char *iso = g_date_time_format_iso8601 (time);

      pr_json_writer_string (writer, iso);
    }
}

static void
show_json (PrStore   *store,
           GPtrArray *problems)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_base64 (writer, "id", pr_manifest_get_id (manifest), PR_ROUND_ID_LEN);
  pr_json_writer_member_string (writer, "title", pr_manifest_get_title (manifest));
  pr_json_writer_member_string (writer, "fingerprint", pr_manifest_get_fingerprint (manifest));
  pr_json_writer_member_string (writer, "deadline", pr_manifest_get_deadline (manifest));
  pr_json_writer_member_string (writer, "organizer", pr_manifest_get_organizer (manifest));
  pr_json_writer_key (writer, "members");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < pr_manifest_get_n_members (manifest); i++)
    {
      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "id", pr_manifest_get_member_id (manifest, i));
      pr_json_writer_member_string (writer, "name", pr_manifest_get_member_name (manifest, i));
      pr_json_writer_member_bool (writer, "voted", pr_store_member_voted (store, i));
      write_mailed (writer, "invitation_mailed", store, i, PR_JOURNAL_MAIL_INVITATION);
      write_mailed (writer, "reminder_mailed", store, i, PR_JOURNAL_MAIL_REMINDER);
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  pr_json_writer_key (writer, "ballots");
  pr_json_writer_begin_object (writer);
  for (guint s = 0; s < PR_BALLOT_STATUS_REJECTED; s++)
    if (s != PR_BALLOT_STATUS_DUPLICATE)
      pr_json_writer_member_int (writer, pr_ballot_status_to_string (s),
                                 pr_store_count_status (store, s));
  pr_json_writer_end_object (writer);
  pr_json_writer_member_int (writer, "unjournaled", pr_store_count_unjournaled (store));
  pr_json_writer_member_bool (writer, "closed", pr_store_is_closed (store));
  {
    g_autoptr(GArray) pending = pr_store_list_pending (store);

    pr_json_writer_member_int (writer, "pending", pending->len);
  }
  write_problems (writer, problems);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
}

static void
show_text (PrStore   *store,
           GPtrArray *problems)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  guint n = pr_manifest_get_n_members (manifest), voted = 0;

  printf ("%s\n", pr_manifest_get_title (manifest));
  printf (_("Round fingerprint: %s\n"), pr_manifest_get_fingerprint (manifest));
  if (pr_manifest_get_deadline (manifest)[0] != '\0')
    printf (_("Deadline: %s\n"), pr_manifest_get_deadline (manifest));
  printf ("\n");
  for (guint i = 0; i < n; i++)
    {
      gboolean has = pr_store_member_voted (store, i);

      voted += has;
      printf ("  %-5s %-10s %s\n", pr_manifest_get_member_id (manifest, i),
              has ? _("voted") : _("not yet"), pr_manifest_get_member_name (manifest, i));
    }
  printf ("\n");
  printf (ngettext ("%u of %u member has voted.\n", "%u of %u members have voted.\n", n),
          voted, n);
  if (pr_store_is_closed (store))
    printf (_("The round is closed.\n"));
  {
    g_autoptr(GArray) pending = pr_store_list_pending (store);

    if (pending->len > 0)
      printf (ngettext ("%u ballot awaits your decision (see “peer-rank-cli review”).\n",
                        "%u ballots await your decision (see “peer-rank-cli review”).\n",
                        pending->len), pending->len);
  }
  if (problems->len > 0)
    {
      printf ("\n");
      printf (ngettext ("The round folder has %u problem:\n",
                        "The round folder has %u problems:\n", problems->len), problems->len);
      print_problems (problems);
    }
}

static int
round_show (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return PR_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      pr_cli_print_error (_("Usage: round show DIR [--json]"));
      return PR_CLI_EXIT_USAGE;
    }
  if ((store = pr_store_open (argv[1], &error)) == NULL)
    return fail (error);
  /* Without the passphrase: what the journal and the files say. */
  problems = pr_store_check_folder (store, NULL);
  if (json)
    show_json (store, problems);
  else
    show_text (store, problems);
  return PR_CLI_EXIT_OK;
}

/* ---- reissue ---- */

static int
round_reissue (int    argc,
               char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the new invitation"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE if it exists (never a Peer Rank secret or round file)"), NULL },
    PASSPHRASE_OPTION (passphrase_file),
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR MEMBER");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  guint index = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return PR_CLI_EXIT_USAGE;
  if (argc != 3 || out == NULL)
    {
      pr_cli_print_error (_("Usage: round reissue DIR MEMBER --out FILE [--force] "
                            "[--passphrase-file F]"));
      return PR_CLI_EXIT_USAGE;
    }
  if (!pr_cli_check_output (out, force))
    return PR_CLI_EXIT_USAGE;
  /* Unlocked before anything is written: a re-issue needs the passphrase. */
  if ((store = pr_cli_open_unlocked (argv[1], passphrase_file, NULL, &error)) == NULL)
    return fail (error);
  /* Replacing is allowed for files that are no secret (checked above);
   * the invitation itself is then written once, as always. */
  if (force && g_remove (out) != 0 && errno != ENOENT)
    {
      int saved = errno;

      pr_cli_print_error (_("%s cannot be replaced: %s"), out, g_strerror (saved));
      return PR_CLI_EXIT_USAGE;
    }
  /* The new invitation is on disk before the old key is revoked. */
  if (!pr_store_reissue_to_file (store, argv[2], out, &index, &error))
    return fail (error);
  printf (_("New invitation for %s written to %s; the old invitation is revoked and its "
            "ballots no longer count.\n"),
          pr_manifest_get_member_name (pr_store_get_manifest (store), index), out);
  return PR_CLI_EXIT_OK;
}

/* ---- receipts ---- */

/* "DIR [--passphrase-file F]": the round folder, or NULL when the usage
 * @usage was printed. */
static const char *
parse_dir_and_passphrase (int          *argc,
                          char       ***argv,
                          char        **passphrase_file,
                          const char   *usage)
{
  const GOptionEntry entries[] = {
    PASSPHRASE_OPTION (*passphrase_file),
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, argc, argv))
    return NULL;
  if (*argc != 2)
    {
      pr_cli_print_error ("%s", usage);
      return NULL;
    }
  return (*argv)[1];
}


static int
round_receipts (int    argc,
                char **argv)
{
  g_autofree char *passphrase_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const char *dir = parse_dir_and_passphrase (&argc, &argv, &passphrase_file,
                                              _("Usage: round receipts DIR [--passphrase-file F]"));

  if (dir == NULL)
    return PR_CLI_EXIT_USAGE;
  /* Only from a verified, closed round: a published list is final. */
  if ((store = pr_cli_open_unlocked (dir, passphrase_file, &opener, &error)) == NULL ||
      (lines = pr_store_dup_receipts (store, opener, &error)) == NULL)
    return fail (error);
  for (guint i = 0; i < lines->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (lines, i));
  return PR_CLI_EXIT_OK;
}

/* ---- close and reopen ---- */

static int
round_close_or_reopen (int      argc,
                       char   **argv,
                       gboolean closing)
{
  g_autofree char *passphrase_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  gboolean was_closed;
  const char *usage = closing ? _("Usage: round close DIR [--passphrase-file F]")
                              : _("Usage: round reopen DIR [--passphrase-file F]");
  const char *dir = parse_dir_and_passphrase (&argc, &argv, &passphrase_file, usage);

  if (dir == NULL)
    return PR_CLI_EXIT_USAGE;
  if ((store = pr_cli_open_unlocked (dir, passphrase_file, NULL, &error)) == NULL)
    return fail (error);
  was_closed = pr_store_is_closed (store);
  if (!(closing ? pr_store_close (store, &error) : pr_store_reopen (store, &error)))
    return fail (error);
  if (closing)
    printf (was_closed ? _("The round was already closed.\n")
                       : _("The round is closed: further imports are refused until it is "
                           "reopened.\n"));
  else
    printf (was_closed ? _("The round is open again: ballots can be imported.\n")
                       : _("The round was already open.\n"));
  return PR_CLI_EXIT_OK;
}

static int
round_close (int    argc,
             char **argv)
{
  return round_close_or_reopen (argc, argv, TRUE);
}

static int
round_reopen (int    argc,
              char **argv)
{
  return round_close_or_reopen (argc, argv, FALSE);
}

/* ---- upgrade ---- */

static int
round_upgrade (int    argc,
               char **argv)
{
  g_autofree char *passphrase_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  gboolean was_legacy;
  const char *dir = parse_dir_and_passphrase (&argc, &argv, &passphrase_file,
                                              _("Usage: round upgrade DIR [--passphrase-file F]"));

  if (dir == NULL)
    return PR_CLI_EXIT_USAGE;
  if ((passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, &error)) == NULL ||
      (store = pr_store_open (dir, &error)) == NULL)
    return fail (error);
  was_legacy = pr_store_is_legacy (store);
  if (!pr_store_upgrade (store, passphrase, &error))
    return fail (error);
  printf (was_legacy ? _("The round is protected now: its voters’ keys and import journal can "
                         "no longer be changed without the passphrase.\n")
                     : _("The round was already protected.\n"));
  return PR_CLI_EXIT_OK;
}

/* ---- check ---- */

static void
check_json (GPtrArray *problems,
            gboolean   opened)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_bool (writer, "consistent", problems->len == 0);
  pr_json_writer_member_bool (writer, "opened", opened);
  write_problems (writer, problems);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
}

static void
check_text (PrStore   *store,
            GPtrArray *problems,
            gboolean   opened)
{
  guint n = pr_store_get_n_entries (store);

  if (problems->len > 0)
    {
      printf (ngettext ("The round folder has %u problem:\n",
                        "The round folder has %u problems:\n", problems->len), problems->len);
      print_problems (problems);
    }
  else if (opened)
    printf (ngettext ("The round folder is consistent: %u journaled ballot, present, intact "
                      "and opening to its journaled member and sequence.\n",
                      "The round folder is consistent: %u journaled ballots, each present, "
                      "intact and opening to its journaled member and sequence.\n", n), n);
  else
    printf (ngettext ("The round folder is consistent: %u journaled ballot, present and "
                      "intact (give --passphrase-file to open it too).\n",
                      "The round folder is consistent: %u journaled ballots, each present and "
                      "intact (give --passphrase-file to open them too).\n", n), n);
}

/* Unlocks taking the folder as it is, though older than the one this
 * computer saw last (DESIGN §4): the organizer put back a backup. */
static PrBallotOpener *
accept_rollback (PrStore     *store,
                 const char  *passphrase,
                 GError     **error)
{
  PrBallotOpener *opener;
  guint rolled_back = 0;

  opener = pr_store_unlock_accepting_rollback (store, passphrase, &rolled_back, error);
  if (opener != NULL && rolled_back > 0)
    /* TRANSLATORS: %u is a number of lines */
    g_printerr (ngettext ("The round folder is older than the one last opened on this computer "
                          "(which saw %u line of its import journal). It is accepted as it is: "
                          "what was recorded after it is given up.\n",
                          "The round folder is older than the one last opened on this computer "
                          "(which saw %u lines of its import journal). It is accepted as it is: "
                          "what was recorded after it is given up.\n", rolled_back),
                rolled_back);
  else if (opener != NULL)
    g_printerr (_("The round folder is not older than the one last opened on this computer: "
                  "there was nothing to accept.\n"));
  return opener;
}

static int
round_check (int    argc,
             char **argv)
{
  g_autofree char *passphrase_file = NULL;
  gboolean json = FALSE;
  gboolean rollback = FALSE;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Also open every stored ballot with the passphrase from F"), "F" },
    { "accept-rollback", 0, 0, G_OPTION_ARG_NONE, &rollback,
      N_("Accept the round folder though it is older than the one last opened on this "
         "computer (a backup put back on purpose); needs the passphrase"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return PR_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      pr_cli_print_error (_("Usage: round check DIR [--passphrase-file F] [--accept-rollback] "
                            "[--json]"));
      return PR_CLI_EXIT_USAGE;
    }
  if ((store = pr_store_open (argv[1], &error)) == NULL)
    return fail (error);
  if ((passphrase_file != NULL || rollback) &&
      ((passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, &error)) == NULL ||
       (opener = rollback ? accept_rollback (store, passphrase, &error)
                          : pr_store_unlock (store, passphrase, &error)) == NULL))
    return fail (error);
  problems = pr_store_check_folder (store, opener);
  if (json)
    check_json (problems, opener != NULL);
  else
    check_text (store, problems, opener != NULL);
  return problems->len == 0 ? PR_CLI_EXIT_OK : PR_CLI_EXIT_USAGE;
}

int
pr_cli_round (int    argc,
              char **argv)
{
  static const struct {
    const char *name;
    int (*run) (int, char **);
  } subcommands[] = {
    { "create", round_create },
    { "show", round_show },
    { "reissue", round_reissue },
    { "receipts", round_receipts },
    { "check", round_check },
    { "close", round_close },
    { "reopen", round_reopen },
    { "upgrade", round_upgrade },
    { "mail", pr_cli_round_mail },
  };

  if (argc >= 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (g_str_equal (argv[1], subcommands[i].name))
          return subcommands[i].run (argc - 1, argv + 1);
    }
  pr_cli_print_error (_("Usage: round create|show|reissue|receipts|check|close|reopen|upgrade|mail "
                        "DIR …; see “peer-rank-cli --help”."));
  return PR_CLI_EXIT_USAGE;
}
