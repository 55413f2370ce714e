/* pr-chart-style.c — colours, fonts and text shared by the charts and
 * the report
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "pr-chart-style.h"

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0 }

/* Text and neutrals from the GNOME palette; data colours from Okabe & Ito
 * (2008), told apart with every common colour-vision deficiency. */
static const PrChartStyle light_style = {
  FALSE, HEX (0xffffff), HEX (0x1e1e1e), HEX (0x5e5c64), HEX (0xdeddda),
  HEX (0x0072b2), HEX (0xd55e00), HEX (0xa05000),
};
static const PrChartStyle dark_style = {
  TRUE, HEX (0x242424), HEX (0xffffff), HEX (0xc0bfbc), HEX (0x48464d),
  HEX (0x56b4e9), HEX (0xe69f00), HEX (0xf0c060),
};

/* viridis(9), van der Walt & Smith for matplotlib (CC0). */
static const PrRgb viridis[] = {
  HEX (0x440154), HEX (0x472d7b), HEX (0x3b528b), HEX (0x2c728e), HEX (0x21908c),
  HEX (0x27ad81), HEX (0x5dc863), HEX (0xaadc32), HEX (0xfde725),
};

/* PuOr (5 classes), Cynthia Brewer's ColorBrewer 2.0: colour-blind safe,
 * orange below an even split, purple above, pale grey at it. */
static const PrRgb puor[] = {
  HEX (0xe66101), HEX (0xfdb863), HEX (0xf7f7f7), HEX (0xb2abd2), HEX (0x5e3c99),
};

void
pr_chart_style_init (PrChartStyle *style,
                     gboolean      dark)
{
  *style = dark ? dark_style : light_style;
}

void
pr_chart_set_source (cairo_t     *cr,
                     const PrRgb *rgb,
                     double       alpha)
{
  cairo_set_source_rgba (cr, rgb->r, rgb->g, rgb->b, alpha);
}

static void
mix (const PrRgb *a,
     const PrRgb *b,
     double       t,
     PrRgb       *out)
{
  out->r = a->r + (b->r - a->r) * t;
  out->g = a->g + (b->g - a->g) * t;
  out->b = a->b + (b->b - a->b) * t;
}

static void
ramp (const PrRgb *stops,
      guint        n_stops,
      double       t,
      PrRgb       *out)
{
  double x;
  guint i;

  t = isnan (t) ? 0 : CLAMP (t, 0, 1);
  x = t * (n_stops - 1);
  i = MIN ((guint) x, n_stops - 2);
  mix (&stops[i], &stops[i + 1], x - i, out);
}

void
pr_chart_viridis (double  t,
                  PrRgb  *out)
{
  ramp (viridis, G_N_ELEMENTS (viridis), t, out);
}

void
pr_chart_diverging (const PrChartStyle *style,
                    double              t,
                    PrRgb              *out)
{
  ramp (puor, G_N_ELEMENTS (puor), t, out);
}

void
pr_chart_text_on (const PrRgb *rgb,
                  PrRgb       *out)
{
  /* Relative luminance (sRGB, roughly linearised). */
  double l = 0.2126 * pow (rgb->r, 2.2) + 0.7152 * pow (rgb->g, 2.2) + 0.0722 * pow (rgb->b, 2.2);

  out->r = out->g = out->b = l > 0.18 ? 0.0 : 1.0;
}

PangoLayout *
pr_chart_text_layout (cairo_t    *cr,
                      const char *text,
                      double      size,
                      gboolean    bold,
                      double      width,
                      int         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: a layout measured on one surface has the same size
   * on every other (widget, PNG, SVG, PDF). */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_size (font, (gint) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
    }
  return layout;
}

void
pr_chart_text_size (PangoLayout *layout,
                    double      *width,
                    double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
pr_chart_show_layout (cairo_t     *cr,
                      PangoLayout *layout,
                      double       x,
                      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
pr_chart_hatch (cairo_t            *cr,
                const PrChartStyle *style,
                double              x,
                double              y,
                double              width,
                double              height)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  pr_chart_set_source (cr, &style->grid, 0.35);
  cairo_paint (cr);
  pr_chart_set_source (cr, &style->muted, 0.45);
  cairo_set_line_width (cr, 1);
  for (double d = -height; d < width; d += 7)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

cairo_status_t
pr_chart_write_to_array (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}
