/* pr-chart-render.c — a chart written to an SVG, PNG or PDF file
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pr-chart-internal.h"

gboolean
pr_chart_format_from_path (const char    *path,
                           PrChartFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    *format = PR_CHART_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *format = PR_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = PR_CHART_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, PR_CHART_ERROR, PR_CHART_ERROR_CAIRO,
               _("Could not draw the chart: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* Draws on a vector surface (SVG, PDF) and finishes it. */
static gboolean
render_vector (PrChart          *chart,
               cairo_surface_t  *surface,
               double            width,
               double            height,
               GError          **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  pr_chart_draw (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, error);
}

static gboolean
render_png (PrChart     *chart,
            GByteArray  *out,
            double       width,
            double       height,
            GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width * 2,
                                                         (int) height * 2);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_scale (cr, 2, 2);
  pr_chart_draw (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, pr_chart_write_to_array, out);
  cairo_surface_destroy (surface);
  return check_status (status, error);
}

/* Cairo writes text as glyph outlines; <title> and <desc> give the SVG
 * its words back, for screen readers, search and copy. */
static void
add_svg_text (PrChart    *chart,
              GByteArray *svg)
{
  g_autofree char *text = g_strndup ((const char *) svg->data, svg->len);
  g_autofree char *description = pr_chart_describe (chart);
  g_autofree char *heading = _pr_chart_heading_text (chart);
  g_autofree char *title = g_markup_escape_text (heading, -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  g_autofree char *insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *root = strstr (text, "<svg");
  const char *end = root != NULL ? strchr (root, '>') : NULL;

  if (end == NULL)
    return;
  g_byte_array_set_size (svg, 0);
  g_byte_array_append (svg, (const guint8 *) text, end + 1 - text);
  g_byte_array_append (svg, (const guint8 *) insert, strlen (insert));
  g_byte_array_append (svg, (const guint8 *) end + 1, strlen (end + 1));
}

GBytes *
pr_chart_render (PrChart        *chart,
                 PrChartFormat   format,
                 double          width,
                 GError        **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  double height;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  width = ceil (width > 0 ? width : pr_chart_get_natural_width (chart));
  height = pr_chart_get_height_for_width (chart, width);
  switch (format)
    {
    case PR_CHART_FORMAT_SVG:
      if (!render_vector (chart, cairo_svg_surface_create_for_stream (pr_chart_write_to_array, out,
                                                                      width, height),
                          width, height, error))
        return NULL;
      add_svg_text (chart, out);
      break;
    case PR_CHART_FORMAT_PDF:
      {
        cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (pr_chart_write_to_array, out,
                                                                    width, height);
        g_autofree char *heading = _pr_chart_heading_text (chart);

        cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, heading);
        cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Peer Rank");
        if (!render_vector (chart, pdf, width, height, error))
          return NULL;
      }
      break;
    case PR_CHART_FORMAT_PNG:
      if (!render_png (chart, out, width, height, error))
        return NULL;
      break;
    default:
      g_set_error_literal (error, PR_CHART_ERROR, PR_CHART_ERROR_FORMAT,
                           _("Charts are written as SVG, PNG or PDF."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
