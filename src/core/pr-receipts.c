/* pr-receipts.c — a member checks the published receipts for their ballot
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pr-crypto.h"
#include "pr-receipts.h"

G_DEFINE_QUARK (pr-receipts-error-quark, pr_receipts_error)

/* Characters of a short fingerprint: 10 bytes in base 32. */
#define N_CHARS ((PR_FINGERPRINT_SHORT_BYTES * 8 + 4) / 5)
#define GROUP 4

/* Crockford's base 32, with the letters a person may type for digits. */
static char
normal_char (char c)
{
  c = g_ascii_toupper (c);
  if (c == 'O')
    return '0';
  if (c == 'I' || c == 'L')
    return '1';
  if (g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z' && c != 'U'))
    return c;
  return '\0';
}

/* @n characters of base 32 grouped as Peer Rank shows them, or NULL. */
static char *
grouped (const char *chars,
         gsize       n)
{
  GString *out;

  if (n != N_CHARS)
    return NULL;
  out = g_string_sized_new (N_CHARS + N_CHARS / GROUP);
  for (gsize i = 0; i < n; i++)
    {
      char c = normal_char (chars[i]);

      if (c == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (i > 0 && i % GROUP == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
pr_receipts_normalize (const char *fingerprint)
{
  g_autoptr(GString) chars = g_string_new (NULL);

  g_return_val_if_fail (fingerprint != NULL, NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p == '-' || *p == ' ')
        continue;
      g_string_append_c (chars, *p);
    }
  return grouped (chars->str, chars->len);
}

/* Runs of letters and digits on one line, in order. */
static GPtrArray *
split_groups (const char *line,
              gsize       len)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && g_ascii_isalnum (line[i]))
        continue;
      if (i > start)
        g_ptr_array_add (groups, g_strndup (line + start, i - start));
      start = i + 1;
    }
  return groups;
}

/* Words of prose are lower case and have no digit; a fingerprint as
 * Peer Rank shows it is upper case (and almost always has a digit). */
static gboolean
looks_like_receipt (const char *chars)
{
  gboolean digit = FALSE, lower = FALSE;

  for (const char *p = chars; *p != '\0'; p++)
    {
      digit |= g_ascii_isdigit (*p);
      lower |= g_ascii_islower (*p);
    }
  return digit || !lower;
}

/* A receipt is one run of 16, or four runs of 4 in a row ("3F2A-91C0-…"
 * or "3F2A 91C0 …"); a list number or a word around it does not matter. */
static void
scan_line (const char *line,
           gsize       len,
           GRegex     *dashed,
           GHashTable *found)
{
  g_autoptr(GPtrArray) groups = split_groups (line, len);
  g_autoptr(GMatchInfo) match = NULL;

  /* Grouped by dashes, as Peer Rank shows it: whatever the case. */
  g_regex_match_full (dashed, line, (gssize) len, 0, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *text = g_match_info_fetch (match, 0);
      char *receipt = pr_receipts_normalize (text);

      if (receipt != NULL)
        g_hash_table_add (found, receipt);
    }

  for (guint i = 0; i < groups->len; i++)
    {
      const char *group = g_ptr_array_index (groups, i);
      char *receipt = NULL;

      if (strlen (group) == N_CHARS && looks_like_receipt (group))
        receipt = grouped (group, N_CHARS);
      else if (strlen (group) == GROUP && i + N_CHARS / GROUP <= groups->len)
        {
          g_autoptr(GString) joined = g_string_new (NULL);

          gboolean each = TRUE;

          /* Each group on its own: "also" before a fingerprint is prose. */
          for (guint k = 0; k < N_CHARS / GROUP; k++)
            {
              const char *part = g_ptr_array_index (groups, i + k);

              each &= strlen (part) == GROUP && looks_like_receipt (part);
              g_string_append (joined, part);
            }
          if (each && (receipt = grouped (joined->str, joined->len)) != NULL)
            i += N_CHARS / GROUP - 1;
        }
      if (receipt != NULL)
        g_hash_table_add (found, receipt);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
pr_receipts_parse (const char  *text,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) dashed = g_regex_new ("(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){3}"
                                          "(?![0-9A-Za-z-])", G_REGEX_RAW, 0, NULL);
  GPtrArray *receipts;
  GHashTableIter iter;
  gpointer key;
  gsize start = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len > PR_RECEIPTS_MAX_SIZE)
    {
      g_set_error_literal (error, PR_RECEIPTS_ERROR, PR_RECEIPTS_ERROR_TOO_LARGE,
                           _("This is far more text than a list of receipts; choose the file or "
                             "copy the list the organizer published."));
      return NULL;
    }
  for (gsize i = 0; i <= len; i++)
    if (i == len || text[i] == '\n' || text[i] == '\r')
      {
        scan_line (text + start, i - start, dashed, found);
        start = i + 1;
      }
  if (g_hash_table_size (found) == 0)
    {
      g_set_error_literal (error, PR_RECEIPTS_ERROR, PR_RECEIPTS_ERROR_EMPTY,
                           _("This text holds no receipts: a receipt is a ballot fingerprint like "
                             "3F2A-91C0-7DKE-M2QX. Copy the whole list the organizer published."));
      return NULL;
    }
  receipts = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (receipts, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (receipts, compare_strings);
  return receipts;
}

gboolean
pr_receipts_lists (GPtrArray  *receipts,
                   const char *fingerprint)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (receipts != NULL && fingerprint != NULL, FALSE);

  if ((normal = pr_receipts_normalize (fingerprint)) == NULL)
    return FALSE;
  for (guint i = 0; i < receipts->len; i++)
    if (g_str_equal (g_ptr_array_index (receipts, i), normal))
      return TRUE;
  return FALSE;
}
