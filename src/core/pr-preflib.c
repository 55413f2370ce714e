/* pr-preflib.c — PrefLib .soc/.soi files (2022 format)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pr-preflib.h"

/* The format (Mattei & Walsh, PrefLib 2022): header lines `# KEY: value`
 * (`NUMBER ALTERNATIVES: m`, `ALTERNATIVE NAME i: name`, `DATA TYPE`,
 * `NUMBER VOTERS`, `NUMBER UNIQUE ORDERS` and others we skip), then one
 * `count: a,b,c` line per distinct order, best first. Ties (`{a,b}`) and
 * the toc/toi types are refused. Every check here is a bound: the file
 * size before reading, m ≤ PR_PREFLIB_MAX_ALTERNATIVES, the total count
 * ≤ PR_PREFLIB_MAX_VOTERS, numbers of at most 9 digits. */

G_DEFINE_QUARK (pr-preflib-error-quark, pr_preflib_error)

#define MAX_NAME_CHARS 256

typedef struct {
  guint        line_no;
  gboolean     any_text;      /* a line that is not blank */
  guint        m;             /* 0 until NUMBER ALTERNATIVES */
  char       **names;         /* m + 1, NULL-terminated */
  gboolean     complete_only; /* DATA TYPE: soc */
  gint64       voters;        /* NUMBER VOTERS, or -1 */
  gint64       unique;        /* NUMBER UNIQUE ORDERS, or -1 */
  guint64      total;
  guint        n_lines;
  gboolean     in_data;
  PrProfile   *profile;
  guint       *order;
  guint8      *seen;
} Parser;

static gboolean
fail (Parser      *p,
      GError     **error,
      int          code,
      const char  *what)
{
  g_set_error (error, PR_PREFLIB_ERROR, code,
               /* TRANSLATORS: "Line 12: <what is wrong>" in a PrefLib file */
               _("Line %u: %s"), p->line_no, what);
  return FALSE;
}

/* A decimal number of 1–9 digits, nothing else. */
static gboolean
parse_number (const char *s,
              gsize       len,
              guint      *out)
{
  guint v = 0;

  if (len == 0 || len > 9)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (guint) (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static const char *
skip_spaces (const char *s,
             const char *end)
{
  while (s < end && *s == ' ')
    s++;
  return s;
}

static gboolean
header_alternatives (Parser      *p,
                     const char  *value,
                     gsize        len,
                     GError     **error)
{
  guint m;

  if (p->m != 0)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("The number of alternatives is given twice."));
  if (!parse_number (value, len, &m) || m == 0)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("The number of alternatives is not a positive number."));
  if (m > PR_PREFLIB_MAX_ALTERNATIVES)
    return fail (p, error, PR_PREFLIB_ERROR_TOO_LARGE, _("The file has too many alternatives."));
  p->m = m;
  p->names = g_new0 (char *, m + 1);
  return TRUE;
}

static gboolean
header_name (Parser      *p,
             const char  *key,
             gsize        key_len,
             const char  *value,
             gsize        len,
             GError     **error)
{
  const gsize prefix = strlen ("ALTERNATIVE NAME ");
  guint i;

  if (p->m == 0)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER,
                 _("An alternative is named before the number of alternatives is given."));
  if (!parse_number (key + prefix, key_len - prefix, &i) || i == 0 || i > p->m)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("An alternative name has an invalid number."));
  if (p->names[i - 1] != NULL)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("An alternative is named twice."));
  if (g_utf8_strlen (value, len) > MAX_NAME_CHARS)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("An alternative name is too long."));
  for (gsize k = 0; k < len; k++)
    if ((guchar) value[k] < 0x20 || value[k] == 0x7f)
      return fail (p, error, PR_PREFLIB_ERROR_ENCODING, _("An alternative name contains a control character."));
  p->names[i - 1] = g_strndup (value, len);
  return TRUE;
}

static gboolean
header_count (Parser      *p,
              gint64      *target,
              const char  *value,
              gsize        len,
              GError     **error)
{
  guint v;

  if (*target >= 0)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("A header line is repeated."));
  if (!parse_number (value, len, &v))
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("A header count is not a number."));
  *target = v;
  return TRUE;
}

