/* mail-fixture.h — mail as the tests write and read it
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>

/* Base64 in lines of 76, as mail programs write it. */
static inline char *
mail_fixture_base64_lines (GBytes *bytes)
{
  g_autofree char *flat = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GString *out = g_string_new (NULL);
  gsize len = strlen (flat);

  for (gsize i = 0; i < len; i += 76)
    g_string_append_printf (out, "%.76s\n", flat + i);
  return g_string_free (out, FALSE);
}

/* The decoded content of a MIME part, as GMime reads it. */
static inline GBytes *
mail_fixture_decoded (GMimePart *part)
{
  GMimeStream *out = g_mime_stream_mem_new ();
  GByteArray *array;
  GBytes *bytes;

  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (part), out);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  bytes = g_bytes_new (array->data, array->len);
  g_object_unref (out);
  return bytes;
}

/* Appends to a file (a sync tool or a mail program writing it in pieces). */
static inline void
mail_fixture_append (const char   *path,
                     const guint8 *data,
                     gsize         len)
{
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, len, file), ==, len);
  fclose (file);
}
