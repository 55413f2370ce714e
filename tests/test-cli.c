/* test-cli.c — peer-rank-cli as a script sees it: exit codes and output
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("PR_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: peer-rank-cli"));
}

static void
test_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "peer-rank-cli " PACKAGE_VERSION "\n");
}

static void
test_usage_errors (void)
{
  const char *none[] = { NULL };
  const char *unknown[] = { "frobnicate", NULL };
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (run_cli (none, &out1, &err1), ==, 2);
  g_assert_cmpint (run_cli (unknown, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "frobnicate"));
  g_assert_cmpstr (out2, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/cli/help", test_help);
  g_test_add_func ("/peer-rank/cli/version", test_version);
  g_test_add_func ("/peer-rank/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
