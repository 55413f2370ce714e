/* test-metainfo.c — the AppStream metainfo agrees with the build
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * appstreamcli checks the metainfo's form; this checks its facts against
 * the build: the id, launchable, version, URLs and file types are the ones
 * config.h and pr-format.h use, and every screenshot URL names a PNG that
 * is committed under data/screenshots/.
 */

#include "config.h"

#include <string.h>
#include <glib.h>

#include "pr-format.h"

#define SCREENSHOT_URL_BASE "https://raw.githubusercontent.com/peerrank/peer-rank/main/"

typedef struct {
  GPtrArray  *stack;        /* element names */
  GString    *text;
  gboolean    translated;   /* the current element has xml:lang */
  char       *url_type;

  char       *id;
  char       *launchable;
  char       *license;
  char       *developer;
  char       *release_version;
  char       *release_date;
  GPtrArray  *binaries;
  GPtrArray  *mediatypes;
  GPtrArray  *screenshots;
  guint       n_default_screenshots;
  GHashTable *urls;         /* type → URL */
} MetaInfo;

static void
meta_info_free (MetaInfo *info)
{
  g_ptr_array_unref (info->stack);
  g_string_free (info->text, TRUE);
  g_free (info->url_type);
  g_free (info->id);
  g_free (info->launchable);
  g_free (info->license);
  g_free (info->developer);
  g_free (info->release_version);
  g_free (info->release_date);
  g_ptr_array_unref (info->binaries);
  g_ptr_array_unref (info->mediatypes);
  g_ptr_array_unref (info->screenshots);
  g_hash_table_unref (info->urls);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MetaInfo, meta_info_free)

static char *
element_path (MetaInfo *info)
{
  return g_strjoinv ("/", (char **) info->stack->pdata);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attr_names,
                  const char          **attr_values,
                  gpointer              user_data,
                  GError              **error)
{
  MetaInfo *info = user_data;
  g_autofree char *path = NULL;
  const char *type = NULL;

  g_ptr_array_add (info->stack, g_strdup (name));
  g_string_truncate (info->text, 0);
  info->translated = g_strv_contains (attr_names, "xml:lang");
  path = element_path (info);

  for (guint i = 0; attr_names[i] != NULL; i++)
    if (strcmp (attr_names[i], "type") == 0)
      type = attr_values[i];

  if (strcmp (path, "component/url") == 0)
    set_string (&info->url_type, type);
  else if (strcmp (path, "component/screenshots/screenshot") == 0 && g_strcmp0 (type, "default") == 0)
    info->n_default_screenshots++;
  else if (strcmp (path, "component/releases/release") == 0 && info->release_version == NULL)
    {
      for (guint i = 0; attr_names[i] != NULL; i++)
        if (strcmp (attr_names[i], "version") == 0)
          info->release_version = g_strdup (attr_values[i]);
        else if (strcmp (attr_names[i], "date") == 0)
          info->release_date = g_strdup (attr_values[i]);
    }
}

static void
store_text (MetaInfo   *info,
            const char *path,
            const char *text)
{
  if (strcmp (path, "component/id") == 0)
    set_string (&info->id, text);
  else if (strcmp (path, "component/launchable") == 0)
    set_string (&info->launchable, text);
  else if (strcmp (path, "component/project_license") == 0)
    set_string (&info->license, text);
  else if (strcmp (path, "component/developer/name") == 0)
    set_string (&info->developer, text);
  else if (strcmp (path, "component/provides/binary") == 0)
    g_ptr_array_add (info->binaries, g_strdup (text));
  else if (strcmp (path, "component/provides/mediatype") == 0)
    g_ptr_array_add (info->mediatypes, g_strdup (text));
  else if (strcmp (path, "component/screenshots/screenshot/image") == 0)
    g_ptr_array_add (info->screenshots, g_strdup (text));
  else if (strcmp (path, "component/url") == 0 && info->url_type != NULL)
    g_hash_table_insert (info->urls, g_strdup (info->url_type), g_strdup (text));
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  MetaInfo *info = user_data;
  g_autofree char *path = element_path (info);

  /* Translations repeat an element with xml:lang; the facts live in the
   * untranslated one. */
  if (!info->translated)
    store_text (info, path, g_strstrip (info->text->str));
  info->translated = FALSE;
  g_string_truncate (info->text, 0);
  g_ptr_array_set_size (info->stack, info->stack->len - 1);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  MetaInfo *info = user_data;

  g_string_append_len (info->text, text, len);
}

