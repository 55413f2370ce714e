/* pr-json.h — strict JSON reading and canonical JSON writing
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Nesting limit checked by a pre-scan before json-glib sees the bytes;
 * our formats need at most 4 levels. */
#define PR_JSON_MAX_DEPTH 16

/* Size caps, checked before reading (by the caller, from stat) and again
 * by pr_json_parse(). */
#define PR_ENVELOPE_MAX_SIZE    (16 * 1024)
#define PR_KEYFILE_MAX_SIZE     (4 * 1024)
#define PR_INVITATION_MAX_SIZE  (1024 * 1024)
#define PR_ROUND_MAX_SIZE       (8 * 1024 * 1024)

/* Every format's current version; a file with a higher one gets
 * PR_BALLOT_ERROR_ENVELOPE_NEWER_VERSION. */
#define PR_ENVELOPE_VERSION    1
#define PR_INVITATION_VERSION  1
#define PR_KEYFILE_VERSION     1
#define PR_ROUND_VERSION       2  /* 2: voters with MACs (issue #20) */

/* Reading. All errors are in PR_BALLOT_ERROR. */

typedef enum {
  PR_JSON_TYPE_STRING,
  PR_JSON_TYPE_INT,
  PR_JSON_TYPE_BOOL,
  PR_JSON_TYPE_OBJECT,
  PR_JSON_TYPE_ARRAY,
} PrJsonType;

typedef struct {
  const char *name;
  PrJsonType  type;
} PrJsonMember;

/* Depth pre-scan (strings and escapes aware); TRUE when no array/object
 * nesting exceeds @max_depth. Never recurses. */
gboolean      pr_json_check_depth     (const guint8  *data,
                                       gsize          len,
                                       guint          max_depth);

/* Checks size (FS_TOO_LARGE above @max_size), emptiness, UTF-8 without NUL,
 * depth, syntax (a generic message, never json-glib's text) and that the
 * root is an object. Returns the root node. */
JsonNode     *pr_json_parse           (const guint8  *data,
                                       gsize          len,
                                       gsize          max_size,
                                       GError       **error);

/* Checks "format" and "version" of @object: another Peer Rank tag gives
 * ENVELOPE_WRONG_KIND ("this is an invitation, not a ballot"), a missing
 * or foreign tag ENVELOPE_NOT_PEER_RANK, a version above @version
 * ENVELOPE_NEWER_VERSION. Call before pr_json_check_members(). */
gboolean      pr_json_check_header    (JsonObject    *object,
                                       const char    *format,
                                       gint64         version,
                                       GError       **error);

/* Exactly these members with exactly these types: an unknown member,
 * a missing one or a wrong type is an error naming the member. String
 * values must be valid UTF-8 after unescaping (ENVELOPE_ENCODING). */
gboolean      pr_json_check_members   (JsonObject         *object,
                                       const PrJsonMember *members,
                                       gsize               n_members,
                                       GError            **error);

/* An integer member in [@min, @max], else ENVELOPE_BAD_VALUE naming it.
 * The member must have been type-checked already. */
gboolean      pr_json_get_int_in      (JsonObject    *object,
                                       const char    *member,
                                       gint64         min,
                                       gint64         max,
                                       gint64        *out,
                                       GError       **error);

/* Canonical base64 (sodium_base64_VARIANT_ORIGINAL, padded, nothing
 * ignored) of exactly @len bytes: ENVELOPE_BAD_BASE64 or
 * ENVELOPE_BAD_LENGTH naming @member. */
gboolean      pr_json_get_base64      (JsonObject    *object,
                                       const char    *member,
                                       guint8        *out,
                                       gsize          len,
                                       GError       **error);

/* Same for a variable length of at most @max_len bytes; newly allocated. */
GBytes       *pr_json_get_base64_bytes (JsonObject   *object,
                                        const char   *member,
                                        gsize         max_len,
                                        GError      **error);

/* Decodes canonical base64 @text into @out (room for @out_max bytes). */
gboolean      pr_base64_decode        (const char    *text,
                                       guint8        *out,
                                       gsize          out_max,
                                       gsize         *out_len,
                                       const char    *member,
                                       GError       **error);
char         *pr_base64_encode        (const guint8  *data,
                                       gsize          len);

/* TRUE when @data is exactly @canonical, or @canonical plus one "\n"
 * (a trailing "\n" of @canonical itself is ignored);
 * else ENVELOPE_NOT_CANONICAL (duplicate keys, whitespace, comments,
 * escapes, number spellings, member order …). */
gboolean      pr_json_check_canonical (const guint8  *data,
                                       gsize          len,
                                       GBytes        *canonical,
                                       GError       **error);

/* Writing: compact JSON, members in the order written, strings with only
 * '"', '\\' and control characters escaped (\b \f \n \r \t, else \u00XX),
 * everything else as UTF-8 (invalid UTF-8 is written with U+FFFD
 * replacement characters). The buffer is wiped when freed. */

typedef struct _PrJsonWriter PrJsonWriter;

PrJsonWriter *pr_json_writer_new       (void);
void          pr_json_writer_free      (PrJsonWriter *writer);
void          pr_json_writer_begin_object (PrJsonWriter *writer);
void          pr_json_writer_end_object   (PrJsonWriter *writer);
void          pr_json_writer_begin_array  (PrJsonWriter *writer);
void          pr_json_writer_end_array    (PrJsonWriter *writer);
/* Writes "name": (with a comma before it when needed). */
void          pr_json_writer_key       (PrJsonWriter *writer,
                                        const char   *name);
void          pr_json_writer_string    (PrJsonWriter *writer,
                                        const char   *value);
void          pr_json_writer_int       (PrJsonWriter *writer,
                                        gint64        value);
void          pr_json_writer_bool      (PrJsonWriter *writer,
                                        gboolean      value);
void          pr_json_writer_null      (PrJsonWriter *writer);
void          pr_json_writer_base64    (PrJsonWriter *writer,
                                        const guint8 *data,
                                        gsize         len);
/* Shorthands: key + value. */
void          pr_json_writer_member_string (PrJsonWriter *writer,
                                            const char   *name,
                                            const char   *value);
void          pr_json_writer_member_int    (PrJsonWriter *writer,
                                            const char   *name,
                                            gint64        value);
void          pr_json_writer_member_bool   (PrJsonWriter *writer,
                                            const char   *name,
                                            gboolean      value);
void          pr_json_writer_member_base64 (PrJsonWriter *writer,
                                            const char   *name,
                                            const guint8 *data,
                                            gsize         len);
/* Writes "format":@format,"version":@version (call right after
 * begin_object of the root). */
void          pr_json_writer_header    (PrJsonWriter *writer,
                                        const char   *format,
                                        gint64        version);
/* The bytes so far (all containers must be closed), plus "\n" if
 * @newline. The writer stays usable for freeing only. */
GBytes       *pr_json_writer_get_bytes (PrJsonWriter *writer,
                                        gboolean      newline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrJsonWriter, pr_json_writer_free)

G_END_DECLS