static gboolean
header_type (Parser      *p,
             const char  *value,
             gsize        len,
             GError     **error)
{
  if ((len == 3 && strncmp (value, "soc", 3) == 0))
    p->complete_only = TRUE;
  else if (len == 3 && strncmp (value, "soi", 3) == 0)
    p->complete_only = FALSE;
  else if (len == 3 && (strncmp (value, "toc", 3) == 0 || strncmp (value, "toi", 3) == 0))
    return fail (p, error, PR_PREFLIB_ERROR_TIES,
                 _("The file has orders with ties; ties are not supported yet."));
  else
    return fail (p, error, PR_PREFLIB_ERROR_HEADER,
                 _("The data type is not one of soc or soi."));
  return TRUE;
}

static gboolean
parse_header (Parser      *p,
              const char  *line,
              const char  *end,
              GError     **error)
{
  const char *key = skip_spaces (line + 1, end);
  const char *colon = memchr (key, ':', end - key);
  const char *value;
  gsize key_len, len;

  if (p->in_data)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("A header line follows the ballots."));
  if (colon == NULL)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER, _("A header line has no “:”."));
  key_len = colon - key;
  value = skip_spaces (colon + 1, end);
  len = end - value;
  while (len > 0 && value[len - 1] == ' ')
    len--;
#define KEY_IS(k) (key_len == strlen (k) && strncmp (key, k, key_len) == 0)
  if (KEY_IS ("NUMBER ALTERNATIVES"))
    return header_alternatives (p, value, len, error);
  if (key_len > strlen ("ALTERNATIVE NAME ") && strncmp (key, "ALTERNATIVE NAME ", 17) == 0)
    return header_name (p, key, key_len, value, len, error);
  if (KEY_IS ("DATA TYPE"))
    return header_type (p, value, len, error);
  if (KEY_IS ("NUMBER VOTERS"))
    return header_count (p, &p->voters, value, len, error);
  if (KEY_IS ("NUMBER UNIQUE ORDERS"))
    return header_count (p, &p->unique, value, len, error);
#undef KEY_IS
  return TRUE;  /* FILE NAME, TITLE, dates and so on: not needed */
}

static gboolean
ensure_profile (Parser  *p,
                GError **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (p->profile != NULL)
    return TRUE;
  if (p->m == 0)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER,
                 _("The ballots start before “# NUMBER ALTERNATIVES”."));
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < p->m; i++)
    {
      g_ptr_array_add (ids, g_strdup_printf ("%u", i + 1));
      if (p->names[i] == NULL)
        p->names[i] = g_strdup_printf ("%u", i + 1);
    }
  p->profile = pr_profile_new ((const char * const *) ids->pdata,
                               (const char * const *) p->names, p->m);
  /* A PrefLib file has no minimum of raters (DESIGN §7.1): everyone
   * ranked at all is placed; `tally --min-raters` sets one. */
  pr_profile_set_min_raters (p->profile, 0);
  p->order = g_new0 (guint, p->m + 1);
  p->seen = g_new0 (guint8, p->m + 1);
  p->in_data = TRUE;
  return TRUE;
}

/* Reads the `a,b,c` list after the colon into p->order. */
static gboolean
parse_order (Parser      *p,
             const char  *s,
             const char  *end,
             guint       *len,
             GError     **error)
{
  *len = 0;
  memset (p->seen, 0, p->m);
  for (;;)
    {
      const char *stop;
      guint a;

      s = skip_spaces (s, end);
      for (stop = s; stop < end && g_ascii_isdigit (*stop); stop++)
        ;
      if (!parse_number (s, stop - s, &a))
        return fail (p, error, PR_PREFLIB_ERROR_SYNTAX, _("An order lists something that is not an alternative number."));
      if (a == 0 || a > p->m)
        return fail (p, error, PR_PREFLIB_ERROR_RANGE, _("An order names an alternative that does not exist."));
      if (p->seen[a - 1]++)
        return fail (p, error, PR_PREFLIB_ERROR_DUPLICATE, _("An order names the same alternative twice."));
      p->order[(*len)++] = a - 1;
      s = skip_spaces (stop, end);
      if (s == end)
        return TRUE;
      if (*s != ',')
        return fail (p, error, PR_PREFLIB_ERROR_SYNTAX, _("Alternatives in an order must be separated by commas."));
      s++;
    }
}

