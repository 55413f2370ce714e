/* pr-mail-parse.c — ballots found in mail files (.eml, .mbox)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-ballot-error.h"
#include "pr-file-kind.h"
#include "pr-format.h"
#include "pr-json.h"
#include "pr-mail.h"
#include "pr-mail-private.h"
#include "pr-text.h"

/* What a pasted ballot starts with, once white space is dropped. */
#define PASTED_PREFIX "{\"format\":\"" PR_FORMAT_BALLOT "\""
/* Ballots taken from one text part; a body of thousands is no reply. */
#define MAX_PASTED_PER_PART 64
/* Sender and file names are shown, never trusted: kept short. */
#define MAX_SHOWN_CHARS 200

static gpointer
init_once (gpointer data)
{
  g_mime_init ();
  return NULL;
}

void
pr_mail_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

PrMailFileKind
pr_mail_file_kind (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, PR_MAIL_FILE_NONE);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".eml"))
    return PR_MAIL_FILE_EML;
  if (g_str_has_suffix (lower, ".mbox"))
    return PR_MAIL_FILE_MBOX;
  return PR_MAIL_FILE_NONE;
}

/* "3", "3/2", "3/2.1", "3/2.1@2": where pr_mail_extract() found it. */
static gboolean
is_where (const char *text)
{
  return g_regex_match_simple ("^[0-9]+(/[0-9]+(\\.[0-9]+)*(@[0-9]+)?)?$", text, 0, 0);
}

char *
pr_mail_display_name (const char *path)
{
  const char *hash;
  g_autofree char *file = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  hash = strrchr (path, '#');
  if (hash == NULL || !is_where (hash + 1))
    return g_path_get_basename (path);
  file = g_strndup (path, (gsize) (hash - path));
  if (pr_mail_file_kind (file) == PR_MAIL_FILE_NONE)
    return g_path_get_basename (path);
  base = g_path_get_basename (file);
  return g_strconcat (base, hash, NULL);
}

void
pr_mail_found_free (PrMailFound *found)
{
  if (found == NULL)
    return;
  g_free (found->where);
  g_free (found->date);
  g_free (found->from);
  g_free (found->attachment);
  g_clear_pointer (&found->bytes, g_bytes_unref);
  g_clear_error (&found->error);
  g_free (found);
}

/* Text from a message header or a file name, for people to read: valid
 * UTF-8, no control, bidirectional or invisible characters (they could
 * make one sender look like another), and short. */
static char *
shown_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL || text[0] == '\0')
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0' && n < MAX_SHOWN_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && pr_text_is_hidden_char (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*g_utf8_offset_to_pointer (valid, n) != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* ---- pasted ballots ---- */

/* Skips what a mail client puts between the characters of a long line
 * it wrapped or quoted: white space, and quote marks at a line's start. */
static gsize
skip_transport (const char *text,
                gsize       len,
                gsize       i)
{
  gboolean line_start = FALSE;

  while (i < len)
    {
      char c = text[i];

      if (c == '\n' || c == '\r')
        line_start = TRUE;
      else if (c != ' ' && c != '\t' && !(line_start && c == '>'))
        break;
      i++;
    }
  return i;
}

/* Collects the candidate starting at the '{' at @start into @out: up to
 * its '}', the next '{' (nothing nests in a ballot), the end of @text or
 * the size cap. Returns where to go on; @out is empty when the run does
 * not start like a ballot. Each byte is looked at by at most one run. */
static gsize
collect_run (const char *text,
             gsize       len,
             gsize       start,
             GString    *out)
{
  gsize prefix_len = strlen (PASTED_PREFIX);
  gsize i = start;

  g_string_truncate (out, 0);
  g_string_append_c (out, text[i++]);
  while ((i = skip_transport (text, len, i)) < len && out->len <= PR_ENVELOPE_MAX_SIZE)
    {
      if (text[i] == '{')
        break;
      g_string_append_c (out, text[i++]);
      if (out->len <= prefix_len && memcmp (out->str, PASTED_PREFIX, out->len) != 0)
        {
          g_string_truncate (out, 0);
          return i;
        }
      if (out->str[out->len - 1] == '}')
        break;
    }
  if (out->len < prefix_len)
    g_string_truncate (out, 0);
  return i;
}

