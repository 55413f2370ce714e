/* charts-fixture.h — checks of chart and report files for the chart tests
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         offset;
} ChartsReader;

static inline cairo_status_t
charts_read_bytes (void          *closure,
                   unsigned char *data,
                   unsigned int   length)
{
  ChartsReader *r = closure;

  if (r->offset + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG with the signature, that Cairo loads, @width × @height pixels
 * (0: any). */
static inline void
charts_check_png (GBytes *bytes,
                  int     width,
                  int     height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  ChartsReader reader = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  cairo_surface_t *surface;

  g_assert_cmpuint (reader.len, >, sizeof signature);
  g_assert_cmpmem (reader.data, sizeof signature, signature, sizeof signature);
  surface = cairo_image_surface_create_from_png_stream (charts_read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 100);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, 100);
  if (width > 0)
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  if (height > 0)
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  cairo_surface_destroy (surface);
}

static inline void
charts_start_element (GMarkupParseContext  *context,
                      const char           *element,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  guint *n_svg = user_data;

  if (g_str_equal (element, "svg"))
    (*n_svg)++;
}

/* Well-formed XML with an <svg> root; returns its text (the <title> and
 * <desc> carry the words). */
static inline char *
charts_check_svg (GBytes *bytes)
{
  GMarkupParser parser = { charts_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  const char *text = g_bytes_get_data (bytes, NULL);
  gsize len = g_bytes_get_size (bytes);
  const char *root;
  guint n_svg = 0;

  g_assert_true (g_utf8_validate (text, (gssize) len, NULL));
  /* GMarkup takes no XML declaration. */
  root = g_strstr_len (text, (gssize) len, "<svg");
  g_assert_nonnull (root);
  context = g_markup_parse_context_new (&parser, 0, &n_svg, NULL);
  g_assert_true (g_markup_parse_context_parse (context, root, (gssize) (len - (root - text)), &error)
                 && g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_svg, ==, 1);
  return g_strndup (text, len);
}

/* Runs a program; returns its exit status and stdout. */
static inline int
charts_spawn (char       **out,
              const char  *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL
                               | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                               NULL, NULL, out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The text of a PDF file as poppler reads it (poppler-utils is a test
 * package, build-aux/common.sh). */
static inline char *
charts_pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  char *text = NULL;

  if (program == NULL)
    g_printerr ("pdftotext is missing: install poppler-utils (build-aux/test does)\n");
  g_assert_nonnull (program);
  g_assert_cmpint (charts_spawn (&text, "pdftotext", "-enc", "UTF-8", path, "-", NULL), ==, 0);
  g_assert_nonnull (text);
  return text;
}

/* The same with poppler's -layout: table rows stay on their lines. */
static inline char *
charts_pdf_layout_text (const char *path)
{
  char *text = NULL;

  g_assert_cmpint (charts_spawn (&text, "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL),
                   ==, 0);
  g_assert_nonnull (text);
  return text;
}

static inline guint
charts_pdf_pages (const char *path)
{
  g_autofree char *info = NULL;
  const char *pages;

  g_assert_cmpint (charts_spawn (&info, "pdfinfo", path, NULL), ==, 0);
  pages = strstr (info, "\nPages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:") + strspn (pages + 7, " "), NULL, 10);
}

/* A PDF: header, trailer, and poppler can read its text. */
static inline char *
charts_check_pdf (GBytes     *bytes,
                  const char *path)
{
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize len = g_bytes_get_size (bytes);

  g_assert_cmpuint (len, >, 100);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  g_assert_nonnull (g_strstr_len (data + len - 32, 32, "%%EOF"));
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return charts_pdf_text (path);
}

/* Not inlined: inlined into a loop over an autofree string, GCC 12's
 * -Wdangling-pointer takes the match for a pointer to the freed local
 * (a false alarm release builds printed). */
G_NO_INLINE G_GNUC_UNUSED static guint
charts_count (const char *haystack,
              const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}
