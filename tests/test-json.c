/* test-json.c — strict JSON reading, canonical writing, error codes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-ballot-error.h"
#include "pr-core.h"
#include "pr-json.h"

typedef struct {
  const char *name;
  const char *bytes;
  gssize      len;   /* -1: strlen */
  int         code;  /* -1: parses */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "object", "{\"a\":1}", -1, -1 },
  { "object-newline", "{\"a\":1}\n", -1, -1 },
  { "empty", "", -1, PR_BALLOT_ERROR_ENVELOPE_EMPTY },
  { "blank", " \n\t ", -1, PR_BALLOT_ERROR_ENVELOPE_EMPTY },
  { "truncated", "{\"a\":", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "truncated-string", "{\"a\":\"xy", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "nul", "{\"a\":\0}", 7, PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "bad-utf8", "{\"a\":\"\xc3\x28\"}", -1, PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "overlong-utf8", "{\"a\":\"\xc0\xaf\"}", -1, PR_BALLOT_ERROR_ENVELOPE_ENCODING },
  { "array", "[1,2]", -1, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "number", "42", -1, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "null", "null", -1, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "string", "\"x\"", -1, PR_BALLOT_ERROR_ENVELOPE_NOT_OBJECT },
  { "comment", "{/* c */\"a\":1}", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "single-quotes", "{'a':1}", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "hex", "{\"a\":0x10}", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "quote-hides-brackets", "{'\"':[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}", -1,
    PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
  { "depth-16", "{\"a\":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}", -1, -1 },
  { "depth-17", "{\"a\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}", -1, PR_BALLOT_ERROR_ENVELOPE_TOO_DEEP },
  { "brackets-in-string", "{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[[[\"}", -1, -1 },
  { "bom", "\xef\xbb\xbf{\"a\":1}", -1, PR_BALLOT_ERROR_ENVELOPE_SYNTAX },
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  gsize len = c->len < 0 ? strlen (c->bytes) : (gsize) c->len;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = pr_json_parse ((const guint8 *) c->bytes, len, 1024, &error);

  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (root);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    }
  else
    {
      g_assert_error (error, PR_BALLOT_ERROR, c->code);
      g_assert_null (root);
    }
}

/* json-glib 1.6 overflows the stack near 100,000 levels: the pre-scan
 * must stop it first, whichever bracket is used. */
static void
test_parse_deep (void)
{
  const char opens[] = "[{";

  for (guint k = 0; k < 2; k++)
    {
      gsize n = 100000;
      g_autofree guint8 *data = g_malloc (n);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      memset (data, opens[k], n);
      g_assert_false (pr_json_check_depth (data, n, PR_JSON_MAX_DEPTH));
      root = pr_json_parse (data, n, n, &error);
      g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_TOO_DEEP);
    }
}

static void
test_parse_too_large (void)
{
  g_autofree char *big = g_strnfill (2000, ' ');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  big[0] = '{';
  big[1999] = '}';
  root = pr_json_parse ((const guint8 *) big, 2000, 1999, &error);
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_FS_TOO_LARGE);
}

/* Messages never echo what json-glib saw. */
static void
test_parse_message_is_generic (void)
{
  const char *bytes = "{\"secret-token\": tru}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = pr_json_parse ((const guint8 *) bytes, strlen (bytes), 1024, &error);

  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_SYNTAX);
  g_assert_null (root);
  g_assert_null (strstr (error->message, "secret"));
  g_assert_null (strstr (error->message, "tru"));
}

typedef struct {
  const char *name;
  const char *json;
  int         code;
  const char *named;  /* a member the message must name, or NULL */
} HeaderCase;

