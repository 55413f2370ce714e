/* pr-mail-handler.h — handing a message to the person's mail program
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  PR_MAIL_ROUTE_PORTAL,      /* the Email portal (always so in Flatpak) */
  PR_MAIL_ROUTE_XDG_EMAIL,   /* xdg-email --attach, without a portal */
} PrMailRoute;

/* Opens a message to @to alone in the mail program, with @subject,
 * @body and the file @attachment (nullable) attached, for the person to
 * send: through the Email portal when the session has one, else through
 * xdg-email. G_IO_ERROR_NOT_FOUND when neither can be reached,
 * G_IO_ERROR_CANCELLED when the person cancelled. */
void      pr_mail_handler_compose_async  (GtkWindow            *parent,
                                          const char           *to,
                                          const char           *subject,
                                          const char           *body,
                                          const char           *attachment,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  pr_mail_handler_compose_finish (GAsyncResult         *result,
                                          PrMailRoute          *route,
                                          GError              **error);

G_END_DECLS
