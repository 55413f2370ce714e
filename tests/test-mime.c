/* test-mime.c — desktops recognise Peer Rank files by their first bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a private MIME database from freedesktop.org.xml plus our merged
 * MIME XML with update-mime-database, points GIO at it with
 * g_content_type_set_mime_dirs(), and checks what g_content_type_guess()
 * makes of sample files: our magic must beat the *.json glob, and nothing
 * that is not ours may be claimed.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pr-format.h"

#define MIME_XML_NAME APP_ID ".xml"
#define DESKTOP_NAME APP_ID ".desktop"

static const char * const our_types[] = {
  PR_MIME_INVITATION,
  PR_MIME_BALLOT,
  PR_MIME_ROUND,
};

/* Set up once in main(): the database must exist before GIO's first
 * content-type call, which loads it for the life of the process. */
static char *tmp_dir;
static char *setup_skip;
static char *setup_error;

static char *
find_freedesktop_xml (void)
{
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "mime", "packages",
                                                "freedesktop.org.xml", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static gboolean
copy_into (const char  *source,
           const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *target = g_build_filename (dir, name, NULL);
  gsize len;

  return g_file_get_contents (source, &contents, &len, error) &&
         g_file_set_contents (target, contents, len, error);
}

static gboolean
run_update_mime_database (const char  *program,
                          const char  *mime_dir,
                          GError     **error)
{
  const char *argv[] = { program, mime_dir, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err_out = NULL;
  int status;

  /* With the database's parent on the search path the tool has no note
   * to print about it, so its stderr holds only real complaints. */
  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", tmp_dir, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp_dir, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err_out, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  /* update-mime-database reports mistakes in a package file as warnings
   * and carries on; for our own file any complaint is a failure. */
  if (err_out != NULL && *err_out != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "update-mime-database complained: %s", err_out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
build_mime_database (const char  *program,
                     const char  *freedesktop_xml,
                     const char  *our_xml,
                     GError     **error)
{
  g_autofree char *mime_dir = NULL;
  g_autofree char *packages = NULL;
  const char *dirs[2] = { NULL, NULL };

  tmp_dir = g_dir_make_tmp ("peer-rank-mime-XXXXXX", error);
  if (tmp_dir == NULL)
    return FALSE;
  mime_dir = g_build_filename (tmp_dir, "mime", NULL);
  packages = g_build_filename (mime_dir, "packages", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);

  if (!copy_into (freedesktop_xml, packages, "freedesktop.org.xml", error) ||
      !copy_into (our_xml, packages, MIME_XML_NAME, error) ||
      !run_update_mime_database (program, mime_dir, error))
    return FALSE;

  dirs[0] = mime_dir;
  g_content_type_set_mime_dirs (dirs);
  return TRUE;
}

static void
setup_mime_database (void)
{
  g_autofree char *program = g_find_program_in_path ("update-mime-database");
  g_autofree char *freedesktop_xml = find_freedesktop_xml ();
  g_autofree char *our_xml = g_build_filename (g_getenv ("PR_BUILD_ROOT"), "data",
                                               MIME_XML_NAME, NULL);
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    setup_skip = g_strdup ("update-mime-database is not installed (package shared-mime-info)");
  else if (freedesktop_xml == NULL)
    setup_skip = g_strdup ("freedesktop.org.xml is not installed (package shared-mime-info)");
  else if (!build_mime_database (program, freedesktop_xml, our_xml, &error))
    setup_error = g_strdup (error->message);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
database_ready (void)
{
  if (setup_skip != NULL)
    {
      g_test_skip (setup_skip);
      return FALSE;
    }
  if (setup_error != NULL)
    g_test_message ("%s", setup_error);
  g_assert_null (setup_error);
  return TRUE;
}

static void
test_database (void)
{
  g_autofree char *json = NULL;

  if (!database_ready ())
    return;

  /* The private database holds the system types as well as ours. */
  json = g_content_type_get_description ("application/json");
  g_assert_cmpstr (json, ==, "JSON document");
}

typedef struct {
  const char *name;
  const char *filename;
  const char *bytes;
  const char *expected;
} GuessCase;

static const GuessCase guess_cases[] = {
  { "invitation", "invitation-alice.json",
    "{\"format\":\"peer-rank-invitation\",\"version\":1,\"manifest\":{}}", PR_MIME_INVITATION },
  { "ballot", "ballot-1a2b3c4d-9f8e.json",
    "{\"format\":\"peer-rank-ballot\",\"version\":1,\"round\":\"AAAA\"}", PR_MIME_BALLOT },
  { "round", "round.json",
    "{\"format\":\"peer-rank-round\",\"version\":1,\"manifest\":{}}", PR_MIME_ROUND },
  { "ballot-renamed", "ballot-from-chat.JSON",
    "{\"format\":\"peer-rank-ballot\",\"version\":1}", PR_MIME_BALLOT },
  { "ballot-no-name", NULL, "{\"format\":\"peer-rank-ballot\",\"version\":1}", PR_MIME_BALLOT },
  { "invitation-no-name", NULL,
    "{\"format\":\"peer-rank-invitation\",\"version\":1}", PR_MIME_INVITATION },
  { "round-no-name", NULL, "{\"format\":\"peer-rank-round\",\"version\":1}", PR_MIME_ROUND },
  /* A name whose glob is not a superclass of ours wins over the magic:
   * the desktop treats a ballot saved as .txt as text. */
  { "ballot-as-text", "from-chat.txt",
    "{\"format\":\"peer-rank-ballot\",\"version\":1}", "text/plain" },
  /* Not ours, even when named like ours. */
  { "plain-json", "data.json", "{\"name\":\"x\"}", "application/json" },
  { "json-named-ballot", "ballot-1a2b3c4d-9f8e.json", "{\"name\":\"x\"}", "application/json" },
  { "json-named-round", "round.json", "[1,2,3]", "application/json" },
  { "key-file", "organizer.json", "{\"format\":\"peer-rank-key\",\"version\":1}",
    "application/json" },
  { "tag-prefix", "x.json", "{\"format\":\"peer-rank-ballots\",\"version\":1}",
    "application/json" },
  { "format-not-first", "x.json", "{\"version\":1,\"format\":\"peer-rank-ballot\"}",
    "application/json" },
  { "spaced", "x.json", "{ \"format\": \"peer-rank-ballot\", \"version\": 1 }",
    "application/json" },
  { "truncated", "x.json", "{\"format\":\"peer-rank-ball", "application/json" },
};

static void
test_guess (gconstpointer data)
{
  const GuessCase *c = data;
  g_autofree char *type = NULL;
  gboolean uncertain = TRUE;

  if (!database_ready ())
    return;

  type = g_content_type_guess (c->filename, (const guchar *) c->bytes, strlen (c->bytes),
                               &uncertain);
  g_assert_cmpstr (type, ==, c->expected);
  g_assert_false (uncertain);
}

static void
test_subclass_of_json (void)
{
  if (!database_ready ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (our_types); i++)
    {
      g_autofree char *icon = g_content_type_get_generic_icon_name (our_types[i]);

      g_assert_true (g_content_type_is_a (our_types[i], "application/json"));
      g_assert_false (g_content_type_is_a ("application/json", our_types[i]));
      g_assert_cmpstr (icon, ==, "x-office-document");
    }
}

static void
test_descriptions (void)
{
  static const char * const expected[] = {
    "Peer Rank invitation",
    "Peer Rank sealed ballot",
    "Peer Rank round",
  };

  if (!database_ready ())
    return;

  /* The comments come from our XML, so the types are really installed in
   * the database rather than guessed from their names. */
  for (guint i = 0; i < G_N_ELEMENTS (our_types); i++)
    {
      g_autofree char *description = g_content_type_get_description (our_types[i]);

      g_assert_cmpstr (description, ==, expected[i]);
    }
}

static void
test_desktop_file_handles_types (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PR_BUILD_ROOT"), "data",
                                            DESKTOP_NAME, NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;

  /* Double-clicking a file opens Peer Rank only if the desktop file lists
   * exactly the types the MIME XML defines. */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  types = g_key_file_get_string_list (keys, G_KEY_FILE_DESKTOP_GROUP,
                                      G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_strv_length (types), ==, G_N_ELEMENTS (our_types));
  for (guint i = 0; i < G_N_ELEMENTS (our_types); i++)
    g_assert_true (g_strv_contains ((const char * const *) types, our_types[i]));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Descriptions are compared in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PR_BUILD_ROOT"));
  setup_mime_database ();

  g_test_add_func ("/peer-rank/mime/database", test_database);
  for (guint i = 0; i < G_N_ELEMENTS (guess_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/mime/guess/%s", guess_cases[i].name);

      g_test_add_data_func (path, &guess_cases[i], test_guess);
    }
  g_test_add_func ("/peer-rank/mime/subclass-of-json", test_subclass_of_json);
  g_test_add_func ("/peer-rank/mime/descriptions", test_descriptions);
  g_test_add_func ("/peer-rank/mime/desktop-file", test_desktop_file_handles_types);

  status = g_test_run ();

  if (tmp_dir != NULL)
    remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&setup_skip, g_free);
  g_clear_pointer (&setup_error, g_free);
  return status;
}
