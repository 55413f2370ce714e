/* pr-manifest.c — the immutable description of a round
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "pr-ballot-error.h"
#include "pr-manifest.h"
#include "pr-text.h"
#include "pr-roster.h"

G_DEFINE_QUARK (pr-manifest-error-quark, pr_manifest_error)

struct _PrManifest {
  gatomicrefcount  ref;
  guint8           id[PR_ROUND_ID_LEN];
  char            *title;
  char            *description;
  char            *deadline;
  char            *organizer;
  guint            min_ranked;
  guint            min_raters;
  guint            n_members;
  char           **ids;
  char           **names;
  guint8           public_key[PR_KX_PUBLIC_LEN];
  guint8           hash[PR_HASH_LEN];
  char            *fingerprint;
};

static PrManifest *
manifest_alloc (void)
{
  PrManifest *manifest = g_new0 (PrManifest, 1);

  g_atomic_ref_count_init (&manifest->ref);
  return manifest;
}

PrManifest *
pr_manifest_ref (PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);

  g_atomic_ref_count_inc (&manifest->ref);
  return manifest;
}

void
pr_manifest_unref (PrManifest *manifest)
{
  g_return_if_fail (manifest != NULL);

  if (!g_atomic_ref_count_dec (&manifest->ref))
    return;
  g_free (manifest->title);
  g_free (manifest->description);
  g_free (manifest->deadline);
  g_free (manifest->organizer);
  g_strfreev (manifest->ids);
  g_strfreev (manifest->names);
  g_free (manifest->fingerprint);
  g_free (manifest);
}

static char *
member_id_for_index (guint index)
{
  return g_strdup_printf ("m%02u", index + 1);
}

/* A one-line text: no control characters at all. */
static gboolean
is_single_line (const char *text,
                gsize       max_chars)
{
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_description (const char *text)
{
  if (g_utf8_strlen (text, -1) > PR_MANIFEST_MAX_DESCRIPTION)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_deadline (const char *text)
{
  guint year, month, day;
  char tail;

  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* The hash and fingerprint follow from the canonical bytes: computed once
 * the fields are in place. */
static void
manifest_finish (PrManifest *manifest)
{
  g_autoptr(GBytes) bytes = pr_manifest_to_bytes (manifest);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  pr_crypto_hash (data, len, manifest->hash);
  manifest->fingerprint = pr_crypto_fingerprint_short (manifest->hash);
}

/* As in roster names: what members read in their invitation must show
 * as what it is (checked for new rounds only, so that every round made
 * before still opens). */
static gboolean
check_new_hidden (const char  *title,
                  const char  *description,
                  const char  *organizer,
                  GError     **error)
{
  PrManifestError code;

  if (pr_text_has_hidden_chars (title, NULL))
    code = PR_MANIFEST_ERROR_TITLE;
  else if (pr_text_has_hidden_chars (description, "\n\t"))
    code = PR_MANIFEST_ERROR_DESCRIPTION;
  else if (pr_text_has_hidden_chars (organizer, NULL))
    code = PR_MANIFEST_ERROR_ORGANIZER;
  else
    return TRUE;
  g_set_error_literal (error, PR_MANIFEST_ERROR, code,
                       _("The title, description and organizer name cannot contain invisible, "
                         "control or text-direction characters."));
  return FALSE;
}

static gboolean
check_new_fields (const char  *title,
                  const char  *description,
                  const char  *deadline,
                  const char  *organizer,
                  GError     **error)
{
  if (!g_utf8_validate (title, -1, NULL) || *title == '\0' ||
      !is_single_line (title, PR_MANIFEST_MAX_TITLE))
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_TITLE,
                   _("The title must be one line of at most %d characters and not empty."),
                   PR_MANIFEST_MAX_TITLE);
      return FALSE;
    }
  if (!g_utf8_validate (description, -1, NULL) || !is_description (description))
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_DESCRIPTION,
                   _("The description must be text of at most %d characters."),
                   PR_MANIFEST_MAX_DESCRIPTION);
      return FALSE;
    }
  if (!is_deadline (deadline))
    {
      g_set_error_literal (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_DEADLINE,
                           _("The deadline must be a date written as YYYY-MM-DD."));
      return FALSE;
    }
  if (!g_utf8_validate (organizer, -1, NULL) || !is_single_line (organizer, PR_MANIFEST_MAX_ORGANIZER))
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_ORGANIZER,
                   _("The organizer name must be one line of at most %d characters."),
                   PR_MANIFEST_MAX_ORGANIZER);
      return FALSE;
    }
  return check_new_hidden (title, description, organizer, error);
}

