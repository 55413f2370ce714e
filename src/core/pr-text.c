/* pr-text.c — characters that hide, reorder or control text
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-text.h"

gboolean
pr_text_is_hidden_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  /* Bidirectional embeddings, overrides, isolates and marks can make a
   * text display as a different one. */
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200e || c == 0x200f || c == 0x061c)
    return TRUE;
  /* Invisible characters (zero-width space and joiners, word joiner,
   * byte order mark, soft hyphen) make two texts that look the same
   * differ; line and paragraph separators break lines. */
  if ((c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0x00ad ||
      c == 0x2028 || c == 0x2029)
    return TRUE;
  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
         type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

gboolean
pr_text_has_hidden_chars (const char *text,
                          const char *allowed)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (pr_text_is_hidden_char (c) &&
          (allowed == NULL || c >= 0x80 || strchr (allowed, (int) c) == NULL))
        return TRUE;
    }
  return FALSE;
}

char *
pr_text_escape_terminal (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *end = text + strlen (text);

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p++);
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (pr_text_is_hidden_char (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
