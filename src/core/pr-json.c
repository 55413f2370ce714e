/* pr-json.c — strict JSON reading and canonical JSON writing
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "pr-ballot-error.h"
#include "pr-format.h"
#include "pr-json.h"

typedef enum {
  SCAN_OK,
  SCAN_TOO_DEEP,
  SCAN_BAD_CHAR,
} ScanResult;

/* Outside strings, valid JSON only has structure, whitespace, numbers and
 * the letters of true, false and null. Anything else (a single quote, a
 * comment) could hide brackets from the depth count below while
 * json-glib, which accepts them, still nests them: refuse them first. */
static gboolean
is_json_outside_char (guint8 c)
{
  return strchr ("{}[]:,\" \t\r\n-+.0123456789eEaflnrstu", c) != NULL && c != '\0';
}

static ScanResult
scan (const guint8 *data,
      gsize         len,
      guint         max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (!is_json_outside_char (c))
        return SCAN_BAD_CHAR;
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return SCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return SCAN_OK;
}

gboolean
pr_json_check_depth (const guint8 *data,
                     gsize         len,
                     guint         max_depth)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  return scan (data, len, max_depth) != SCAN_TOO_DEEP;
}

static gboolean
is_blank (const guint8 *data,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Everything that can be decided on the raw bytes, cheapest first. */
static gboolean
check_bytes (const guint8  *data,
             gsize          len,
             gsize          max_size,
             GError       **error)
{
  ScanResult result;

  if (len > max_size)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_FS_TOO_LARGE);
      return FALSE;
    }
  if (is_blank (data, len))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_EMPTY);
      return FALSE;
    }
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate_len ((const char *) data, len, NULL))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_ENCODING);
      return FALSE;
    }

  result = scan (data, len, PR_JSON_MAX_DEPTH);
  if (result != SCAN_OK)
    {
      pr_ballot_error_set (error, result == SCAN_TOO_DEEP
                                  ? PR_BALLOT_ERROR_ENVELOPE_TOO_DEEP
                                  : PR_BALLOT_ERROR_ENVELOPE_SYNTAX);
      return FALSE;
    }

  return TRUE;
}

JsonNode *
pr_json_parse (const guint8  *data,
               gsize          len,
               gsize          max_size,
               GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_bytes (data, len, max_size, error))
    return NULL;

  /* json-glib's message quotes the input: it never reaches people. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) len, &local_error))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_SYNTAX);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_EMPTY);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT);
      return NULL;
    }

  return g_steal_pointer (&root);
}

static gboolean
node_has_type (JsonNode   *node,
               PrJsonType  type)
{
  switch (type)
    {
    case PR_JSON_TYPE_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case PR_JSON_TYPE_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case PR_JSON_TYPE_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case PR_JSON_TYPE_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case PR_JSON_TYPE_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    default:
      /* The type comes from our own field tables, never from a file. */
      g_return_val_if_reached (FALSE);
    }
}

static void
set_wrong_kind (GError     **error,
                const char  *expected,
                const char  *actual)
{
  const char *message;

  if (g_str_equal (expected, PR_FORMAT_BALLOT))
    {
      if (g_str_equal (actual, PR_FORMAT_INVITATION))
        message = _("This is an invitation, not a ballot.");
      else if (g_str_equal (actual, PR_FORMAT_ROUND))
        message = _("This is a round file, not a ballot.");
      else
        message = _("This is an organizer key file, not a ballot.");
    }
  else if (g_str_equal (actual, PR_FORMAT_BALLOT))
    message = _("This is a ballot, which cannot be used here.");
  else if (g_str_equal (actual, PR_FORMAT_INVITATION))
    message = _("This is an invitation, which cannot be used here.");
  else if (g_str_equal (actual, PR_FORMAT_ROUND))
    message = _("This is a round file, which cannot be used here.");
  else
    message = _("This is an organizer key file, which cannot be used here.");

  g_set_error_literal (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, message);
}

static gboolean
is_known_format (const char *tag)
{
  return g_str_equal (tag, PR_FORMAT_BALLOT) || g_str_equal (tag, PR_FORMAT_INVITATION) ||
         g_str_equal (tag, PR_FORMAT_ROUND) || g_str_equal (tag, PR_FORMAT_KEY);
}

