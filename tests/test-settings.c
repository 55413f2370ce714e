/* test-settings.c — the GSettings schema the app relies on
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the schema compiled into <build>/data (GSETTINGS_SCHEMA_DIR)
 * with the memory backend, so nothing touches the user's settings.
 */

#include "config.h"

#include <gio/gio.h>

#include "pr-methods.h"
#include "pr-profile.h"

typedef struct {
  const char *key;
  const char *default_value;   /* GVariant text form */
  const char *valid;           /* a value the schema accepts, or NULL */
  const char *invalid;         /* a value the schema refuses, or NULL */
} KeyCase;

static const KeyCase key_cases[] = {
  { "window-width", "960", "360", "359" },
  { "window-height", "720", "10000", "293" },
  { "window-maximized", "false", "true", NULL },
  { "last-folder", "''", "'/tmp'", NULL },
  { "recent-rounds", "[]", "['/tmp/round']", NULL },
  { "recent-round-titles", "@a{ss} {}", "{'/tmp/round': 'Q3 review'}", NULL },
  { "unranked-treatment", "'ignore'", "'below'", "'above'" },
  { "primary-method", "'plackett_luce'", "'ranked_pairs'", "'ranked-pairs'" },
  { "bootstrap-resamples", "1000", "0", "100001" },
};

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);
  return schema;
}

static GVariant *
parse_for_key (GSettingsSchemaKey *key,
               const char         *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (g_settings_schema_key_get_value_type (key),
                                     text, NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_schema (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/io/github/peerrank/PeerRank/");
  g_assert_cmpuint (g_strv_length (keys), ==, G_N_ELEMENTS (key_cases));

  /* Every key explains itself in dconf-editor and similar tools. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      const char *summary = g_settings_schema_key_get_summary (key);
      const char *description = g_settings_schema_key_get_description (key);

      g_assert_nonnull (summary);
      g_assert_cmpstr (summary, !=, "");
      g_assert_nonnull (description);
      g_assert_cmpstr (description, !=, "");
    }
}

static void
test_key (gconstpointer data)
{
  const KeyCase *c = data;
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) expected = NULL;
  g_autoptr(GVariant) actual = NULL;

  g_assert_true (g_settings_schema_has_key (schema, c->key));
  key = g_settings_schema_get_key (schema, c->key);

  expected = parse_for_key (key, c->default_value);
  actual = g_settings_schema_key_get_default_value (key);
  g_assert_true (g_variant_equal (expected, actual));

  if (c->valid != NULL)
    {
      g_autoptr(GVariant) valid = parse_for_key (key, c->valid);

      g_assert_true (g_settings_schema_key_range_check (key, valid));
    }
  if (c->invalid != NULL)
    {
      g_autoptr(GVariant) invalid = parse_for_key (key, c->invalid);

      g_assert_false (g_settings_schema_key_range_check (key, invalid));
    }
}

static GStrv
key_choices (GSettingsSchema *schema,
             const char      *name)
{
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, name);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *kind = NULL;

  g_variant_get (range, "(sv)", &kind, &choices);
  g_assert_cmpstr (kind, ==, "enum");
  return g_variant_dup_strv (choices, NULL);
}

static void
test_choices_match_core (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  g_auto(GStrv) methods = key_choices (schema, "primary-method");
  g_auto(GStrv) treatments = key_choices (schema, "unranked-treatment");

  /* The app hands these strings straight to the core, so the schema
   * offers exactly the tokens the core parses: no more, no fewer. */
  g_assert_cmpuint (g_strv_length (methods), ==, PR_N_METHODS);
  for (guint i = 0; methods[i] != NULL; i++)
    {
      PrMethod method;

      g_assert_true (pr_method_from_string (methods[i], &method));
      g_assert_cmpstr (pr_method_to_string (method), ==, methods[i]);
    }

  g_assert_cmpuint (g_strv_length (treatments), ==, 2);
  for (guint i = 0; treatments[i] != NULL; i++)
    {
      PrTreatment treatment;

      g_assert_true (pr_treatment_from_string (treatments[i], &treatment));
      g_assert_cmpstr (pr_treatment_to_string (treatment), ==, treatments[i]);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *method = NULL;

  /* What the window writes on close it reads back on the next start. */
  g_assert_true (g_settings_set_int (settings, "window-width", 1234));
  g_assert_true (g_settings_set_boolean (settings, "window-maximized", TRUE));
  g_assert_true (g_settings_set_string (settings, "primary-method", "schulze"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1234);
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));
  method = g_settings_get_string (settings, "primary-method");
  g_assert_cmpstr (method, ==, "schulze");

  g_settings_reset (settings, "window-width");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 960);

  g_assert_finalize_object (g_steal_pointer (&settings));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The memory backend keeps the test away from the user's dconf. */
  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");

  g_test_add_func ("/peer-rank/settings/schema", test_schema);
  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/settings/key/%s", key_cases[i].key);

      g_test_add_data_func (path, &key_cases[i], test_key);
    }
  g_test_add_func ("/peer-rank/settings/choices-match-core", test_choices_match_core);
  g_test_add_func ("/peer-rank/settings/round-trip", test_round_trip);

  return g_test_run ();
}