/* Commands name members by id or exact name, ids first: a person called
 * "m02" would be taken for the member with that id. */
static gboolean
check_names_not_ids (const char * const  *names,
                     guint                n_members,
                     GError             **error)
{
  for (guint i = 0; i < n_members; i++)
    {
      const char *name = names[i];
      guint64 number = 0;
      g_autofree char *id = NULL;

      if ((name[0] != 'm' && name[0] != 'M') ||
          !g_ascii_string_to_unsigned (name + 1, 10, 1, n_members, &number, NULL))
        continue;
      id = member_id_for_index ((guint) number - 1);
      if (g_ascii_strcasecmp (name, id) != 0)
        continue;
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE,
                   _("Name %u: “%s” is also a member id of this round; give the person’s "
                     "name instead."),
                   i + 1, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_new_roster (guint                n_members,
                  guint                min_ranked,
                  guint                min_raters,
                  const char * const  *names,
                  GError             **error)
{
  if (n_members < PR_MANIFEST_MIN_MEMBERS || n_members > PR_MANIFEST_MAX_MEMBERS)
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_ROSTER_SIZE,
                   _("A round needs between %d and %d members."),
                   PR_MANIFEST_MIN_MEMBERS, PR_MANIFEST_MAX_MEMBERS);
      return FALSE;
    }
  if (min_ranked < 1 || min_ranked > n_members - 1)
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_RULES,
                   _("The minimum number of people to rank must be between 1 and %u."),
                   n_members - 1);
      return FALSE;
    }
  if (min_raters > n_members - 1)
    {
      g_set_error (error, PR_MANIFEST_ERROR, PR_MANIFEST_ERROR_RULES,
                   _("The minimum number of raters must be between 0 and %u."),
                   n_members - 1);
      return FALSE;
    }
  return pr_roster_check_names (names, NULL, error) &&
         check_names_not_ids (names, n_members, error);
}

PrManifest *
pr_manifest_new (const guint8       *round_id,
                 const char         *title,
                 const char         *description,
                 const char         *deadline,
                 const char         *organizer,
                 guint               min_ranked,
                 guint               min_raters,
                 const char * const *names,
                 const guint8        public_key[PR_KX_PUBLIC_LEN],
                 GError            **error)
{
  PrManifest *manifest;
  guint n_members;

  g_return_val_if_fail (title != NULL && names != NULL && public_key != NULL, NULL);

  description = description != NULL ? description : "";
  deadline = deadline != NULL ? deadline : "";
  organizer = organizer != NULL ? organizer : "";
  n_members = g_strv_length ((char **) names);
  if (!check_new_fields (title, description, deadline, organizer, error) ||
      !check_new_roster (n_members, min_ranked, min_raters, names, error))
    return NULL;

  manifest = manifest_alloc ();
  if (round_id != NULL)
    memcpy (manifest->id, round_id, PR_ROUND_ID_LEN);
  else
    pr_crypto_random (manifest->id, PR_ROUND_ID_LEN);
  manifest->title = g_strdup (title);
  manifest->description = g_strdup (description);
  manifest->deadline = g_strdup (deadline);
  manifest->organizer = g_strdup (organizer);
  manifest->min_ranked = min_ranked;
  manifest->min_raters = min_raters;
  manifest->n_members = n_members;
  manifest->names = g_strdupv ((char **) names);
  manifest->ids = g_new0 (char *, n_members + 1);
  for (guint i = 0; i < n_members; i++)
    manifest->ids[i] = member_id_for_index (i);
  memcpy (manifest->public_key, public_key, PR_KX_PUBLIC_LEN);
  manifest_finish (manifest);
  return manifest;
}