static gboolean
check_format (JsonObject  *object,
              const char  *format,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "format");
  const char *tag;

  if (node == NULL || !node_has_type (node, PR_JSON_TYPE_STRING))
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK);
      return FALSE;
    }
  tag = json_node_get_string (node);
  if (g_str_equal (tag, format))
    return TRUE;

  if (is_known_format (tag))
    set_wrong_kind (error, format, tag);
  else
    pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK);
  return FALSE;
}

static gboolean
check_version (JsonObject  *object,
               gint64       version,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "version");
  gint64 found;

  if (node == NULL)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER, "version");
      return FALSE;
    }
  if (!node_has_type (node, PR_JSON_TYPE_INT))
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "version");
      return FALSE;
    }
  found = json_node_get_int (node);
  if (found > version)
    {
      pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION);
      return FALSE;
    }
  if (found < 1)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "version");
      return FALSE;
    }
  return TRUE;
}

/* The kind of file first, then its version: a newer file may have
 * members this version does not know, and deserves the "newer Peer
 * Rank" message rather than "unknown member". */
gboolean
pr_json_check_header (JsonObject  *object,
                      const char  *format,
                      gint64       version,
                      GError     **error)
{
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  return check_format (object, format, error) && check_version (object, version, error);
}

/* A member name from the file is only repeated in a message when it
 * looks like one of ours: short lowercase ASCII. */
static gboolean
is_quotable_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      return FALSE;
  return TRUE;
}

static const PrJsonMember *
find_member (const PrJsonMember *members,
             gsize               n_members,
             const char         *name)
{
  for (gsize i = 0; i < n_members; i++)
    if (g_str_equal (members[i].name, name))
      return &members[i];
  return NULL;
}

static gboolean
check_no_unknown (JsonObject         *object,
                  const PrJsonMember *members,
                  gsize               n_members,
                  GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (find_member (members, n_members, name) != NULL)
        continue;
      if (is_quotable_name (name))
        pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, name);
      else
        pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER);
      return FALSE;
    }
  return TRUE;
}

gboolean
pr_json_check_members (JsonObject         *object,
                       const PrJsonMember *members,
                       gsize               n_members,
                       GError            **error)
{
  g_return_val_if_fail (object != NULL, FALSE);

  if (!check_no_unknown (object, members, n_members, error))
    return FALSE;

  for (gsize i = 0; i < n_members; i++)
    {
      JsonNode *node = json_object_get_member (object, members[i].name);

      if (node == NULL)
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER,
                                      members[i].name);
          return FALSE;
        }
      if (!node_has_type (node, members[i].type))
        {
          pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE,
                                      members[i].name);
          return FALSE;
        }
      /* The raw bytes are valid UTF-8, but json-glib turns an escaped
       * lone surrogate ("\ud800") into bytes that are not. */
      if (members[i].type == PR_JSON_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_ENCODING);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pr_json_get_int_in (JsonObject  *object,
                    const char  *member,
                    gint64       min,
                    gint64       max,
                    gint64      *out,
                    GError     **error)
{
  gint64 value;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  value = json_object_get_int_member (object, member);
  if (value < min || value > max)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, member);
      return FALSE;
    }
  if (out != NULL)
    *out = value;
  return TRUE;
}

/* The decoded length of padded base64 text, or G_MAXSIZE when the text
 * cannot be canonical base64 of any length. */
static gsize
base64_decoded_len (const char *text,
                    gsize       text_len)
{
  gsize pad = 0;

  if (text_len % 4 != 0)
    return G_MAXSIZE;
  if (text_len >= 1 && text[text_len - 1] == '=')
    pad++;
  if (text_len >= 2 && text[text_len - 2] == '=')
    pad++;
  return text_len / 4 * 3 - pad;
}

gboolean
pr_base64_decode (const char  *text,
                  guint8      *out,
                  gsize        out_max,
                  gsize       *out_len,
                  const char  *member,
                  GError     **error)
{
  gsize text_len;
  gsize expected;
  gsize bin_len = 0;
  const char *end = NULL;
  char *again;
  gboolean canonical;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  text_len = strlen (text);
  expected = base64_decoded_len (text, text_len);
  if (expected == G_MAXSIZE)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, member);
      return FALSE;
    }
  if (expected > out_max)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, member);
      return FALSE;
    }

  /* sodium_base642bin stores a length even when it fails: only its return
   * value and the end pointer tell. Re-encoding catches non-zero padding
   * bits, the one non-canonical spelling the decoder may let through. */
  if (sodium_base642bin (out, out_max, text, text_len, NULL, &bin_len, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text + text_len || bin_len != expected)
    {
      sodium_memzero (out, out_max);
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, member);
      return FALSE;
    }
  /* The decoded bytes may be a secret (an invitation's seed): wipe the
   * copy made to check them. */
  again = pr_base64_encode (out, bin_len);
  canonical = g_str_equal (again, text);
  sodium_memzero (again, strlen (again));
  g_free (again);
  if (!canonical)
    {
      sodium_memzero (out, bin_len);
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, member);
      return FALSE;
    }

  if (out_len != NULL)
    *out_len = bin_len;
  return TRUE;
}

