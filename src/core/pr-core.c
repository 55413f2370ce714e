/* pr-core.c — initialisation of the Peer Rank core library
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <sys/resource.h>

#include "pr-core.h"

/* libsodium must be initialised once before any other call; it picks
 * the fastest implementations and seeds its random generator. It is safe
 * to call more than once and from several threads. */
gboolean
pr_core_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The cryptography library could not be initialised."));
      return FALSE;
    }

  return TRUE;
}

/* The import keeps up to a group of written-ahead ballot copies open
 * (1024 by default) and shrinks its groups to fit the soft limit on open
 * files, which is often 1024. Programs, not the library, call this: it
 * raises the soft limit to the hard one, which any process may do. */
void
pr_core_raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
    return;

  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_debug ("Could not raise the limit on open files: %s", g_strerror (errno));
}
