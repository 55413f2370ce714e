/* pr-cli-mail.c — peer-rank-cli round mail: invitations and reminders by mail
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>

#include "pr-atomic.h"
#include "pr-cli-common.h"
#include "pr-cli-mail.h"
#include "pr-cli-passphrase.h"
#include "pr-json.h"
#include "pr-mail-compose.h"
#include "pr-mail-plan.h"
#include "pr-output.h"
#include "pr-store-mail.h"
#include "pr-text.h"

typedef struct {
  char     *invitations;
  char     *sendmail;
  char     *out;
  char    **only;
  char     *from;
  char     *passphrase_file;
  gboolean  remind;
} Args;

typedef struct {
  Args       *args;
  char      **command;   /* --sendmail split like a shell command line */
  PrStore    *store;
  guint       n_sent;
  guint       n_no_address;
  guint       n_failed;
} Run;

static void
args_clear (Args *a)
{
  g_free (a->invitations);
  g_free (a->sendmail);
  g_free (a->out);
  g_strfreev (a->only);
  g_free (a->from);
  g_free (a->passphrase_file);
}

static gboolean
check_args (Args        *a,
            int          argc,
            char      ***command,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (argc != 2 || (a->sendmail == NULL) == (a->out == NULL) ||
      (a->invitations == NULL && !a->remind))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Usage: round mail DIR --invitations OUTDIR (--sendmail CMD | --out FOLDER) "
                             "[--only MEMBER]… [--remind] [--passphrase-file F]"));
      return FALSE;
    }
  if (a->sendmail != NULL && !g_shell_parse_argv (a->sendmail, NULL, command, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--sendmail “%s” is not a command line: %s"), a->sendmail,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The folder for --out: made if missing, never inside a round folder
 * (only the store writes there). */
static gboolean
prepare_out (const char  *folder,
             GError     **error)
{
  g_autofree char *probe = g_build_filename (folder, "probe.eml", NULL);

  if (!pr_output_check (probe, TRUE, error))
    return FALSE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static GArray *
resolve_only (PrStore     *store,
              char       **only,
              GError     **error)
{
  PrManifest *manifest = pr_store_get_manifest (store);
  GArray *members;

  if (only == NULL)
    return NULL;
  members = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; only[i] != NULL; i++)
    {
      int index = pr_manifest_lookup_member (manifest, only[i]);

      if (index < 0)
        {
          g_set_error (error, PR_STORE_ERROR, PR_STORE_ERROR_UNKNOWN_MEMBER,
                       _("No member of this round has the id or name “%s”."), only[i]);
          g_array_unref (members);
          return NULL;
        }
      g_array_append_val (members, index);
    }
  return members;
}

/* ---- one message ---- */

static gboolean
pipe_to_command (Run         *run,
                 GByteArray  *message,
                 GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static (message->data, message->len);
  g_autoptr(GBytes) errors = NULL;
  g_autofree char *text = NULL;

  process = g_subprocess_newv ((const char * const *) run->command,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               error);
  if (process == NULL || !g_subprocess_communicate (process, input, NULL, NULL, &errors, error))
    return FALSE;
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    return TRUE;
  text = errors != NULL ? g_strndup (g_bytes_get_data (errors, NULL), g_bytes_get_size (errors)) : NULL;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” failed: %s"), run->args->sendmail,
               text != NULL && text[0] != '\0' ? g_strstrip (text) : _("it did not exit with status 0"));
  return FALSE;
}

static char *
eml_path (Run                   *run,
          const PrMailRecipient *recipient)
{
  PrManifest *manifest = pr_store_get_manifest (run->store);
  g_autofree char *slug = pr_store_invitation_slug (pr_manifest_get_member_name (manifest, recipient->member),
                                                    pr_manifest_get_member_id (manifest, recipient->member));
  g_autofree char *name = g_strconcat (slug, run->args->remind ? "-reminder.eml" : ".eml", NULL);

  return g_build_filename (run->args->out, name, NULL);
}

/* The message written once, mode 0600: it may hold an invitation. */
static gboolean
write_eml (Run                   *run,
           const PrMailRecipient *recipient,
           GByteArray            *message,
           char                 **path_out,
           GError               **error)
{
  g_autofree char *path = eml_path (run, recipient);

  if (!pr_output_check (path, FALSE, error) ||
      !pr_atomic_create_once (path, message->data, message->len, error))
    return FALSE;
  *path_out = g_steal_pointer (&path);
  return TRUE;
}

/* The invitation's bytes (a secret) for the message, or NULL. */
static GBytes *
read_invitation (const PrMailRecipient  *recipient,
                 GError                **error)
{
  return pr_atomic_read (recipient->invitation, PR_INVITATION_MAX_SIZE, TRUE, error);
}

static GByteArray *
compose (Run                   *run,
         const PrMailRecipient *recipient,
         GError               **error)
{
  PrJournalMailKind kind = run->args->remind ? PR_JOURNAL_MAIL_REMINDER : PR_JOURNAL_MAIL_INVITATION;
  g_autoptr(GBytes) invitation = NULL;
  const char *from = run->args->from != NULL ? run->args->from : g_getenv ("EMAIL");
  PrMailMessage m = { pr_store_get_manifest (run->store), recipient->member, recipient->email,
                      kind, NULL, recipient->file_name, from != NULL && from[0] != '\0' ? from : NULL,
                      run->args->out != NULL };
  GByteArray *message;

  if (kind == PR_JOURNAL_MAIL_INVITATION && (invitation = read_invitation (recipient, error)) == NULL)
    return NULL;
  m.attachment = invitation;
  message = pr_mail_compose_message (&m, error);
  /* The only reference: the secret is wiped before it is freed. */
  if (invitation != NULL)
    sodium_memzero ((gpointer) g_bytes_get_data (invitation, NULL), g_bytes_get_size (invitation));
  return message;
}

static void
wipe_message (GByteArray *message)
{
  sodium_memzero (message->data, message->len);
  g_byte_array_unref (message);
}

/* Sends or writes one member's message; FALSE with @error when it could
 * not leave. */
static gboolean
deliver (Run                   *run,
         const PrMailRecipient *recipient,
         char                 **where,
         GError               **error)
{
  GByteArray *message = compose (run, recipient, error);
  gboolean ok;

  if (message == NULL)
    return FALSE;
  if (run->command != NULL)
    ok = pipe_to_command (run, message, error);
  else
    ok = write_eml (run, recipient, message, where, error);
  wipe_message (message);
  return ok;
}

/* ---- the report ---- */

static char *
member_label (Run                   *run,
              const PrMailRecipient *recipient)
{
  const char *name = pr_manifest_get_member_name (pr_store_get_manifest (run->store), recipient->member);
  g_autofree char *text = recipient->email != NULL ? g_strdup_printf ("%s <%s>", name, recipient->email)
                                                   : g_strdup (name);

  /* Names and addresses come from round.json: shown, never obeyed. */
  return pr_text_escape_terminal (text);
}

static void
report_sent (Run                   *run,
             const PrMailRecipient *recipient,
             const char            *where)
{
  g_autofree char *label = member_label (run, recipient);
  g_autofree char *display = where != NULL ? g_filename_display_name (where) : NULL;
  g_autofree char *escaped = display != NULL ? pr_text_escape_terminal (display) : NULL;

  if (escaped != NULL)
    printf (run->args->remind ? _("%s: reminder written to %s\n") : _("%s: invitation written to %s\n"),
            label, escaped);
  else
    printf (run->args->remind ? _("%s: reminder sent\n") : _("%s: invitation sent\n"), label);
}

static gboolean
mail_one (Run                   *run,
          const PrMailRecipient *recipient,
          GError               **fatal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *label = member_label (run, recipient);
  PrJournalMailKind kind = run->args->remind ? PR_JOURNAL_MAIL_REMINDER : PR_JOURNAL_MAIL_INVITATION;

  switch (recipient->state)
    {
    case PR_MAIL_VOTED:
      return TRUE;
    case PR_MAIL_NO_ADDRESS:
      run->n_no_address++;
      if (run->args->remind)
        printf (_("%s: no usable e-mail address in the roster; remind them yourself\n"), label);
      else
        printf (_("%s: no usable e-mail address in the roster; give them their invitation yourself\n"),
                label);
      return TRUE;
    case PR_MAIL_NO_INVITATION:
      run->n_failed++;
      printf (_("%s: no current invitation in the invitations folder (was it re-issued?); "
                "re-issue it with “peer-rank-cli round reissue”\n"), label);
      return TRUE;
    case PR_MAIL_READY:
    default:
      break;
    }
  if (!deliver (run, recipient, &where, &error))
    {
      g_autofree char *message = pr_text_escape_terminal (error->message);

      run->n_failed++;
      printf (_("%s: not sent: %s\n"), label, message);
      return TRUE;
    }
  run->n_sent++;
  report_sent (run, recipient, where);
  /* It left: the journal must say so, or the round folder is not
   * usable any more (stop). */
  return pr_store_record_mail (run->store, recipient->member, kind,
                               run->command != NULL ? PR_JOURNAL_VIA_SENDMAIL : PR_JOURNAL_VIA_FILE,
                               fatal);
}

static void
print_summary (Run *run)
{
  printf (ngettext ("%u message sent or written", "%u messages sent or written", run->n_sent),
          run->n_sent);
  printf (ngettext ("; %u member without an address", "; %u members without an address",
                    run->n_no_address), run->n_no_address);
  printf (ngettext ("; %u failed.\n", "; %u failed.\n", run->n_failed), run->n_failed);
}

static int
mail_run (Args  *a,
          char **command,
          char  *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrStore) store = NULL;
  g_autoptr(GArray) only = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  Run run = { a, command, NULL, 0, 0, 0 };

  if ((a->out != NULL && !prepare_out (a->out, &error)) ||
      (store = pr_cli_open_unlocked (dir, a->passphrase_file, NULL, &error)) == NULL ||
      (a->only != NULL && (only = resolve_only (store, a->only, &error)) == NULL) ||
      (plan = pr_mail_plan (store, a->remind ? PR_JOURNAL_MAIL_REMINDER : PR_JOURNAL_MAIL_INVITATION,
                            a->invitations, only, &error)) == NULL)
    {
      pr_cli_print_error ("%s", error->message);
      return PR_CLI_EXIT_USAGE;
    }
  run.store = store;
  for (guint i = 0; i < plan->len; i++)
    if (!mail_one (&run, g_ptr_array_index (plan, i), &error))
      {
        pr_cli_print_error (_("The message to %s left, but the journal could not record it: %s"),
                            pr_manifest_get_member_name (pr_store_get_manifest (store),
                                                         ((PrMailRecipient *) g_ptr_array_index (plan, i))->member),
                            error->message);
        return PR_CLI_EXIT_USAGE;
      }
  print_summary (&run);
  return run.n_failed > 0 ? PR_CLI_EXIT_REJECTED : PR_CLI_EXIT_OK;
}

int
pr_cli_round_mail (int    argc,
                   char **argv)
{
  Args a = { 0 };
  const GOptionEntry entries[] = {
    { "invitations", 0, 0, G_OPTION_ARG_FILENAME, &a.invitations,
      N_("The folder with the invitations (as written by round create)"), "OUTDIR" },
    { "sendmail", 0, 0, G_OPTION_ARG_STRING, &a.sendmail,
      N_("Pipe each message to CMD, as “sendmail -t” reads it"), "CMD" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &a.out,
      N_("Write each message as an .eml file into FOLDER"), "FOLDER" },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.only,
      N_("Only this member (id or name); may be repeated"), "MEMBER" },
    { "remind", 0, 0, G_OPTION_ARG_NONE, &a.remind,
      N_("A reminder to each member who has not voted, without the invitation"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &a.from,
      N_("The sender (default: $EMAIL, else what the mail program sets)"), "ADDRESS" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &a.passphrase_file,
      N_("Passphrase from the first line of F"), "F" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) command = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !check_args (&a, argc, &command, &error))
    {
      pr_cli_print_error ("%s", error->message);
      status = PR_CLI_EXIT_USAGE;
    }
  else
    status = mail_run (&a, command, argv[1]);
  args_clear (&a);
  return status;
}