static MetaInfo *
load_meta_info (void)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autofree char *path = g_build_filename (g_getenv ("PR_BUILD_ROOT"), "data",
                                            APP_ID ".metainfo.xml", NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  MetaInfo *info = g_new0 (MetaInfo, 1);

  info->stack = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  info->text = g_string_new (NULL);
  info->binaries = g_ptr_array_new_with_free_func (g_free);
  info->mediatypes = g_ptr_array_new_with_free_func (g_free);
  info->screenshots = g_ptr_array_new_with_free_func (g_free);
  info->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, info, NULL);
  g_markup_parse_context_parse (context, text, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return info;
}

static gboolean
ptr_array_has_string (GPtrArray  *array,
                      const char *value)
{
  return g_ptr_array_find_with_equal_func (array, value, g_str_equal, NULL);
}

static void
test_identity (void)
{
  g_autoptr(MetaInfo) info = load_meta_info ();

  g_assert_cmpstr (info->id, ==, APP_ID);
  g_assert_cmpstr (info->launchable, ==, APP_ID ".desktop");
  g_assert_cmpstr (info->license, ==, "GPL-3.0-or-later");
  g_assert_cmpstr (info->developer, ==, APP_DEVELOPERS);
  g_assert_cmpstr (g_hash_table_lookup (info->urls, "homepage"), ==, APP_WEBSITE);
  g_assert_cmpstr (g_hash_table_lookup (info->urls, "bugtracker"), ==, APP_ISSUE_URL);
  g_assert_nonnull (g_hash_table_lookup (info->urls, "vcs-browser"));
}

static void
test_release_matches_version (void)
{
  g_autoptr(MetaInfo) info = load_meta_info ();
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  /* The newest release is the version being built: bump both together. */
  g_assert_cmpstr (info->release_version, ==, PACKAGE_VERSION);
  g_assert_nonnull (info->release_date);
  iso = g_strconcat (info->release_date, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (date);
}

static void
test_provides (void)
{
  g_autoptr(MetaInfo) info = load_meta_info ();
  static const char * const types[] = { PR_MIME_INVITATION, PR_MIME_BALLOT, PR_MIME_ROUND };

  g_assert_true (ptr_array_has_string (info->binaries, "peer-rank"));
  g_assert_true (ptr_array_has_string (info->binaries, "peer-rank-cli"));
  g_assert_cmpuint (info->mediatypes->len, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (ptr_array_has_string (info->mediatypes, types[i]));
}

static void
test_screenshots_committed (void)
{
  g_autoptr(MetaInfo) info = load_meta_info ();

  g_assert_cmpuint (info->screenshots->len, >=, 2);
  g_assert_cmpuint (info->n_default_screenshots, ==, 1);

  /* Software centres fetch the images from the main branch, so each URL
   * must name a real PNG in this tree. */
  for (guint i = 0; i < info->screenshots->len; i++)
    {
      const char *url = g_ptr_array_index (info->screenshots, i);
      g_autofree char *path = NULL;
      g_autofree char *bytes = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 0;

      g_assert_true (g_str_has_prefix (url, SCREENSHOT_URL_BASE "data/screenshots/"));
      path = g_build_filename (g_getenv ("PR_SOURCE_ROOT"), url + strlen (SCREENSHOT_URL_BASE), NULL);
      g_file_get_contents (path, &bytes, &len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (len, >, 8);
      g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PR_BUILD_ROOT"));
  g_assert_nonnull (g_getenv ("PR_SOURCE_ROOT"));

  g_test_add_func ("/peer-rank/metainfo/identity", test_identity);
  g_test_add_func ("/peer-rank/metainfo/release", test_release_matches_version);
  g_test_add_func ("/peer-rank/metainfo/provides", test_provides);
  g_test_add_func ("/peer-rank/metainfo/screenshots", test_screenshots_committed);

  return g_test_run ();
}