static const HeaderCase header_cases[] = {
  { "ok", "{\"format\":\"peer-rank-ballot\",\"version\":1}", -1, NULL },
  { "invitation", "{\"format\":\"peer-rank-invitation\",\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, "invitation" },
  { "round", "{\"format\":\"peer-rank-round\",\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, "round" },
  { "key", "{\"format\":\"peer-rank-key\",\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_WRONG_KIND, "key" },
  { "foreign", "{\"format\":\"something\",\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK, NULL },
  { "no-format", "{\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK, NULL },
  { "format-number", "{\"format\":1,\"version\":1}", PR_BALLOT_ERROR_ENVELOPE_NOT_PEER_RANK, NULL },
  { "newer", "{\"format\":\"peer-rank-ballot\",\"version\":2}", PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION, "newer" },
  { "version-string", "{\"format\":\"peer-rank-ballot\",\"version\":\"1\"}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "version" },
  { "version-float", "{\"format\":\"peer-rank-ballot\",\"version\":1.0}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "version" },
  { "version-zero", "{\"format\":\"peer-rank-ballot\",\"version\":0}", PR_BALLOT_ERROR_ENVELOPE_BAD_VALUE, "version" },
  { "version-missing", "{\"format\":\"peer-rank-ballot\"}", PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER, "version" },
};

static void
test_header_case (gconstpointer data)
{
  const HeaderCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = pr_json_parse ((const guint8 *) c->json, strlen (c->json), 1024, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = pr_json_check_header (json_node_get_object (root), "peer-rank-ballot", 1, &error);
  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_false (ok);
  if (c->named != NULL)
    g_assert_nonnull (strstr (error->message, c->named));
}

static const PrJsonMember test_members[] = {
  { "s", PR_JSON_TYPE_STRING },
  { "i", PR_JSON_TYPE_INT },
  { "b", PR_JSON_TYPE_BOOL },
  { "o", PR_JSON_TYPE_OBJECT },
  { "a", PR_JSON_TYPE_ARRAY },
};

static const HeaderCase member_cases[] = {
  { "ok", "{\"s\":\"x\",\"i\":1,\"b\":true,\"o\":{},\"a\":[]}", -1, NULL },
  { "unknown", "{\"s\":\"x\",\"i\":1,\"b\":true,\"o\":{},\"a\":[],\"extra\":1}", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, "extra" },
  { "unknown-unquotable", "{\"s\":\"x\",\"i\":1,\"b\":true,\"o\":{},\"a\":[],\"Bad Name\":1}", PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER, NULL },
  { "missing", "{\"s\":\"x\",\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER, "“i”" },
  { "string-as-int", "{\"s\":\"x\",\"i\":\"1\",\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“i”" },
  { "int-as-string", "{\"s\":123,\"i\":1,\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“s”" },
  { "null", "{\"s\":null,\"i\":1,\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“s”" },
  { "bool-as-int", "{\"s\":\"x\",\"i\":1,\"b\":1,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“b”" },
  { "array-as-object", "{\"s\":\"x\",\"i\":1,\"b\":true,\"o\":[],\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“o”" },
  { "object-as-array", "{\"s\":\"x\",\"i\":1,\"b\":true,\"o\":{},\"a\":{}}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“a”" },
  { "lone-surrogate", "{\"s\":\"\\ud800x\",\"i\":1,\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_ENCODING, NULL },
  { "float-as-int", "{\"s\":\"x\",\"i\":1.5,\"b\":true,\"o\":{},\"a\":[]}", PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "“i”" },
};

static void
test_member_case (gconstpointer data)
{
  const HeaderCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = pr_json_parse ((const guint8 *) c->json, strlen (c->json), 1024, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = pr_json_check_members (json_node_get_object (root), test_members,
                              G_N_ELEMENTS (test_members), &error);
  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_error (error, PR_BALLOT_ERROR, c->code);
  g_assert_false (ok);
  if (c->named != NULL)
    g_assert_nonnull (strstr (error->message, c->named));
}

typedef struct {
  const char *name;
  const char *text;
  gsize       want_len;  /* 0: variable, up to 8 */
  int         code;
} Base64Case;

static const Base64Case base64_cases[] = {
  { "ok-4", "AAECAw==", 4, -1 },
  { "ok-variable", "AAECAw==", 0, -1 },
  { "ok-empty", "", 0, -1 },
  { "no-padding", "AAECAw", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "space", "AAEC Aw==", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "newline", "AAEC\nAw==", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "url-variant", "AA-_Aw==", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "padding-bits", "AAECAx==", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "padding-inside", "AA==AAAA", 0, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "too-many-pads", "A===", 0, PR_BALLOT_ERROR_ENVELOPE_BAD_BASE64 },
  { "short", "AAEC", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "long", "AAECAwQ=", 4, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
  { "too-long-variable", "AAECAwQFBgcICQ==", 0, PR_BALLOT_ERROR_ENVELOPE_BAD_LENGTH },
};

static void
test_base64_case (gconstpointer data)
{
  const Base64Case *c = data;
  g_autofree char *json = g_strdup_printf ("{\"x\":\"%s\"}", c->text);
  g_autoptr(JsonNode) root = pr_json_parse ((const guint8 *) json, strlen (json), 1024, NULL);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (c->want_len > 0)
    {
      guint8 out[16];

      ok = pr_json_get_base64 (object, "x", out, c->want_len, &error);
      if (ok)
        g_assert_cmpmem (out, 4, "\x00\x01\x02\x03", 4);
    }
  else
    {
      g_autoptr(GBytes) bytes = pr_json_get_base64_bytes (object, "x", 8, &error);

      ok = bytes != NULL;
    }

  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, PR_BALLOT_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, "“x”"));
      g_assert_false (ok);
    }
}

static void
test_base64_round_trip (void)
{
  for (gsize len = 0; len < 40; len++)
    {
      guint8 data[40], back[40];
      g_autofree char *text = NULL;
      gsize got = 0;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < len; i++)
        data[i] = (guint8) (i * 37 + len);
      text = pr_base64_encode (data, len);
      g_assert_true (pr_base64_decode (text, back, sizeof back, &got, "x", &error));
      g_assert_no_error (error);
      g_assert_cmpmem (back, got, data, len);
    }
}

static void
test_canonical (void)
{
  g_autoptr(GBytes) canonical = g_bytes_new_static ("{\"a\":1}", 7);
  const struct { const char *bytes; gboolean ok; } cases[] = {
    { "{\"a\":1}", TRUE },
    { "{\"a\":1}\n", TRUE },
    { "{\"a\":1}\n\n", FALSE },
    { "{\"a\":1}\r\n", FALSE },
    { "{\"a\": 1}", FALSE },
    { " {\"a\":1}", FALSE },
    { "{\"a\":1", FALSE },
    { "{\"a\":2}", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = pr_json_check_canonical ((const guint8 *) cases[i].bytes,
                                             strlen (cases[i].bytes), canonical, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_NOT_CANONICAL);
    }
}

static void
test_writer (void)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char *expected =
    "{\"format\":\"peer-rank-ballot\",\"version\":1,\"s\":\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/é\","
    "\"i\":-42,\"b\":false,\"n\":null,\"a\":[1,[],{},\"x\"],\"o\":{\"k\":true},\"d\":\"AAE=\"}\n";
  static const guint8 two[] = { 0, 1 };

  pr_json_writer_begin_object (writer);
  pr_json_writer_header (writer, "peer-rank-ballot", 1);
  pr_json_writer_member_string (writer, "s", "q\"b\\n\n\t\001\037/é");
  pr_json_writer_member_int (writer, "i", -42);
  pr_json_writer_member_bool (writer, "b", FALSE);
  pr_json_writer_key (writer, "n");
  pr_json_writer_null (writer);
  pr_json_writer_key (writer, "a");
  pr_json_writer_begin_array (writer);
  pr_json_writer_int (writer, 1);
  pr_json_writer_begin_array (writer);
  pr_json_writer_end_array (writer);
  pr_json_writer_begin_object (writer);
  pr_json_writer_end_object (writer);
  pr_json_writer_string (writer, "x");
  pr_json_writer_end_array (writer);
  pr_json_writer_key (writer, "o");
  pr_json_writer_begin_object (writer);
  pr_json_writer_member_bool (writer, "k", TRUE);
  pr_json_writer_end_object (writer);
  pr_json_writer_member_base64 (writer, "d", two, 2);
  pr_json_writer_end_object (writer);
  bytes = pr_json_writer_get_bytes (writer, TRUE);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, strlen (expected));
}

/* What the writer escapes, json-glib reads back to the same string. */
static void
test_writer_strings_round_trip (void)
{
  const char *values[] = { "", "plain", "\"", "\\", "\n\r\t\b\f", "\001\002\037\177", "ünïcødé ✓ 𝄞", "</script>" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      const guint8 *data;

      pr_json_writer_begin_object (writer);
      pr_json_writer_member_string (writer, "v", values[i]);
      pr_json_writer_end_object (writer);
      bytes = pr_json_writer_get_bytes (writer, FALSE);
      data = g_bytes_get_data (bytes, &len);
      root = pr_json_parse (data, len, 1024, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "v"), ==, values[i]);
    }
}

/* Invalid UTF-8 (a file name, say) still gives valid JSON. */
static void
test_writer_invalid_utf8 (void)
{
  g_autoptr(PrJsonWriter) writer = pr_json_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char *expected = "[\"a\xef\xbf\xbd" "b\"]";

  pr_json_writer_begin_array (writer);
  pr_json_writer_string (writer, "a\xff" "b");
  pr_json_writer_end_array (writer);
  bytes = pr_json_writer_get_bytes (writer, FALSE);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, strlen (expected));
}

static void
test_error_tables (void)
{
  const char *classes[] = { "fs", "envelope", "route", "crypto", "payload", "eligibility", "ranking", "key" };
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_str_hash, g_str_equal);

  for (int code = 0; code < PR_BALLOT_ERROR_N_CODES; code++)
    {
      const char *klass = pr_ballot_error_class (code);
      const char *token = pr_ballot_error_token (code);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        known |= g_str_equal (klass, classes[i]);
      g_assert_true (known);
      g_assert_false (g_hash_table_contains (tokens, token));
      g_hash_table_add (tokens, (gpointer) token);
      for (const char *p = token; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
      g_assert_cmpuint (strlen (pr_ballot_error_message (code)), >, 10);
    }
  g_assert_cmpstr (pr_ballot_error_class (-1), ==, "unknown");
  g_assert_cmpstr (pr_ballot_error_token (PR_BALLOT_ERROR_N_CODES), ==, "unknown");
  g_assert_cmpstr (pr_ballot_error_class (PR_BALLOT_ERROR_FS_NOT_REGULAR), ==, "fs");
  g_assert_cmpstr (pr_ballot_error_token (PR_BALLOT_ERROR_FS_NOT_REGULAR), ==, "not-regular-file");
  g_assert_cmpstr (pr_ballot_error_class (PR_BALLOT_ERROR_RANKING_SELF), ==, "ranking");
  g_assert_cmpstr (pr_ballot_error_class (PR_BALLOT_ERROR_ELIGIBILITY_REVOKED), ==, "eligibility");
}

/* The translator's report: JSON fields are "fields", not "members"
 * (which reads as members of a round). */
static void
test_error_wording (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (pr_ballot_error_message (PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE), ==,
                   "A field of the file has the wrong type.");
  g_assert_cmpstr (pr_ballot_error_message (PR_BALLOT_ERROR_ENVELOPE_UNKNOWN_MEMBER), ==,
                   "The file has a field Peer Rank does not know.");
  g_assert_cmpstr (pr_ballot_error_message (PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER), ==,
                   "The file lacks a required field.");
  g_assert_cmpstr (pr_ballot_error_message (PR_BALLOT_ERROR_RANKING_SELF), ==,
                   "The ballot ranks its own voter.");
  pr_ballot_error_set_member (&error, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE, "ct");
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_WRONG_TYPE);
  g_assert_cmpstr (error->message, ==, "The field “ct” of the file has the wrong type.");
  g_clear_error (&error);
  pr_ballot_error_set_member (&error, PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER, "ct");
  g_assert_error (error, PR_BALLOT_ERROR, PR_BALLOT_ERROR_ENVELOPE_MISSING_MEMBER);
  g_assert_cmpstr (error->message, ==, "The file lacks the required field “ct”.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (pr_core_init (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/json/parse/%s", parse_cases[i].name);
      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (header_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/json/header/%s", header_cases[i].name);
      g_test_add_data_func (path, &header_cases[i], test_header_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (member_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/json/members/%s", member_cases[i].name);
      g_test_add_data_func (path, &member_cases[i], test_member_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (base64_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/json/base64/%s", base64_cases[i].name);
      g_test_add_data_func (path, &base64_cases[i], test_base64_case);
    }
  g_test_add_func ("/peer-rank/json/parse/deep", test_parse_deep);
  g_test_add_func ("/peer-rank/json/parse/too-large", test_parse_too_large);
  g_test_add_func ("/peer-rank/json/parse/message-is-generic", test_parse_message_is_generic);
  g_test_add_func ("/peer-rank/json/base64/round-trip", test_base64_round_trip);
  g_test_add_func ("/peer-rank/json/canonical", test_canonical);
  g_test_add_func ("/peer-rank/json/writer/compact", test_writer);
  g_test_add_func ("/peer-rank/json/writer/strings-round-trip", test_writer_strings_round_trip);
  g_test_add_func ("/peer-rank/json/writer/invalid-utf8", test_writer_invalid_utf8);
  g_test_add_func ("/peer-rank/json/error-tables", test_error_tables);
  g_test_add_func ("/peer-rank/json/error-wording", test_error_wording);

  return g_test_run ();
}
