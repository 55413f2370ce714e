/* cli-fixture.h — running the real peer-rank-cli from a test
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

/* Runs $PR_CLI with @args (NULL-terminated), the environment @envp
 * (NULL: this process's) and stdin from /dev/null; returns its exit
 * status (-1 when it did not exit) and, when asked for, what it
 * printed. */
static inline int
run_cli_argv_env (char              **envp,
                  char              **out,
                  char              **err,
                  const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_local = NULL, *err_local = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("PR_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &out_local, &err_local, &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&out_local);
  if (err != NULL)
    *err = g_steal_pointer (&err_local);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static inline int
run_cli_argv (char              **out,
              char              **err,
              const char *const  *args)
{
  return run_cli_argv_env (NULL, out, err, args);
}

#define run_cli(out, err, ...) \
  run_cli_argv (out, err, (const char *const[]) { __VA_ARGS__, NULL })
#define run_cli_env(envp, out, err, ...) \
  run_cli_argv_env (envp, out, err, (const char *const[]) { __VA_ARGS__, NULL })

/* The JSON object @text holds; the test fails when it holds none. */
static inline JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}
