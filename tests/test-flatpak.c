/* test-flatpak.c — the Flatpak manifest keeps its promises
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manifest is checked by a small validator, and the validator is checked
 * on mutated copies of the real manifest, so a broken rule cannot pass
 * silently.
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#define MANIFEST_NAME APP_ID ".json"
#define APP_MODULE_NAME "peer-rank"

typedef enum {
  MANIFEST_ERROR_INVALID,
  MANIFEST_ERROR_IDENTITY,
  MANIFEST_ERROR_RUNTIME,
  MANIFEST_ERROR_FINISH_ARGS,
  MANIFEST_ERROR_CLEANUP,
  MANIFEST_ERROR_APP_MODULE,
  MANIFEST_ERROR_LIBSODIUM,
} ManifestError;

#define MANIFEST_ERROR (manifest_error_quark ())
GQuark manifest_error_quark (void);
G_DEFINE_QUARK (pr-test-manifest-error-quark, manifest_error)

/* Files reach the sandbox through portals; only display and IPC access is
 * granted, and nothing may widen it. */
static const char * const allowed_finish_args[] = {
  "--share=ipc",
  "--socket=fallback-x11",
  "--socket=wayland",
  "--device=dri",
};

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_stable_gnome_version (const char *version)
{
  guint64 major = 0;

  /* A released GNOME runtime is a bare major number ("51"), never
   * "master" or a beta branch. */
  if (version == NULL || !g_ascii_string_to_unsigned (version, 10, 48, 999, &major, NULL))
    return FALSE;
  return TRUE;
}