static gboolean
parse_data (Parser      *p,
            const char  *line,
            const char  *end,
            GError     **error)
{
  gsize line_len = (gsize) (end - line);
  const char *colon = memchr (line, ':', line_len);
  guint count, len;

  g_assert (end >= line);
  if (!ensure_profile (p, error))
    return FALSE;
  if (memchr (line, '{', line_len) != NULL)
    return fail (p, error, PR_PREFLIB_ERROR_TIES,
                 _("The order has a tie; ties are not supported yet."));
  if (colon == NULL || !parse_number (line, colon - line, &count) || count == 0)
    return fail (p, error, PR_PREFLIB_ERROR_SYNTAX, _("A ballot line must start with a positive count and “:”."));
  if (!parse_order (p, colon + 1, end, &len, error))
    return FALSE;
  if (p->complete_only && len != p->m)
    return fail (p, error, PR_PREFLIB_ERROR_SYNTAX, _("A .soc file must rank every alternative."));
  p->total += count;
  if (p->total > PR_PREFLIB_MAX_VOTERS)
    return fail (p, error, PR_PREFLIB_ERROR_TOO_LARGE, _("The file has too many voters."));
  p->n_lines++;
  return pr_profile_add_ballot (p->profile, PR_PROFILE_NO_VOTER, p->order, len, count, error);
}

static gboolean
check_totals (Parser  *p,
              GError **error)
{
  if (!ensure_profile (p, error))
    return FALSE;
  if (p->total == 0)
    return fail (p, error, PR_PREFLIB_ERROR_EMPTY, _("The file has no ballots."));
  if (p->voters >= 0 && (guint64) p->voters != p->total)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER,
                 _("The ballot counts do not add up to “# NUMBER VOTERS”."));
  if (p->unique >= 0 && (guint64) p->unique != p->n_lines)
    return fail (p, error, PR_PREFLIB_ERROR_HEADER,
                 _("The number of ballot lines differs from “# NUMBER UNIQUE ORDERS”."));
  return TRUE;
}

static void
parser_clear (Parser *p)
{
  /* Not g_strfreev: unnamed alternatives leave NULL holes. */
  for (guint i = 0; p->names != NULL && i < p->m; i++)
    g_free (p->names[i]);
  g_clear_pointer (&p->names, g_free);
  g_clear_pointer (&p->profile, pr_profile_unref);
  g_clear_pointer (&p->order, g_free);
  g_clear_pointer (&p->seen, g_free);
}

static gboolean
parse_line (Parser      *p,
            const char  *line,
            const char  *end,
            GError     **error)
{
  if (end > line && end[-1] == '\r')
    end--;
  if (end == line)
    return TRUE;
  p->any_text = TRUE;
  if (line[0] == '#')
    return parse_header (p, line, end, error);
  return parse_data (p, line, end, error);
}

PrProfile *
pr_preflib_parse (const char  *data,
                  gsize        len,
                  GError     **error)
{
  Parser p = { 0, };
  const char *line, *end = data + len;
  PrProfile *result;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > PR_PREFLIB_MAX_BYTES)
    {
      g_set_error_literal (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_TOO_LARGE,
                           _("The PrefLib file is too large."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_ENCODING,
                           _("The PrefLib file is not UTF-8 text."));
      return NULL;
    }
  p.voters = p.unique = -1;
  for (line = data; line < end;)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *stop = nl != NULL ? nl : end;

      p.line_no++;
      if (!parse_line (&p, line, stop, error))
        {
          parser_clear (&p);
          return NULL;
        }
      line = stop + 1;
    }
  /* Said without a line number: there is no line to point at. */
  if (!p.any_text)
    {
      parser_clear (&p);
      g_set_error_literal (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_EMPTY,
                           _("The PrefLib file is empty."));
      return NULL;
    }
  if (!check_totals (&p, error))
    {
      parser_clear (&p);
      return NULL;
    }
  result = g_steal_pointer (&p.profile);
  parser_clear (&p);
  return result;
}

/* Opens a regular file no larger than the cap; the type and size are
 * checked on the open descriptor, before anything is read. O_NONBLOCK
 * keeps open() itself from waiting for a writer on a FIFO (or for a
 * device); it is cleared again once the file is known to be regular. */
static int
open_capped (const char  *path,
             gsize       *size,
             GError     **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  int saved = errno;
  int flags;

  if (fd < 0)
    {
      g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO,
                   _("“%s” is not a regular file."), path);
      return -1;
    }
  if (st.st_size > PR_PREFLIB_MAX_BYTES)
    {
      close (fd);
      g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_TOO_LARGE,
                   _("“%s” is too large for a PrefLib file."), path);
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return -1;
    }
  *size = (gsize) st.st_size;
  return fd;
}