GPtrArray *
pr_mail_find_pasted (const char *text,
                     gsize       len,
                     guint       max)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) run = g_string_new (NULL);
  gsize i = 0;

  g_return_val_if_fail (text != NULL || len == 0, found);

  while (i < len && found->len < max)
    {
      const char *brace = memchr (text + i, '{', len - i);

      if (brace == NULL)
        break;
      i = collect_run (text, len, (gsize) (brace - text), run);
      if (run->len == 0)
        continue;
      /* As the file the associate saved: one line and a newline. */
      g_string_append_c (run, '\n');
      g_ptr_array_add (found, g_bytes_new (run->str, run->len));
    }
  return found;
}

/* Markup gone, entities decoded: a ballot pasted into an HTML message
 * reads as it does in the plain text. Only what a ballot can contain
 * needs decoding; anything else becomes a space. */
static GString *
html_to_text (const char *html,
              gsize       len)
{
  GString *out = g_string_sized_new (len);
  static const struct { const char *name; char c; } entities[] = {
    { "&quot;", '"' }, { "&#34;", '"' }, { "&#x22;", '"' }, { "&amp;", '&' },
    { "&lt;", '<' }, { "&gt;", '>' }, { "&nbsp;", ' ' }, { "&#43;", '+' }, { "&#x2b;", '+' },
    { "&#47;", '/' }, { "&#x2f;", '/' }, { "&#61;", '=' }, { "&#x3d;", '=' },
  };

  for (gsize i = 0; i < len; i++)
    {
      gboolean decoded = FALSE;

      if (html[i] == '<')
        {
          const char *end = memchr (html + i, '>', len - i);

          g_string_append_c (out, ' ');
          if (end == NULL)
            break;
          i = (gsize) (end - html);
          continue;
        }
      if (html[i] == '&')
        for (guint k = 0; k < G_N_ELEMENTS (entities) && !decoded; k++)
          {
            gsize n = strlen (entities[k].name);

            if (len - i >= n && g_ascii_strncasecmp (html + i, entities[k].name, n) == 0)
              {
                g_string_append_c (out, entities[k].c);
                i += n - 1;
                decoded = TRUE;
              }
          }
      if (!decoded)
        g_string_append_c (out, html[i]);
    }
  return out;
}

/* ---- reading parts ---- */

/* The decoded content of @part, at most @max bytes (*@over when there
 * was more), converted to UTF-8 from its charset when @to_utf8. */
static GByteArray *
read_part (GMimePart *part,
           gsize      max,
           gboolean   to_utf8,
           gboolean  *over)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(PrMimeStream) filtered = NULL;
  GMimeContentEncoding encoding;
  const char *charset;
  char buf[4096];
  gssize n;

  *over = FALSE;
  if (wrapper == NULL || g_mime_data_wrapper_get_stream (wrapper) == NULL)
    return out;
  encoding = g_mime_data_wrapper_get_encoding (wrapper);
  g_mime_stream_reset (g_mime_data_wrapper_get_stream (wrapper));
  filtered = g_mime_stream_filter_new (g_mime_data_wrapper_get_stream (wrapper));
  if (encoding == GMIME_CONTENT_ENCODING_BASE64 || encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
      encoding == GMIME_CONTENT_ENCODING_UUENCODE)
    {
      g_autoptr(PrMimeFilter) decoder = g_mime_filter_basic_new (encoding, FALSE);

      g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), decoder);
    }
  charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
  if (to_utf8 && charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0)
    {
      g_autoptr(PrMimeFilter) convert = g_mime_filter_charset_new (charset, "utf-8");

      /* NULL for a charset iconv does not know: the bytes as they are. */
      if (convert != NULL)
        g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), convert);
    }
  while ((n = g_mime_stream_read (filtered, buf, sizeof buf)) > 0)
    {
      if (out->len + (gsize) n > max)
        {
          g_byte_array_append (out, (guint8 *) buf, (guint) (max - out->len));
          *over = TRUE;
          break;
        }
      g_byte_array_append (out, (guint8 *) buf, (guint) n);
    }
  return out;
}