static gboolean
check_identity (JsonObject  *root,
                GError     **error)
{
  if (g_strcmp0 (member_string (root, "app-id"), APP_ID) != 0 ||
      g_strcmp0 (member_string (root, "command"), "peer-rank") != 0)
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_IDENTITY,
                   "app-id must be %s and command peer-rank", APP_ID);
      return FALSE;
    }

  if (g_strcmp0 (member_string (root, "runtime"), "org.gnome.Platform") != 0 ||
      g_strcmp0 (member_string (root, "sdk"), "org.gnome.Sdk") != 0 ||
      !is_stable_gnome_version (member_string (root, "runtime-version")))
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_RUNTIME,
                   "runtime must be org.gnome.Platform with org.gnome.Sdk at a released version");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_allowed_finish_arg (const char *arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_finish_args); i++)
    if (g_strcmp0 (arg, allowed_finish_args[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_finish_args (JsonObject  *root,
                   GError     **error)
{
  JsonArray *args = member_array (root, "finish-args");

  if (args == NULL || !array_has_string (args, "--socket=wayland") ||
      !array_has_string (args, "--socket=fallback-x11"))
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_FINISH_ARGS,
                   "finish-args must grant the Wayland and fallback X11 sockets");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      JsonNode *node = json_array_get_element (args, i);
      const char *arg = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (!is_allowed_finish_arg (arg))
        {
          g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_FINISH_ARGS,
                       "finish-args must not contain %s: files go through portals",
                       arg != NULL ? arg : "a non-string");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_cleanup (JsonObject  *root,
               GError     **error)
{
  JsonArray *cleanup = member_array (root, "cleanup");

  if (!array_has_string (cleanup, "/include") || !array_has_string (cleanup, "/lib/pkgconfig") ||
      !array_has_string (cleanup, "*.a") || !array_has_string (cleanup, "*.la"))
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_CLEANUP,
                   "cleanup must drop headers, pkg-config files and static libraries");
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
find_source (JsonObject *module,
             const char *type)
{
  JsonArray *sources = member_array (module, "sources");

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (source != NULL && g_strcmp0 (member_string (source, "type"), type) == 0)
        return source;
    }
  return NULL;
}

static gboolean
check_app_module (JsonArray  *modules,
                  GError     **error)
{
  guint n = json_array_get_length (modules);
  JsonObject *app = n > 0 ? json_array_get_object_element (modules, n - 1) : NULL;
  JsonObject *dir = app != NULL ? find_source (app, "dir") : NULL;
  JsonNode *run_tests = app != NULL ? json_object_get_member (app, "run-tests") : NULL;

  if (app == NULL || g_strcmp0 (member_string (app, "name"), APP_MODULE_NAME) != 0 ||
      g_strcmp0 (member_string (app, "buildsystem"), "meson") != 0 ||
      dir == NULL || g_strcmp0 (member_string (dir, "path"), "..") != 0 ||
      run_tests == NULL || json_node_get_value_type (run_tests) != G_TYPE_BOOLEAN ||
      !json_node_get_boolean (run_tests) ||
      !array_has_string (member_array (app, "config-opts"), "-Dfuzzing=none"))
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_APP_MODULE,
                   "the last module must build %s with meson from the dir \"..\" "
                   "with run-tests true and -Dfuzzing=none", APP_MODULE_NAME);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256_hex (const char *digest)
{
  if (digest == NULL || strlen (digest) != 64)
    return FALSE;
  for (const char *p = digest; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
is_pinned (JsonObject *module)
{
  JsonObject *archive = find_source (module, "archive");

  return archive != NULL && is_sha256_hex (member_string (archive, "sha256")) &&
         g_str_has_prefix (member_string (archive, "url"), "https://");
}

/* Each library the runtime lacks (libsodium, libxlsxwriter, GLPK, GMime)
 * is built from an https archive pinned by sha256. The runtime ships
 * libportal (GNOME 50 and later), so it is no module. */
static gboolean
check_dependency (JsonArray   *modules,
                  const char  *name,
                  GError     **error)
{
  /* The app module is last (checked before), so any earlier match is a
   * dependency built before it. */
  for (guint i = 0; i + 1 < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (module != NULL && g_strcmp0 (member_string (module, "name"), name) == 0
          && is_pinned (module))
        return TRUE;
    }

  g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_LIBSODIUM,
               "%s must be a module built from an https archive pinned by sha256", name);
  return FALSE;
}

static gboolean
check_manifest (JsonNode  *root_node,
                GError   **error)
{
  JsonObject *root = JSON_NODE_HOLDS_OBJECT (root_node) ? json_node_get_object (root_node) : NULL;
  JsonArray *modules = root != NULL ? member_array (root, "modules") : NULL;

  if (modules == NULL)
    {
      g_set_error (error, MANIFEST_ERROR, MANIFEST_ERROR_INVALID,
                   "the manifest must be an object with a modules array");
      return FALSE;
    }

  return check_identity (root, error) &&
         check_finish_args (root, error) &&
         check_cleanup (root, error) &&
         check_app_module (modules, error) &&
         check_dependency (modules, "libsodium", error) &&
         check_dependency (modules, "libxlsxwriter", error) &&
         check_dependency (modules, "glpk", error) &&
         check_dependency (modules, "gmime", error);
}

static JsonNode *
load_manifest (void)
{
  const char *root = g_getenv ("PR_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_nonnull (root);
  path = g_build_filename (root, "flatpak", MANIFEST_NAME, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_manifest_valid (void)
{
  g_autoptr(JsonNode) manifest = load_manifest ();
  g_autoptr(GError) error = NULL;

  g_assert_true (check_manifest (manifest, &error));
  g_assert_no_error (error);
}

/* A mutation edits the real manifest at a JSON-pointer-like path. */
typedef enum {
  EDIT_SET,
  EDIT_REMOVE,
  EDIT_APPEND,
} EditOp;

typedef struct {
  const char    *name;
  EditOp         op;
  const char    *path;
  const char    *value;
  ManifestError  expected;
} Mutation;

static const Mutation mutations[] = {
  { "app-id", EDIT_SET, "/app-id", "\"org.example.Other\"", MANIFEST_ERROR_IDENTITY },
  { "command", EDIT_SET, "/command", "\"sh\"", MANIFEST_ERROR_IDENTITY },
  { "kde-runtime", EDIT_SET, "/runtime", "\"org.kde.Platform\"", MANIFEST_ERROR_RUNTIME },
  { "freedesktop-sdk", EDIT_SET, "/sdk", "\"org.freedesktop.Sdk\"", MANIFEST_ERROR_RUNTIME },
  { "nightly-runtime", EDIT_SET, "/runtime-version", "\"master\"", MANIFEST_ERROR_RUNTIME },
  { "old-runtime", EDIT_SET, "/runtime-version", "\"3.38\"", MANIFEST_ERROR_RUNTIME },
  { "filesystem-home", EDIT_APPEND, "/finish-args", "\"--filesystem=home\"", MANIFEST_ERROR_FINISH_ARGS },
  { "filesystem-host", EDIT_APPEND, "/finish-args", "\"--filesystem=host:ro\"", MANIFEST_ERROR_FINISH_ARGS },
  { "network", EDIT_APPEND, "/finish-args", "\"--share=network\"", MANIFEST_ERROR_FINISH_ARGS },
  { "no-wayland", EDIT_REMOVE, "/finish-args/2", NULL, MANIFEST_ERROR_FINISH_ARGS },
  { "no-cleanup", EDIT_REMOVE, "/cleanup", NULL, MANIFEST_ERROR_CLEANUP },
  { "app-not-last", EDIT_APPEND, "/modules", "{\"name\":\"extra\",\"buildsystem\":\"simple\"}",
    MANIFEST_ERROR_APP_MODULE },
  { "cmake", EDIT_SET, "/modules/4/buildsystem", "\"cmake\"", MANIFEST_ERROR_APP_MODULE },
  { "no-run-tests", EDIT_REMOVE, "/modules/4/run-tests", NULL, MANIFEST_ERROR_APP_MODULE },
  { "run-tests-false", EDIT_SET, "/modules/4/run-tests", "false", MANIFEST_ERROR_APP_MODULE },
  { "run-tests-string", EDIT_SET, "/modules/4/run-tests", "\"true\"", MANIFEST_ERROR_APP_MODULE },
  { "source-elsewhere", EDIT_SET, "/modules/4/sources/0/path", "\"../other\"",
    MANIFEST_ERROR_APP_MODULE },
  { "fuzzing-on", EDIT_REMOVE, "/modules/4/config-opts", NULL, MANIFEST_ERROR_APP_MODULE },
  { "no-libsodium", EDIT_REMOVE, "/modules/0", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "no-gmime", EDIT_REMOVE, "/modules/3", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "gmime-unpinned", EDIT_REMOVE, "/modules/3/sources/0/sha256", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "gmime-git", EDIT_SET, "/modules/3/sources/0/type", "\"git\"", MANIFEST_ERROR_LIBSODIUM },
  { "sha256-short", EDIT_SET, "/modules/0/sources/0/sha256",
    "\"ebb65ef6ca439333c2bb41a0c1990587288da07f6c7fd07cb3a18cc18d30ce1\"", MANIFEST_ERROR_LIBSODIUM },
  { "sha256-upper", EDIT_SET, "/modules/0/sources/0/sha256",
    "\"EBB65EF6CA439333C2BB41A0C1990587288DA07F6C7FD07CB3A18CC18D30CE19\"", MANIFEST_ERROR_LIBSODIUM },
  { "sha256-missing", EDIT_REMOVE, "/modules/0/sources/0/sha256", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "no-libxlsxwriter", EDIT_REMOVE, "/modules/1", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "xlsx-unpinned", EDIT_REMOVE, "/modules/1/sources/0/sha256", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "no-glpk", EDIT_REMOVE, "/modules/2", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "glpk-unpinned", EDIT_REMOVE, "/modules/2/sources/0/sha256", NULL, MANIFEST_ERROR_LIBSODIUM },
  { "glpk-plain-http", EDIT_SET, "/modules/2/sources/0/url",
    "\"http://ftp.gnu.org/gnu/glpk/glpk-5.0.tar.gz\"", MANIFEST_ERROR_LIBSODIUM },
  { "plain-http", EDIT_SET, "/modules/0/sources/0/url",
    "\"http://download.libsodium.org/libsodium/releases/libsodium-1.0.20.tar.gz\"",
    MANIFEST_ERROR_LIBSODIUM },
  { "git-branch", EDIT_SET, "/modules/0/sources/0/type", "\"git\"", MANIFEST_ERROR_LIBSODIUM },
};

static JsonNode *
resolve_child (JsonNode   *parent,
               const char *segment)
{
  guint64 index;

  if (JSON_NODE_HOLDS_OBJECT (parent))
    return json_object_get_member (json_node_get_object (parent), segment);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (parent));
  g_assert_true (g_ascii_string_to_unsigned (segment, 10, 0, G_MAXUINT, &index, NULL));
  g_assert_cmpuint (index, <, json_array_get_length (json_node_get_array (parent)));
  return json_array_get_element (json_node_get_array (parent), index);
}

static void
apply_edit (JsonNode       *root,
            const Mutation *m)
{
  g_auto(GStrv) segments = g_strsplit (m->path + 1, "/", -1);
  guint n = g_strv_length (segments);
  JsonNode *parent = root;
  JsonNode *value = m->value != NULL ? json_from_string (m->value, NULL) : NULL;
  const char *last = segments[n - 1];

  for (guint i = 0; i + 1 < n; i++)
    parent = resolve_child (parent, segments[i]);
  g_assert_nonnull (parent);

  if (m->op == EDIT_APPEND)
    json_array_add_element (json_node_get_array (resolve_child (parent, last)), value);
  else if (m->op == EDIT_SET)
    json_object_set_member (json_node_get_object (parent), last, value);
  else if (JSON_NODE_HOLDS_OBJECT (parent))
    json_object_remove_member (json_node_get_object (parent), last);
  else
    json_array_remove_element (json_node_get_array (parent), g_ascii_strtoull (last, NULL, 10));
}

static void
test_manifest_mutation (gconstpointer data)
{
  const Mutation *m = data;
  g_autoptr(JsonNode) manifest = load_manifest ();
  g_autoptr(GError) error = NULL;

  apply_edit (manifest, m);
  g_assert_false (check_manifest (manifest, &error));
  g_assert_error (error, MANIFEST_ERROR, (int) m->expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/peer-rank/flatpak/manifest", test_manifest_valid);
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/flatpak/reject/%s", mutations[i].name);

      g_test_add_data_func (path, &mutations[i], test_manifest_mutation);
    }

  return g_test_run ();
}
