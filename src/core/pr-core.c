/* pr-core.c — initialisation of the Peer Rank core library
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

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
