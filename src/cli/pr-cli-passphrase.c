/* pr-cli-passphrase.c — the organizer's passphrase from a file or a prompt
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "pr-atomic.h"
#include "pr-cli-passphrase.h"

/* Longer than any passphrase a person types; the file is read whole. */
#define MAX_PASSPHRASE_FILE 4096
#define MAX_PROMPT_LINE 1024

void
pr_cli_secret_free (PrCliSecret *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

static PrCliSecret *
first_line (const char *data,
            gsize       len)
{
  gsize end = 0;
  PrCliSecret *line;

  while (end < len && data[end] != '\n' && data[end] != '\0')
    end++;
  if (end > 0 && data[end - 1] == '\r')
    end--;
  line = g_malloc (end + 1);
  memcpy (line, data, end);
  line[end] = '\0';
  return line;
}

/* Scripts often hand the passphrase over without a file on disk:
 * `--passphrase-file <(pass show round)` or `--passphrase-file /dev/stdin`.
 * Those are pipes or terminals: read up to the first line end only, so a
 * writer that keeps the pipe open (or a terminal) does not hang us until
 * end of file, and refuse a first line longer than the cap rather than
 * cutting it short. */
static GBytes *
read_stream (const char  *file,
             GError     **error)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GFileInputStream) stream = g_file_read (gfile, NULL, error);
  g_autofree char *buf = NULL;
  gsize len = 0;

  if (stream == NULL)
    return NULL;

  buf = g_malloc (MAX_PASSPHRASE_FILE);
  while (len < MAX_PASSPHRASE_FILE && memchr (buf, '\n', len) == NULL)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buf + len,
                                      MAX_PASSPHRASE_FILE - len, NULL, error);

      if (n < 0)
        {
          sodium_memzero (buf, MAX_PASSPHRASE_FILE);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }

  if (len == MAX_PASSPHRASE_FILE && memchr (buf, '\n', len) == NULL)
    {
      sodium_memzero (buf, MAX_PASSPHRASE_FILE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The first line of %s is longer than %d bytes; that is no passphrase."),
                   file, MAX_PASSPHRASE_FILE);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buf), len);
}

static gboolean
is_stream (const char *file)
{
  GStatBuf st;

  return g_stat (file, &st) == 0 && (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode));
}

static PrCliSecret *
from_file (const char  *file,
           GError     **error)
{
  g_autoptr(GBytes) bytes = is_stream (file) ? read_stream (file, error)
                                             : pr_atomic_read (file, MAX_PASSPHRASE_FILE, FALSE, error);
  PrCliSecret *line;
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  line = first_line (data, len);
  sodium_memzero ((void *) data, len);
  return line;
}

/* Reads one line from the terminal with echo turned off. */
static PrCliSecret *
prompt_once (const char *question)
{
  struct termios old, quiet;
  char buf[MAX_PROMPT_LINE];
  PrCliSecret *line = NULL;

  fputs (question, stderr);
  fflush (stderr);
  if (tcgetattr (STDIN_FILENO, &old) != 0)
    return NULL;
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  if (fgets (buf, sizeof buf, stdin) != NULL)
    line = first_line (buf, strlen (buf));
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  fputc ('\n', stderr);
  sodium_memzero (buf, sizeof buf);
  return line;
}

static PrCliSecret *
from_prompt (gboolean   confirm,
             GError   **error)
{
  g_autoptr(PrCliSecret) first = NULL;
  g_autoptr(PrCliSecret) again = NULL;

  if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A passphrase is needed: give it with --passphrase-file FILE "
                             "(its first line) or run the command in a terminal."));
      return NULL;
    }
  first = prompt_once (_("Passphrase: "));
  if (first != NULL && confirm)
    {
      again = prompt_once (_("Passphrase again: "));
      if (again == NULL || strcmp (first, again) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The two passphrases differ."));
          return NULL;
        }
    }
  if (first == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("No passphrase was read from the terminal."));
      return NULL;
    }
  return g_steal_pointer (&first);
}

PrCliSecret *
pr_cli_passphrase_get (const char  *file,
                       gboolean     confirm,
                       GError     **error)
{
  g_autoptr(PrCliSecret) secret = NULL;

  secret = file != NULL ? from_file (file, error) : from_prompt (confirm, error);
  if (secret == NULL)
    return NULL;
  if (secret[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The passphrase is empty."));
      return NULL;
    }
  return g_steal_pointer (&secret);
}

PrStore *
pr_cli_open_unlocked (const char      *dir,
                      const char      *passphrase_file,
                      PrBallotOpener **opener_out,
                      GError         **error)
{
  g_autoptr(PrStore) store = NULL;
  g_autoptr(PrCliSecret) passphrase = NULL;
  g_autoptr(PrBallotOpener) opener = NULL;

  /* The passphrase first: without it nothing is opened or written. */
  if ((passphrase = pr_cli_passphrase_get (passphrase_file, FALSE, error)) == NULL ||
      (store = pr_store_open (dir, error)) == NULL ||
      (opener = pr_store_unlock (store, passphrase, error)) == NULL)
    return NULL;
  if (opener_out != NULL)
    *opener_out = g_steal_pointer (&opener);
  return g_steal_pointer (&store);
}