/* Reading. */

static const PrJsonMember manifest_members[] = {
  { "id", PR_JSON_TYPE_STRING },
  { "title", PR_JSON_TYPE_STRING },
  { "description", PR_JSON_TYPE_STRING },
  { "deadline", PR_JSON_TYPE_STRING },
  { "organizer", PR_JSON_TYPE_STRING },
  { "rules", PR_JSON_TYPE_OBJECT },
  { "members", PR_JSON_TYPE_ARRAY },
  { "public_key", PR_JSON_TYPE_STRING },
};

static const PrJsonMember rules_members[] = {
  { "min_ranked", PR_JSON_TYPE_INT },
  { "min_raters", PR_JSON_TYPE_INT },
};

static const PrJsonMember member_members[] = {
  { "id", PR_JSON_TYPE_STRING },
  { "name", PR_JSON_TYPE_STRING },
};

static gboolean
read_texts (PrManifest  *manifest,
            JsonObject  *object,
            GError     **error)
{
  const char *title = json_object_get_string_member (object, "title");
  const char *description = json_object_get_string_member (object, "description");
  const char *deadline = json_object_get_string_member (object, "deadline");
  const char *organizer = json_object_get_string_member (object, "organizer");
  const char *bad = NULL;

  if (*title == '\0' || !is_single_line (title, PR_MANIFEST_MAX_TITLE))
    bad = "title";
  else if (!is_description (description))
    bad = "description";
  else if (!is_deadline (deadline))
    bad = "deadline";
  else if (!is_single_line (organizer, PR_MANIFEST_MAX_ORGANIZER))
    bad = "organizer";
  if (bad != NULL)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, bad);
      return FALSE;
    }

  manifest->title = g_strdup (title);
  manifest->description = g_strdup (description);
  manifest->deadline = g_strdup (deadline);
  manifest->organizer = g_strdup (organizer);
  return TRUE;
}

static gboolean
read_member (PrManifest  *manifest,
             JsonNode    *node,
             guint        index,
             GError     **error)
{
  g_autofree char *expected_id = member_id_for_index (index);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "members");
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!pr_json_check_members (object, member_members, G_N_ELEMENTS (member_members), error))
    return FALSE;
  if (!g_str_equal (json_object_get_string_member (object, "id"), expected_id))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "id");
      return FALSE;
    }
  manifest->ids[index] = g_steal_pointer (&expected_id);
  manifest->names[index] = g_strdup (json_object_get_string_member (object, "name"));
  return TRUE;
}

static gboolean
read_members (PrManifest  *manifest,
              JsonArray   *array,
              GError     **error)
{
  guint n = json_array_get_length (array);

  if (n < PR_MANIFEST_MIN_MEMBERS || n > PR_MANIFEST_MAX_MEMBERS)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "members");
      return FALSE;
    }

  manifest->n_members = n;
  manifest->ids = g_new0 (char *, n + 1);
  manifest->names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    if (!read_member (manifest, json_array_get_element (array, i), i, error))
      return FALSE;

  /* Names follow the roster rules; a roster message would name lines of
   * a file that is not this one. */
  if (!pr_roster_check_names ((const char * const *) manifest->names, NULL, NULL))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "name");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rules (PrManifest  *manifest,
            JsonObject  *object,
            GError     **error)
{
  gint64 min_ranked, min_raters;

  if (!pr_json_check_members (object, rules_members, G_N_ELEMENTS (rules_members), error) ||
      !pr_json_get_int_in (object, "min_ranked", 1, manifest->n_members - 1, &min_ranked, error) ||
      !pr_json_get_int_in (object, "min_raters", 0, manifest->n_members - 1, &min_raters, error))
    return FALSE;

  manifest->min_ranked = (guint) min_ranked;
  manifest->min_raters = (guint) min_raters;
  return TRUE;
}

