/* pr-application.c — the Peer Rank application
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-application.h"
#include "pr-core.h"
#include "pr-window.h"

struct _PrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (PrApplication, pr_application, ADW_TYPE_APPLICATION)

PrApplication *
pr_application_new (void)
{
  return g_object_new (PR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* Returns NULL when the schema is not installed (an uninstalled build
 * started without GSETTINGS_SCHEMA_DIR): the app then works, it just does
 * not remember window state. g_settings_new() would abort instead. */
GSettings *
pr_application_get_settings (PrApplication *self)
{
  g_return_val_if_fail (PR_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema == NULL)
        {
          g_message ("Settings schema %s is not installed; window state is not saved", APP_ID);
          return NULL;
        }
      self->settings = g_settings_new_full (schema, NULL, NULL);
    }

  return self->settings;
}

static PrWindow *
get_or_create_window (PrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (pr_window_new (GTK_APPLICATION (self), pr_application_get_settings (self)));

  return PR_WINDOW (window);
}

static void
pr_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (PR_APPLICATION (app))));
}

/* Files from the command line, the desktop (double-click) or another
 * instance arrive here; the window routes each by its type. */
static void
pr_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PrWindow *window = get_or_create_window (PR_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    pr_window_open_file (window, files[i]);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PrApplication *self = user_data;
  g_auto(GStrv) developers = g_strsplit (APP_DEVELOPERS, "\n", -1);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Peer Rank"),
                        "application-icon", APP_ID,
                        "developer-name", _("Peer Rank contributors"),
                        "version", PACKAGE_VERSION,
                        "website", APP_WEBSITE,
                        "issue-url", APP_ISSUE_URL,
                        "copyright", APP_COPYRIGHT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* TRANSLATORS: your name, shown in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Each window's close path decides (it may ask first, DESIGN §1): the
   * application ends when its last window has closed, never while one
   * still holds work. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
pr_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.new-round", { "<Control>n", NULL } },
    { "win.demo", { "<Control><Shift>d", NULL } },
  };
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (pr_application_parent_class)->startup (app);

  if (!pr_core_init (&error))
    g_critical ("%s", error->message);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

static void
pr_application_finalize (GObject *object)
{
  PrApplication *self = PR_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pr_application_parent_class)->finalize (object);
}

static void
pr_application_class_init (PrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pr_application_finalize;

  app_class->activate = pr_application_activate;
  app_class->open = pr_application_open;
  app_class->startup = pr_application_startup;
}

static void
pr_application_init (PrApplication *self)
{
}
