/* test-i18n.c — the app shell speaks German when asked to
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "pr-application.h"
#include "pr-test-display.h"
#include "pr-window.h"

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  else if (ADW_IS_STATUS_PAGE (widget))
    g_ptr_array_add (texts, g_strdup (adw_status_page_get_title (ADW_STATUS_PAGE (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
contains (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* Runs under LC_ALL=C.UTF-8 LANGUAGE=de (set by meson): glibc ignores
 * LANGUAGE in the C locale, C.UTF-8 is what makes it count. */
static void
test_welcome_in_german (void)
{
  g_autoptr(PrApplication) app = pr_application_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  PrWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = pr_window_new (GTK_APPLICATION (app), pr_application_get_settings (app));

  collect_texts (GTK_WIDGET (window), texts);

  g_assert_true (contains (texts, "Bewerten Sie den Beitrag Ihres Teams"));
  g_assert_true (contains (texts, "_Einladung öffnen …"));
  g_assert_false (contains (texts, "Open _Invitation…"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *localedir = NULL;

  pr_test_require_display ();

  setlocale (LC_ALL, "");
  localedir = g_build_filename (g_getenv ("PR_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/peer-rank/i18n/welcome-in-german", test_welcome_in_german);

  return g_test_run ();
}