PrManifest *
pr_manifest_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(PrManifest) manifest = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "round");
      return NULL;
    }
  object = json_node_get_object (node);
  manifest = manifest_alloc ();
  if (!pr_json_check_members (object, manifest_members, G_N_ELEMENTS (manifest_members), error) ||
      !pr_json_get_base64 (object, "id", manifest->id, PR_ROUND_ID_LEN, error) ||
      !read_texts (manifest, object, error) ||
      !read_members (manifest, json_object_get_array_member (object, "members"), error) ||
      !read_rules (manifest, json_object_get_object_member (object, "rules"), error) ||
      !pr_json_get_base64 (object, "public_key", manifest->public_key, PR_KX_PUBLIC_LEN, error))
    return NULL;

  manifest_finish (manifest);
  return g_steal_pointer (&manifest);
}

void
pr_manifest_write (const PrManifest *manifest,
                   PrJsonWriter     *writer)
{
  g_return_if_fail (manifest != NULL);
  g_return_if_fail (writer != NULL);

  pr_json_writer_begin_object (writer);
  pr_json_writer_member_base64 (writer, "id", manifest->id, PR_ROUND_ID_LEN);
  pr_json_writer_member_string (writer, "title", manifest->title);
  pr_json_writer_member_string (writer, "description", manifest->description);
  pr_json_writer_member_string (writer, "deadline", manifest->deadline);
  pr_json_writer_member_string (writer, "organizer", manifest->organizer);
  pr_json_writer_key (writer, "rules");
  pr_json_writer_begin_object (writer);
  pr_json_writer_member_int (writer, "min_ranked", manifest->min_ranked);
  pr_json_writer_member_int (writer, "min_raters", manifest->min_raters);
  pr_json_writer_end_object (writer);
  pr_json_writer_key (writer, "members");
  pr_json_writer_begin_array (writer);
  for (guint i = 0; i < manifest->n_members; i++)
    {
      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "id", manifest->ids[i]);
      pr_json_writer_member_string (writer, "name", manifest->names[i]);
      pr_json_writer_end_object (writer);
    }
  pr_json_writer_end_array (writer);
  pr_json_writer_member_base64 (writer, "public_key", manifest->public_key, PR_KX_PUBLIC_LEN);
  pr_json_writer_end_object (writer);
}

GBytes *
pr_manifest_to_bytes (const PrManifest *manifest)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();

  g_return_val_if_fail (manifest != NULL, NULL);

  pr_manifest_write (manifest, writer);
  return pr_json_writer_get_bytes (writer, FALSE);
}

const guint8 *
pr_manifest_get_id (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->id;
}

const guint8 *
pr_manifest_get_hash (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->hash;
}

const char *
pr_manifest_get_fingerprint (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->fingerprint;
}

const char *
pr_manifest_get_title (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->title;
}

const char *
pr_manifest_get_description (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->description;
}

const char *
pr_manifest_get_deadline (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->deadline;
}

const char *
pr_manifest_get_organizer (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->organizer;
}

guint
pr_manifest_get_min_ranked (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, 0);
  return manifest->min_ranked;
}

guint
pr_manifest_get_min_raters (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, 0);
  return manifest->min_raters;
}

const guint8 *
pr_manifest_get_public_key (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  return manifest->public_key;
}

guint
pr_manifest_get_n_members (const PrManifest *manifest)
{
  g_return_val_if_fail (manifest != NULL, 0);
  return manifest->n_members;
}

const char *
pr_manifest_get_member_id (const PrManifest *manifest,
                           guint             index)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (index < manifest->n_members, NULL);
  return manifest->ids[index];
}

const char *
pr_manifest_get_member_name (const PrManifest *manifest,
                             guint             index)
{
  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (index < manifest->n_members, NULL);
  return manifest->names[index];
}

int
pr_manifest_find_member (const PrManifest *manifest,
                         const char       *id)
{
  g_return_val_if_fail (manifest != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < manifest->n_members; i++)
    if (g_str_equal (manifest->ids[i], id))
      return (int) i;
  return -1;
}

int
pr_manifest_lookup_member (const PrManifest *manifest,
                           const char       *id_or_name)
{
  int index = pr_manifest_find_member (manifest, id_or_name);

  if (index >= 0)
    return index;
  for (guint i = 0; i < manifest->n_members; i++)
    if (g_str_equal (manifest->names[i], id_or_name))
      return (int) i;
  return -1;
}
