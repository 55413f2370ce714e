/* fake-email-portal.c — an Email portal that records what it is asked
 * to compose, for the window's tests
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fake-email-portal DIR: owns org.freedesktop.portal.Desktop on the
 * session bus with org.freedesktop.portal.Email (version 4). Each
 * ComposeEmail appends one line of JSON to DIR/calls.jsonl —
 * {"addresses":[…],"cc":[…],"bcc":[…],"subject":s,"body":s,
 *  "attachments":[paths]} — with each attached file (passed as a file
 * descriptor, as libportal does) copied to DIR/attachment-N, and answers
 * with a successful Response as xdg-desktop-portal does. DIR/ready
 * appears once the name is owned. SIGTERM ends it.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static const char introspection[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Email'>"
  "    <method name='ComposeEmail'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static char *dir;
static guint n_attachments;

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GVariant    *options)
{
  g_autofree const char **values = NULL;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  if (g_variant_lookup (options, name, "^a&s", &values))
    for (guint i = 0; values[i] != NULL; i++)
      json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* The descriptor is O_PATH: the file is read through /proc. */
static char *
copy_attachment (int fd)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *contents = NULL;
  char *copy = g_strdup_printf ("%s/attachment-%u", dir, ++n_attachments);
  gsize len = 0;

  if (!g_file_get_contents (proc, &contents, &len, NULL) ||
      !g_file_set_contents (copy, contents, (gssize) len, NULL))
    g_clear_pointer (&copy, g_free);
  return copy;
}

static void
add_attachments (JsonBuilder *builder,
                 GVariant    *options,
                 GUnixFDList *fds)
{
  g_autoptr(GVariant) handles = g_variant_lookup_value (options, "attachment_fds", G_VARIANT_TYPE ("ah"));

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (gsize i = 0; handles != NULL && fds != NULL && i < g_variant_n_children (handles); i++)
    {
      gint32 handle;
      int fd;
      g_autofree char *copy = NULL;

      g_variant_get_child (handles, i, "h", &handle);
      fd = g_unix_fd_list_get (fds, handle, NULL);
      if (fd >= 0 && (copy = copy_attachment (fd)) != NULL)
        json_builder_add_string_value (builder, copy);
      if (fd >= 0)
        close (fd);
    }
  json_builder_end_array (builder);
}

static void
record (GVariant    *options,
        GUnixFDList *fds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  g_autofree char *path = g_build_filename (dir, "calls.jsonl", NULL);
  const char *subject = NULL, *body = NULL;
  FILE *file;

  g_variant_lookup (options, "subject", "&s", &subject);
  g_variant_lookup (options, "body", "&s", &body);
  json_builder_begin_object (builder);
  add_strv (builder, "addresses", options);
  add_strv (builder, "cc", options);
  add_strv (builder, "bcc", options);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject != NULL ? subject : "");
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body != NULL ? body : "");
  add_attachments (builder, options, fds);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  file = fopen (path, "a");
  g_assert (file != NULL);
  fprintf (file, "%s\n", line);
  fclose (file);
}

/* The request object's path, as xdg-desktop-portal makes it from the
 * caller's unique name and handle_token. */
static char *
request_path (const char *sender,
              GVariant   *options)
{
  g_autofree char *escaped = g_strdup (sender + 1);
  const char *token = "t";

  g_strdelimit (escaped, ".", '_');
  g_variant_lookup (options, "handle_token", "&s", &token);
  return g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", escaped, token);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  g_autoptr(GVariant) options = NULL;
  g_autofree char *handle = NULL;
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (g_dbus_method_invocation_get_message (invocation));

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  record (options, fds);
  handle = request_path (sender, options);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));
  /* Response 0: the message was handed to the mail program. */
  g_dbus_connection_emit_signal (connection, sender, handle, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(u@a{sv})", 0,
                                                            g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                 NULL);
}

static GVariant *
get_property (GDBusConnection  *connection,
              const char       *sender,
              const char       *object_path,
              const char       *interface_name,
              const char       *property_name,
              GError          **error,
              gpointer          user_data)
{
  return g_variant_new_uint32 (4);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { 0 } };

static void
bus_acquired_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);

  g_dbus_connection_register_object (connection, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, NULL, NULL, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  g_autofree char *ready = g_build_filename (dir, "ready", NULL);

  g_file_set_contents (ready, "", 0, NULL);
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_main_loop_quit (user_data);
}

static gboolean
terminate_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint owner;

  if (argc != 2)
    return 2;
  dir = argv[1];
  owner = g_bus_own_name (G_BUS_TYPE_SESSION, "org.freedesktop.portal.Desktop",
                          G_BUS_NAME_OWNER_FLAGS_NONE, bus_acquired_cb, name_acquired_cb,
                          name_lost_cb, loop, NULL);
  g_unix_signal_add (SIGTERM, terminate_cb, loop);
  g_main_loop_run (loop);
  g_bus_unown_name (owner);
  return 0;
}