/* ---- walking a message ---- */

typedef struct {
  GPtrArray  *out;        /* PrMailFound */
  guint       message;    /* 1-based */
  char       *date;
  char       *from;
  GHashTable *seen;       /* GBytes of this message's ballots */
  guint       n_parts;
  guint       n_found;    /* entries for this message */
  guint       n_pasted;
  gboolean    truncated;  /* parts not looked at: too many or too deep */
} Walk;

static void
add_entry (Walk       *walk,
           const char *part,
           guint       nth,
           const char *attachment,
           GBytes     *bytes,
           GError     *error)
{
  PrMailFound *found = g_new0 (PrMailFound, 1);

  if (bytes != NULL)
    {
      if (g_hash_table_contains (walk->seen, bytes))
        {
          g_free (found);
          return;
        }
      g_hash_table_add (walk->seen, g_bytes_ref (bytes));
      found->bytes = g_bytes_ref (bytes);
    }
  found->where = nth > 1 ? g_strdup_printf ("%u/%s@%u", walk->message, part, nth)
                         : g_strdup_printf ("%u/%s", walk->message, part);
  found->date = g_strdup (walk->date);
  found->from = g_strdup (walk->from);
  found->attachment = shown_text (attachment);
  found->error = error;
  g_ptr_array_add (walk->out, found);
  walk->n_found++;
}

static gboolean
is_json_type (GMimeContentType *type)
{
  const char *media = g_mime_content_type_get_media_type (type);
  const char *subtype = g_mime_content_type_get_media_subtype (type);

  if (media == NULL || subtype == NULL || g_ascii_strcasecmp (media, "application") != 0)
    return FALSE;
  return g_ascii_strcasecmp (subtype, "json") == 0 ||
         g_ascii_strncasecmp (subtype, "x-peer-rank", 11) == 0 ||
         g_ascii_strncasecmp (subtype, "vnd.peer-rank", 13) == 0;
}

static gboolean
has_json_name (const char *filename)
{
  g_autofree char *lower = filename != NULL ? g_ascii_strdown (filename, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, ".json");
}

/* An attachment, or a part of a type that is not text: a ballot when
 * its name or type says JSON, or it starts like a Peer Rank file. Other
 * attachments (a signature, a picture) are not ballots and not reported. */
static void
take_attachment (Walk       *walk,
                 GMimePart  *part,
                 const char *number)
{
  const char *filename = g_mime_part_get_filename (part);
  gboolean named = has_json_name (filename) ||
                   is_json_type (g_mime_object_get_content_type (GMIME_OBJECT (part)));
  gboolean over;
  g_autoptr(GByteArray) data = read_part (part, PR_ENVELOPE_MAX_SIZE, FALSE, &over);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!named && pr_file_kind_sniff (data->data, data->len) == PR_FILE_KIND_UNKNOWN)
    return;
  if (over)
    pr_ballot_error_set (&error, PR_BALLOT_ERROR_FS_TOO_LARGE);
  else
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  add_entry (walk, number, 1, filename != NULL ? filename : "", bytes, error);
}

/* Text read by people: every ballot pasted into it. Returns how many. */
static guint
take_text (Walk       *walk,
           GMimePart  *part,
           const char *number,
           gboolean    html)
{
  gboolean over;
  g_autoptr(GByteArray) data = read_part (part, PR_MAIL_MAX_TEXT, TRUE, &over);
  g_autoptr(GString) plain = html ? html_to_text ((const char *) data->data, data->len) : NULL;
  g_autoptr(GPtrArray) pasted = NULL;

  pasted = plain != NULL ? pr_mail_find_pasted (plain->str, plain->len, MAX_PASTED_PER_PART)
                         : pr_mail_find_pasted ((const char *) data->data, data->len,
                                                MAX_PASTED_PER_PART);
  for (guint i = 0; i < pasted->len; i++)
    add_entry (walk, number, i + 1, NULL, g_ptr_array_index (pasted, i), NULL);
  walk->n_pasted += pasted->len;
  return pasted->len;
}