char *
pr_base64_encode (const guint8 *data,
                  gsize         len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, data, len, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

gboolean
pr_json_get_base64 (JsonObject  *object,
                    const char  *member,
                    guint8      *out,
                    gsize        len,
                    GError     **error)
{
  gsize got = 0;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if (!pr_base64_decode (json_object_get_string_member (object, member),
                         out, len, &got, member, error))
    return FALSE;
  if (got != len)
    {
      sodium_memzero (out, len);
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, member);
      return FALSE;
    }
  return TRUE;
}

GBytes *
pr_json_get_base64_bytes (JsonObject  *object,
                          const char  *member,
                          gsize        max_len,
                          GError     **error)
{
  const char *text;
  gsize expected;
  gsize got = 0;
  g_autofree guint8 *out = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  text = json_object_get_string_member (object, member);
  expected = base64_decoded_len (text, strlen (text));
  if (expected == G_MAXSIZE)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64, member);
      return NULL;
    }
  if (expected > max_len)
    {
      pr_ballot_error_set_member (error, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH, member);
      return NULL;
    }

  out = g_malloc (MAX (expected, 1));
  if (!pr_base64_decode (text, out, expected, &got, member, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&out), got);
}

gboolean
pr_json_check_canonical (const guint8  *data,
                         gsize          len,
                         GBytes        *canonical,
                         GError       **error)
{
  gsize clen = 0;
  const guint8 *cdata;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (canonical != NULL, FALSE);

  /* Writers may hand their file bytes with the newline. */
  cdata = g_bytes_get_data (canonical, &clen);
  if (clen > 0 && cdata[clen - 1] == '\n')
    clen--;
  if ((len == clen || (len == clen + 1 && data[clen] == '\n')) &&
      (clen == 0 || memcmp (data, cdata, clen) == 0))
    return TRUE;

  pr_ballot_error_set (error, PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL);
  return FALSE;
}

/* Writer. */

struct _PrJsonWriter {
  GString  *buf;
  guint     depth;
  gboolean  after_key;
  gboolean  need_comma[PR_JSON_MAX_DEPTH + 1];
};

PrJsonWriter *
pr_json_writer_new (void)
{
  PrJsonWriter *writer = g_new0 (PrJsonWriter, 1);

  writer->buf = g_string_sized_new (256);
  return writer;
}

void
pr_json_writer_free (PrJsonWriter *writer)
{
  if (writer == NULL)
    return;

  /* The writer may have held an invitation's seed. */
  sodium_memzero (writer->buf->str, writer->buf->allocated_len);
  g_string_free (writer->buf, TRUE);
  g_free (writer);
}

/* Before any value: a comma unless it follows a key or opens a
 * container. */
static void
begin_value (PrJsonWriter *writer)
{
  if (writer->after_key)
    {
      writer->after_key = FALSE;
      return;
    }
  if (writer->need_comma[writer->depth])
    g_string_append_c (writer->buf, ',');
  writer->need_comma[writer->depth] = TRUE;
}

static void
open_container (PrJsonWriter *writer,
                char          c)
{
  begin_value (writer);
  g_assert (writer->depth < PR_JSON_MAX_DEPTH);
  g_string_append_c (writer->buf, c);
  writer->depth++;
  writer->need_comma[writer->depth] = FALSE;
}

static void
close_container (PrJsonWriter *writer,
                 char          c)
{
  g_assert (writer->depth > 0);
  g_assert (!writer->after_key);
  writer->depth--;
  g_string_append_c (writer->buf, c);
}

void
pr_json_writer_begin_object (PrJsonWriter *writer)
{
  open_container (writer, '{');
}

void
pr_json_writer_end_object (PrJsonWriter *writer)
{
  close_container (writer, '}');
}

void
pr_json_writer_begin_array (PrJsonWriter *writer)
{
  open_container (writer, '[');
}

void
pr_json_writer_end_array (PrJsonWriter *writer)
{
  close_container (writer, ']');
}

