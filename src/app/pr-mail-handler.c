/* pr-mail-handler.c — handing a message to the person's mail program
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <libportal/portal.h>

#include "pr-mail-handler.h"

#define PORTAL_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define EMAIL_IFACE  "org.freedesktop.portal.Email"
/* A portal being started on demand answers within seconds. */
#define PROBE_TIMEOUT_MS 10000

typedef struct {
  GtkWindow   *parent;       /* nullable */
  char        *to;
  char        *subject;
  char        *body;
  char        *attachment;   /* nullable */
  PrMailRoute  route;
} Compose;

static void
compose_free (gpointer data)
{
  Compose *compose = data;

  g_clear_object (&compose->parent);
  g_free (compose->to);
  g_free (compose->subject);
  g_free (compose->body);
  g_free (compose->attachment);
  g_free (compose);
}

/* ---- xdg-email ---- */

static void
xdg_email_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The mail program could not be opened: %s"), error->message);
  else
    g_task_return_boolean (task, TRUE);
}

/* Without a portal (a desktop that has none), xdg-email finds the mail
 * program and attaches the file where the program can. */
static void
compose_with_xdg_email (GTask *task)
{
  Compose *compose = g_task_get_task_data (task);
  g_autofree char *program = g_find_program_in_path ("xdg-email");
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GSubprocess) process = NULL;
  GError *error = NULL;

  if (program == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No mail program could be reached: the desktop has no e-mail "
                                 "portal and xdg-email is not installed."));
      g_object_unref (task);
      return;
    }
  compose->route = PR_MAIL_ROUTE_XDG_EMAIL;
  g_strv_builder_add_many (argv, program, "--utf8", "--subject", compose->subject,
                           "--body", compose->body, NULL);
  if (compose->attachment != NULL)
    g_strv_builder_add_many (argv, "--attach", compose->attachment, NULL);
  g_strv_builder_add (argv, compose->to);
  args = g_strv_builder_end (argv);
  process = g_subprocess_newv ((const char * const *) args, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_subprocess_wait_check_async (process, g_task_get_cancellable (task), xdg_email_cb, task);
}

/* ---- the Email portal ---- */

static void
portal_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (xdp_portal_compose_email_finish (XDP_PORTAL (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
compose_with_portal (GTask *task)
{
  Compose *compose = g_task_get_task_data (task);
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  const char *addresses[] = { compose->to, NULL };
  const char *attachments[] = { compose->attachment, NULL };
  XdpParent *parent = compose->parent != NULL ? xdp_parent_new_gtk (compose->parent) : NULL;

  compose->route = PR_MAIL_ROUTE_PORTAL;
  xdp_portal_compose_email (portal, parent, addresses, NULL, NULL, compose->subject, compose->body,
                            compose->attachment != NULL ? attachments : NULL, XDP_EMAIL_FLAG_NONE,
                            g_task_get_cancellable (task), portal_cb, task);
  g_clear_pointer (&parent, xdp_parent_free);
}

/* libportal reads the interface's version itself and fails loudly when
 * there is none: ask first, quietly, whether the portal has it. */
static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (reply != NULL)
    compose_with_portal (task);
  else
    {
      g_debug ("No e-mail portal (%s): trying xdg-email", error->message);
      compose_with_xdg_email (task);
    }
}

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);

  if (bus == NULL)
    {
      compose_with_xdg_email (task);
      return;
    }
  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", EMAIL_IFACE, "version"), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NONE, PROBE_TIMEOUT_MS, g_task_get_cancellable (task),
                          probe_cb, task);
}

void
pr_mail_handler_compose_async (GtkWindow           *parent,
                               const char          *to,
                               const char          *subject,
                               const char          *body,
                               const char          *attachment,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Compose *compose = g_new0 (Compose, 1);

  g_return_if_fail (to != NULL && subject != NULL && body != NULL);

  compose->parent = parent != NULL ? g_object_ref (parent) : NULL;
  compose->to = g_strdup (to);
  compose->subject = g_strdup (subject);
  compose->body = g_strdup (body);
  compose->attachment = g_strdup (attachment);
  g_task_set_source_tag (task, pr_mail_handler_compose_async);
  g_task_set_task_data (task, compose, compose_free);
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_cb, task);
}

gboolean
pr_mail_handler_compose_finish (GAsyncResult  *result,
                                PrMailRoute   *route,
                                GError       **error)
{
  Compose *compose;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pr_mail_handler_compose_async,
                        FALSE);

  compose = g_task_get_task_data (G_TASK (result));
  if (route != NULL)
    *route = compose->route;
  return g_task_propagate_boolean (G_TASK (result), error);
}