static void
take_leaf (Walk       *walk,
           GMimePart  *part,
           const char *number,
           gboolean    skip_text)
{
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  gboolean text = g_mime_content_type_is_type (type, "text", "plain") ||
                  g_mime_content_type_is_type (type, "text", "html");

  if (text && !g_mime_part_is_attachment (part) && g_mime_part_get_filename (part) == NULL)
    {
      if (!skip_text)
        take_text (walk, part, number, g_mime_content_type_is_type (type, "text", "html"));
      return;
    }
  take_attachment (walk, part, number);
}

static void walk_object (Walk        *walk,
                         GMimeObject *object,
                         const char  *number,
                         guint        depth,
                         gboolean     skip_text);

/* Parts numbered as IMAP does: "2", "2.1", … A multipart/alternative
 * holds one text several times: once one of its versions gave a pasted
 * ballot, the others are not read again (an HTML version may differ). */
static void
walk_multipart (Walk           *walk,
                GMimeMultipart *multipart,
                const char     *number,
                guint           depth,
                gboolean        skip_text)
{
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (multipart));
  gboolean alternative = g_mime_content_type_is_type (type, "multipart", "alternative");
  int count = g_mime_multipart_get_count (multipart);

  if (GMIME_IS_MULTIPART_ENCRYPTED (multipart))
    return;
  for (int i = 0; i < count; i++)
    {
      g_autofree char *child = number[0] != '\0' ? g_strdup_printf ("%s.%d", number, i + 1)
                                                 : g_strdup_printf ("%d", i + 1);
      guint before = walk->n_pasted;

      walk_object (walk, g_mime_multipart_get_part (multipart, i), child, depth + 1, skip_text);
      if (alternative && walk->n_pasted > before)
        skip_text = TRUE;
    }
}

/* A forwarded message (message/rfc822): its parts are searched too. */
static void
walk_message_part (Walk             *walk,
                   GMimeMessagePart *part,
                   const char       *number,
                   guint             depth,
                   gboolean          skip_text)
{
  GMimeMessage *message = g_mime_message_part_get_message (part);
  GMimeObject *body = message != NULL ? g_mime_message_get_mime_part (message) : NULL;
  g_autofree char *inner = NULL;

  if (body == NULL)
    return;
  if (GMIME_IS_MULTIPART (body))
    walk_object (walk, body, number, depth + 1, skip_text);
  else
    {
      inner = g_strdup_printf ("%s.1", number);
      walk_object (walk, body, inner, depth + 1, skip_text);
    }
}

static void
walk_object (Walk        *walk,
             GMimeObject *object,
             const char  *number,
             guint        depth,
             gboolean     skip_text)
{
  if (depth > PR_MAIL_MAX_DEPTH || ++walk->n_parts > PR_MAIL_MAX_PARTS)
    {
      walk->truncated = TRUE;
      return;
    }
  if (GMIME_IS_MULTIPART (object))
    walk_multipart (walk, GMIME_MULTIPART (object), number, depth, skip_text);
  else if (GMIME_IS_MESSAGE_PART (object))
    walk_message_part (walk, GMIME_MESSAGE_PART (object), number, depth, skip_text);
  else if (GMIME_IS_PART (object))
    take_leaf (walk, GMIME_PART (object), number[0] != '\0' ? number : "1", skip_text);
}