static void
append_string (GString    *buf,
               const char *value)
{
  g_string_append_c (buf, '"');
  for (const guint8 *p = (const guint8 *) value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (buf, "\\\""); break;
        case '\\': g_string_append (buf, "\\\\"); break;
        case '\b': g_string_append (buf, "\\b"); break;
        case '\f': g_string_append (buf, "\\f"); break;
        case '\n': g_string_append (buf, "\\n"); break;
        case '\r': g_string_append (buf, "\\r"); break;
        case '\t': g_string_append (buf, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (buf, "\\u%04x", *p);
          else
            g_string_append_c (buf, (char) *p);
        }
    }
  g_string_append_c (buf, '"');
}

void
pr_json_writer_key (PrJsonWriter *writer,
                    const char   *name)
{
  g_return_if_fail (name != NULL);
  g_assert (writer->depth > 0 && !writer->after_key);

  if (writer->need_comma[writer->depth])
    g_string_append_c (writer->buf, ',');
  writer->need_comma[writer->depth] = TRUE;
  append_string (writer->buf, name);
  g_string_append_c (writer->buf, ':');
  writer->after_key = TRUE;
}

void
pr_json_writer_string (PrJsonWriter *writer,
                       const char   *value)
{
  g_return_if_fail (value != NULL);

  begin_value (writer);
  if (g_utf8_validate (value, -1, NULL))
    append_string (writer->buf, value);
  else
    {
      /* A file name in a report may be in any encoding; the output must
       * stay JSON. Parsers never get here: they refuse invalid text. */
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      append_string (writer->buf, valid);
    }
}

void
pr_json_writer_int (PrJsonWriter *writer,
                    gint64        value)
{
  begin_value (writer);
  g_string_append_printf (writer->buf, "%" G_GINT64_FORMAT, value);
}

void
pr_json_writer_bool (PrJsonWriter *writer,
                     gboolean      value)
{
  begin_value (writer);
  g_string_append (writer->buf, value ? "true" : "false");
}

void
pr_json_writer_null (PrJsonWriter *writer)
{
  begin_value (writer);
  g_string_append (writer->buf, "null");
}

void
pr_json_writer_base64 (PrJsonWriter *writer,
                       const guint8 *data,
                       gsize         len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  gsize start;

  begin_value (writer);
  g_string_append_c (writer->buf, '"');
  /* Encode in place, so a secret never sits in a temporary copy. */
  start = writer->buf->len;
  g_string_set_size (writer->buf, start + size);
  sodium_bin2base64 (writer->buf->str + start, size, data, len, sodium_base64_VARIANT_ORIGINAL);
  g_string_set_size (writer->buf, start + size - 1);
  g_string_append_c (writer->buf, '"');
}

void
pr_json_writer_member_string (PrJsonWriter *writer,
                              const char   *name,
                              const char   *value)
{
  pr_json_writer_key (writer, name);
  pr_json_writer_string (writer, value);
}

void
pr_json_writer_member_int (PrJsonWriter *writer,
                           const char   *name,
                           gint64        value)
{
  pr_json_writer_key (writer, name);
  pr_json_writer_int (writer, value);
}

void
pr_json_writer_member_bool (PrJsonWriter *writer,
                            const char   *name,
                            gboolean      value)
{
  pr_json_writer_key (writer, name);
  pr_json_writer_bool (writer, value);
}

void
pr_json_writer_member_base64 (PrJsonWriter *writer,
                              const char   *name,
                              const guint8 *data,
                              gsize         len)
{
  pr_json_writer_key (writer, name);
  pr_json_writer_base64 (writer, data, len);
}

void
pr_json_writer_header (PrJsonWriter *writer,
                       const char   *format,
                       gint64        version)
{
  pr_json_writer_member_string (writer, "format", format);
  pr_json_writer_member_int (writer, "version", version);
}

GBytes *
pr_json_writer_get_bytes (PrJsonWriter *writer,
                          gboolean      newline)
{
  guint8 *copy;
  gsize len;

  g_return_val_if_fail (writer != NULL, NULL);
  g_assert (writer->depth == 0 && !writer->after_key);

  len = writer->buf->len + (newline ? 1 : 0);
  copy = g_malloc (MAX (len, 1));
  memcpy (copy, writer->buf->str, writer->buf->len);
  if (newline)
    copy[len - 1] = '\n';
  return g_bytes_new_take (copy, len);
}
