/* test-ui-files.c — every .ui file in our resources loads
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pr-application.h"
#include "pr-decision-row.h"
#include "pr-member-row.h"
#include "pr-passphrase-meter.h"
#include "pr-ranking-page.h"
#include "pr-ranking-row.h"
#include "pr-report-view.h"
#include "pr-results-agreement.h"
#include "pr-results-charts.h"
#include "pr-results-coverage.h"
#include "pr-results-flags.h"
#include "pr-results-influence.h"
#include "pr-results-methods.h"
#include "pr-results-page.h"
#include "pr-roster-editor.h"
#include "pr-round-assistant.h"
#include "pr-round-page.h"
#include "pr-test-display.h"
#include "pr-window.h"

static void
collect_ui_files (const char *path,
                  GPtrArray  *out)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (child, out);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

/* Returns the class of <template class="…">, or NULL for a plain builder file. */
static char *
template_class (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *start = strstr (text, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
  g_autofree char *klass = NULL;

  g_assert_no_error (error);
  klass = template_class (bytes);

  if (klass == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();

      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);
    }
  else
    {
      GType type = g_type_from_name (klass);
      GObject *object;

      /* A template class this test does not know must be added to the
       * g_type_ensure() list in main(). */
      g_assert_cmpstr (g_type_name (type), ==, klass);
      object = g_object_new (type, NULL);
      g_assert_true (GTK_IS_WIDGET (object));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      else
        g_object_ref_sink (object), g_object_unref (object);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  pr_test_require_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Every class with a template. */
  g_type_ensure (PR_TYPE_DECISION_ROW);
  g_type_ensure (PR_TYPE_MEMBER_ROW);
  g_type_ensure (PR_TYPE_PASSPHRASE_METER);
  g_type_ensure (PR_TYPE_RANKING_PAGE);
  g_type_ensure (PR_TYPE_RANKING_ROW);
  g_type_ensure (PR_TYPE_RESULTS_PAGE);
  g_type_ensure (PR_TYPE_RESULTS_AGREEMENT);
  g_type_ensure (PR_TYPE_RESULTS_CHARTS);
  g_type_ensure (PR_TYPE_RESULTS_COVERAGE);
  g_type_ensure (PR_TYPE_RESULTS_FLAGS);
  g_type_ensure (PR_TYPE_RESULTS_INFLUENCE);
  g_type_ensure (PR_TYPE_RESULTS_METHODS);
  g_type_ensure (PR_TYPE_RESULTS_RANKING);
  g_type_ensure (PR_TYPE_REPORT_VIEW);
  g_type_ensure (PR_TYPE_ROSTER_EDITOR);
  g_type_ensure (PR_TYPE_ROUND_ASSISTANT);
  g_type_ensure (PR_TYPE_ROUND_PAGE);
  g_type_ensure (PR_TYPE_WINDOW);

  collect_ui_files ("/io/github/peerrank/PeerRank/", files);
  g_assert_cmpuint (files->len, >=, 3);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *test_path = g_strconcat ("/peer-rank/ui-files", (char *) files->pdata[i]
                                                + strlen ("/io/github/peerrank/PeerRank"), NULL);

      g_test_add_data_func (test_path, files->pdata[i], test_ui_file);
    }

  return g_test_run ();
}