static gboolean
read_capped (const char  *path,
             char       **out,
             gsize       *out_len,
             GError     **error)
{
  g_autofree char *buf = NULL;
  gsize size, got = 0;
  int fd = open_capped (path, &size, error);

  if (fd < 0)
    return FALSE;
  /* Room for one byte more than fstat said tells a file that grew. */
  buf = g_malloc (size + 2);
  while (got <= size)
    {
      gssize r = read (fd, buf + got, size + 1 - got);
      int saved = errno;

      if (r < 0 && saved == EINTR)
        continue;
      if (r < 0)
        {
          close (fd);
          g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO,
                       _("Cannot read “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
      if (r == 0)
        break;
      got += (gsize) r;
    }
  close (fd);
  if (got != size)
    {
      g_set_error (error, PR_PREFLIB_ERROR, PR_PREFLIB_ERROR_IO,
                   _("“%s” changed while it was read."), path);
      return FALSE;
    }
  buf[got] = '\0';
  *out_len = got;
  *out = g_steal_pointer (&buf);
  return TRUE;
}

PrProfile *
pr_preflib_load (const char  *path,
                 GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_capped (path, &data, &len, error))
    return NULL;
  return pr_preflib_parse (data, len, error);
}

/* Header text may not break the line structure. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *c = copy; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = ' ';
  return copy;
}

typedef struct {
  const guint *order;
  guint        len;
  guint        count;
} Line;

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *x = a;
  const Line *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  for (guint i = 0; i < x->len; i++)
    if (x->order[i] != y->order[i])
      return x->order[i] < y->order[i] ? -1 : 1;
  return 0;
}

static int
compare_orders_only (gconstpointer a,
                     gconstpointer b)
{
  Line x = *(const Line *) a;
  Line y = *(const Line *) b;

  x.count = y.count = 0;
  return compare_lines (&x, &y);
}

/* Drops voters and merges identical orders, sorted for output. */
static GArray *
anonymous_lines (PrProfile *profile)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Line));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Line));

  for (guint o = 0; o < pr_profile_get_n_orders (profile); o++)
    {
      Line l;

      l.order = pr_profile_get_order (profile, o, &l.len, NULL, &l.count);
      g_array_append_val (all, l);
    }
  g_array_sort (all, compare_orders_only);
  for (guint i = 0; i < all->len; i++)
    {
      const Line *l = &g_array_index (all, Line, i);
      Line *last = merged->len > 0 ? &g_array_index (merged, Line, merged->len - 1) : NULL;

      if (last != NULL && compare_orders_only (last, l) == 0)
        last->count += l->count;
      else
        g_array_append_val (merged, *l);
    }
  g_array_sort (merged, compare_lines);
  return merged;
}

char *
pr_preflib_write (PrProfile           *profile,
                  const char          *file_name,
                  const char          *title,
                  PrPreflibWriteFlags  flags)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *name_line = NULL;
  g_autofree char *title_line = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (profile != NULL, NULL);

  n = pr_profile_get_n_candidates (profile);
  lines = anonymous_lines (profile);
  name_line = one_line (file_name);
  title_line = one_line (title);
  out = g_string_new (NULL);
  g_string_append_printf (out, "# FILE NAME: %s\n# TITLE: %s\n", name_line, title_line);
  /* Machine-read by other tools: the note stays in English. */
  g_string_append (out, "# DESCRIPTION: Anonymised export of a Peer Rank round. Voters ranked only "
                        "the people they know: an alternative missing from an order means "
                        "\"no information\", not \"ranked below\".\n");
  g_string_append (out, "# DATA TYPE: soi\n# MODIFICATION TYPE: original\n# RELATES TO: \n"
                        "# RELATED FILES: \n# PUBLICATION DATE: \n# MODIFICATION DATE: \n");
  g_string_append_printf (out, "# NUMBER ALTERNATIVES: %u\n# NUMBER VOTERS: %u\n"
                          "# NUMBER UNIQUE ORDERS: %u\n",
                          n, pr_profile_get_n_ballots (profile), lines->len);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = (flags & PR_PREFLIB_WRITE_KEEP_NAMES)
                              ? one_line (pr_profile_get_name (profile, i))
                              : g_strdup_printf ("Member %u", i + 1);

      g_string_append_printf (out, "# ALTERNATIVE NAME %u: %s\n", i + 1, name);
    }
  for (guint k = 0; k < lines->len; k++)
    {
      const Line *l = &g_array_index (lines, Line, k);

      g_string_append_printf (out, "%u:", l->count);
      for (guint i = 0; i < l->len; i++)
        g_string_append_printf (out, "%s%u", i == 0 ? " " : ",", l->order[i] + 1);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