static void
walk_message (Walk         *walk,
              GMimeMessage *message)
{
  GDateTime *date = g_mime_message_get_date (message);
  InternetAddressList *from = g_mime_message_get_from (message);
  g_autofree char *from_text = NULL;
  GMimeObject *body = g_mime_message_get_mime_part (message);

  if (from != NULL && internet_address_list_length (from) > 0)
    from_text = internet_address_list_to_string (from, NULL, FALSE);
  else if (g_mime_object_get_header (GMIME_OBJECT (message), "From") != NULL)
    /* Not an address GMime can read: the header as written, decoded. */
    from_text = g_mime_utils_header_decode_text (NULL, g_mime_object_get_header (GMIME_OBJECT (message),
                                                                                 "From"));
  walk->date = date != NULL ? g_date_time_format_iso8601 (date) : NULL;
  walk->from = shown_text (from_text);
  walk->seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                      (GDestroyNotify) g_bytes_unref, NULL);
  walk->n_parts = walk->n_found = walk->n_pasted = 0;
  walk->truncated = FALSE;

  if (body != NULL)
    walk_object (walk, body, "", 0, FALSE);
  if (walk->n_found == 0)
    {
      PrMailFound *found = g_new0 (PrMailFound, 1);

      found->where = g_strdup_printf ("%u", walk->message);
      found->date = g_strdup (walk->date);
      found->from = g_strdup (walk->from);
      pr_ballot_error_set (&found->error, walk->truncated ? PR_BALLOT_ERROR_MAIL_TOO_COMPLEX
                                                          : PR_BALLOT_ERROR_MAIL_NO_BALLOT);
      g_ptr_array_add (walk->out, found);
    }
  g_clear_pointer (&walk->date, g_free);
  g_clear_pointer (&walk->from, g_free);
  g_clear_pointer (&walk->seen, g_hash_table_unref);
}

static void
add_file_entry (GPtrArray     *out,
                const char    *where,
                PrBallotError  code)
{
  PrMailFound *found = g_new0 (PrMailFound, 1);

  found->where = g_strdup (where);
  pr_ballot_error_set (&found->error, code);
  g_ptr_array_add (out, found);
}

/* GMime reads from a stream over the caller's bytes, without a copy
 * (a mail file may be tens of megabytes). */
static GMimeStream *
stream_over (const guint8 *data,
             gsize         len)
{
  GByteArray *array = g_byte_array_new ();
  GMimeStream *stream;

  array->data = (guint8 *) data;
  array->len = (guint) len;
  stream = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  return stream;
}

static void
release_stream (GMimeStream *stream)
{
  GByteArray *array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  g_object_unref (stream);
  /* The bytes are the caller's: free only the array itself. */
  array->data = NULL;
  array->len = 0;
  g_byte_array_unref (array);
}

GPtrArray *
pr_mail_extract (const guint8 *data,
                 gsize         len)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) pr_mail_found_free);
  gboolean mbox = len >= 5 && memcmp (data, "From ", 5) == 0;
  Walk walk = { .out = out };
  GMimeStream *stream;
  g_autoptr(PrMimeParser) parser = NULL;

  g_return_val_if_fail (data != NULL || len == 0, out);

  pr_mail_init ();
  if (len > G_MAXUINT)
    {
      add_file_entry (out, NULL, PR_BALLOT_ERROR_FS_TOO_LARGE);
      return out;
    }
  stream = stream_over (data, len);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  for (walk.message = 1; len > 0; walk.message++)
    {
      g_autoptr(PrMimeMessage) message = NULL;

      if (walk.message > PR_MAIL_MAX_MESSAGES)
        {
          g_autofree char *where = g_strdup_printf ("%u", walk.message);

          add_file_entry (out, where, PR_BALLOT_ERROR_MAIL_TOO_COMPLEX);
          break;
        }
      if ((message = g_mime_parser_construct_message (parser, NULL)) == NULL)
        break;
      walk_message (&walk, message);
      if (!mbox || g_mime_parser_eos (parser))
        break;
    }
  g_clear_object (&parser);
  release_stream (stream);
  if (out->len == 0)
    add_file_entry (out, NULL, PR_BALLOT_ERROR_MAIL_EMPTY);
  return out;
}
