/* pr-roster.c — reading a roster from plain text or a spreadsheet's CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pr-roster.h"
#include "pr-text.h"

G_DEFINE_QUARK (pr-roster-error-quark, pr_roster_error)

struct _PrRoster {
  GPtrArray *names;   /* NULL-terminated */
  GPtrArray *emails;  /* NULL without an email column */
  GArray    *lines;
};

static PrRoster *
roster_new (gboolean with_email)
{
  PrRoster *roster = g_new0 (PrRoster, 1);

  roster->names = g_ptr_array_new_null_terminated (16, g_free, TRUE);
  roster->emails = with_email ? g_ptr_array_new_with_free_func (g_free) : NULL;
  roster->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  return roster;
}

void
pr_roster_free (PrRoster *roster)
{
  if (roster == NULL)
    return;
  g_ptr_array_unref (roster->names);
  g_clear_pointer (&roster->emails, g_ptr_array_unref);
  g_array_unref (roster->lines);
  g_free (roster);
}

static void
roster_add (PrRoster   *roster,
            const char *name,
            const char *email,
            guint       line)
{
  g_ptr_array_add (roster->names, g_strstrip (g_strdup (name)));
  if (roster->emails != NULL)
    g_ptr_array_add (roster->emails, g_strstrip (g_strdup (email != NULL ? email : "")));
  g_array_append_val (roster->lines, line);
}

/* Names. */

static gboolean
is_forbidden_char (gunichar c)
{
  return pr_text_is_hidden_char (c);
}

/* Errors about one name say where it is: "Line 4: …" for a file,
 * "Name 4: …" for a list, nothing when @where is 0 (unknown). Each is a
 * whole translatable sentence. */
#define SET_WHERE_ERROR(error, code, where, is_line, plain, on_line, on_name) \
  G_STMT_START {                                                           \
    if ((where) == 0)                                                      \
      g_set_error_literal ((error), PR_ROSTER_ERROR, (code), (plain));     \
    else if (is_line)                                                      \
      g_set_error ((error), PR_ROSTER_ERROR, (code), (on_line), (where));  \
    else                                                                   \
      g_set_error ((error), PR_ROSTER_ERROR, (code), (on_name), (where));  \
  } G_STMT_END

static void
set_too_long_error (GError   **error,
                    guint      where,
                    gboolean   is_line)
{
  if (where == 0)
    g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_TOO_LONG,
                 _("The name is longer than %d characters."), PR_ROSTER_MAX_NAME);
  else if (is_line)
    g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_TOO_LONG,
                 _("Line %u: the name is longer than %d characters."), where, PR_ROSTER_MAX_NAME);
  else
    g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_TOO_LONG,
                 _("Name %u: the name is longer than %d characters."), where, PR_ROSTER_MAX_NAME);
}

static gboolean
check_name_at (const char  *name,
               guint        where,
               gboolean     is_line,
               GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    {
      SET_WHERE_ERROR (error, PR_ROSTER_ERROR_ENCODING, where, is_line,
                       _("The name is not valid text."),
                       _("Line %u: the name is not valid text."),
                       _("Name %u: the name is not valid text."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      SET_WHERE_ERROR (error, PR_ROSTER_ERROR_NAME_EMPTY, where, is_line,
                       _("The name is empty."),
                       _("Line %u: the name is empty."),
                       _("Name %u: the name is empty."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > PR_ROSTER_MAX_NAME)
    {
      set_too_long_error (error, where, is_line);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (is_forbidden_char (g_utf8_get_char (p)))
      {
        SET_WHERE_ERROR (error, PR_ROSTER_ERROR_NAME_CONTROL, where, is_line,
                         _("The name contains an invisible, control or text-direction character."),
                         _("Line %u: the name contains an invisible, control or text-direction character."),
                         _("Name %u: the name contains an invisible, control or text-direction character."));
        return FALSE;
      }
  return TRUE;
}

gboolean
pr_roster_check_name (const char  *name,
                      GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return check_name_at (name, 0, FALSE, error);
}

char *
pr_roster_name_key (const char *name)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return g_strdup (name);
  return g_utf8_casefold (normal, -1);
}

gboolean
pr_roster_check_names (const char * const  *names,
                       const guint         *lines,
                       GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (names != NULL, FALSE);

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint where = lines != NULL ? lines[i] : i + 1;
      char *key;
      gpointer other;

      if (!check_name_at (names[i], where, lines != NULL, error))
        return FALSE;
      key = pr_roster_name_key (names[i]);
      if (g_hash_table_lookup_extended (seen, key, NULL, &other))
        {
          if (lines != NULL)
            g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE,
                         _("Line %u: “%s” is the same name as on line %u."),
                         where, names[i], GPOINTER_TO_UINT (other));
          else
            g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE,
                         _("Name %u: “%s” is the same name as name %u."),
                         where, names[i], GPOINTER_TO_UINT (other));
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (where));
    }
  return TRUE;
}

/* Encoding: UTF-8 with or without a byte order mark, else Windows-1252
 * (what spreadsheets in German and French locales export). */
static char *
decode_text (const guint8  *data,
             gsize          len,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_ENCODING,
                           _("The roster is not a text file (it contains NUL bytes)."));
      return NULL;
    }
  if (g_utf8_validate_len ((const char *) data, len, NULL))
    return g_strndup ((const char *) data, len);

  text = g_convert ((const char *) data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, &local_error);
  if (text == NULL)
    g_set_error_literal (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_ENCODING,
                         _("The roster is neither UTF-8 nor Windows-1252 text. Save it as UTF-8."));
  return text;
}

/* Adding one more name past the member limit fails at once, so that a
 * huge file never becomes a huge roster. */
static gboolean
roster_add_checked (PrRoster    *roster,
                    const char  *name,
                    const char  *email,
                    guint        line,
                    GError     **error)
{
  if (roster->names->len >= PR_ROSTER_MAX_MEMBERS)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_MANY,
                   _("The roster has more than %d names."), PR_ROSTER_MAX_MEMBERS);
      return FALSE;
    }
  roster_add (roster, name, email, line);
  return TRUE;
}

static gboolean
span_is_blank (const char *start,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (start[i]))
      return FALSE;
  return TRUE;
}

/* Plain text: one name per line, lines ending in LF, CRLF or a lone CR
 * (old Mac exports). Blank lines are skipped without allocating. */
static PrRoster *
parse_plain (const char  *text,
             GError     **error)
{
  g_autoptr(PrRoster) roster = roster_new (FALSE);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      gsize len = strcspn (p, "\r\n");

      if (!span_is_blank (p, len))
        {
          g_autofree char *name = g_strndup (p, len);

          if (!roster_add_checked (roster, name, NULL, line, error))
            return NULL;
        }
      p += len;
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      line++;
    }
  return g_steal_pointer (&roster);
}

/* CSV, RFC 4180: a row is a list of fields and the line it starts on.
 * A spreadsheet export has a handful of columns; the cap keeps a file of
 * separators from becoming a million allocations. Rows are read one at a
 * time into the same row, so memory stays bounded by one row plus the
 * roster. */
#define MAX_COLUMNS 256

typedef struct {
  GPtrArray *fields;
  guint      line;
} CsvRow;

typedef struct {
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
  char        sep;
} CsvReader;

static gboolean
at_record_end (CsvReader *reader)
{
  return reader->pos >= reader->len || reader->text[reader->pos] == '\n' ||
         reader->text[reader->pos] == '\r';
}

static gboolean
read_quoted (CsvReader  *reader,
             GString    *field,
             guint       row_line,
             GError    **error)
{
  reader->pos++;  /* opening quote */
  for (;;)
    {
      char c;

      if (reader->pos >= reader->len)
        {
          g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_SYNTAX,
                       _("Line %u: a quoted field is never closed."), row_line);
          return FALSE;
        }
      c = reader->text[reader->pos++];
      if (c == '"')
        {
          if (reader->pos < reader->len && reader->text[reader->pos] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos++;
              continue;
            }
          break;
        }
      if (c == '\n')
        reader->line++;
      g_string_append_c (field, c);
    }

  if (!at_record_end (reader) && reader->text[reader->pos] != reader->sep)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_SYNTAX,
                   _("Line %u: text follows a closing quote; write a quote inside a quoted field as two quotes."),
                   reader->line);
      return FALSE;
    }
  return TRUE;
}

static void
read_unquoted (CsvReader *reader,
               GString   *field)
{
  gsize start = reader->pos;

  while (!at_record_end (reader) && reader->text[reader->pos] != reader->sep)
    reader->pos++;
  g_string_append_len (field, reader->text + start, reader->pos - start);
}

static void
skip_record_end (CsvReader *reader)
{
  if (reader->pos < reader->len && reader->text[reader->pos] == '\r')
    reader->pos++;
  if (reader->pos < reader->len && reader->text[reader->pos] == '\n')
    reader->pos++;
  reader->line++;
}

static gboolean
read_field (CsvReader  *reader,
            CsvRow     *row,
            GError    **error)
{
  g_autoptr(GString) field = g_string_new (NULL);

  if (reader->pos < reader->len && reader->text[reader->pos] == '"')
    {
      if (!read_quoted (reader, field, row->line, error))
        return FALSE;
    }
  else
    read_unquoted (reader, field);
  g_ptr_array_add (row->fields, g_string_free (g_steal_pointer (&field), FALSE));
  if (row->fields->len > MAX_COLUMNS)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_SYNTAX,
                   _("Line %u: the row has more than %d columns."), row->line, MAX_COLUMNS);
      return FALSE;
    }
  return TRUE;
}

/* Reads the next row into @row, reusing its array. Empty lines are
 * skipped without allocating; returns FALSE with no error at the end. */
static gboolean
read_row (CsvReader  *reader,
          CsvRow     *row,
          GError    **error)
{
  g_ptr_array_set_size (row->fields, 0);
  while (reader->pos < reader->len && at_record_end (reader))
    skip_record_end (reader);
  if (reader->pos >= reader->len)
    return FALSE;

  row->line = reader->line;
  for (;;)
    {
      if (!read_field (reader, row, error))
        return FALSE;
      if (reader->pos < reader->len && reader->text[reader->pos] == reader->sep)
        {
          reader->pos++;
          continue;
        }
      skip_record_end (reader);
      return TRUE;
    }
}

/* The header line decides: ';' when it has more semicolons than commas
 * outside quotes. */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

static int
find_column (CsvRow     *header,
             const char *name,
             const char *alias)
{
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (g_ptr_array_index (header->fields, i)));

      if (g_ascii_strcasecmp (label, name) == 0 ||
          (alias != NULL && g_ascii_strcasecmp (label, alias) == 0))
        return (int) i;
    }
  return -1;
}

static gboolean
row_is_blank (CsvRow *row)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      const char *field = g_ptr_array_index (row->fields, i);

      if (!span_is_blank (field, strlen (field)))
        return FALSE;
    }
  return TRUE;
}

static const char *
row_field (CsvRow *row,
           int     column)
{
  if (column < 0 || (guint) column >= row->fields->len)
    return "";
  return g_ptr_array_index (row->fields, column);
}

static PrRoster *
parse_csv (const char  *text,
           GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CsvRow row = { fields, 0 };
  CsvReader reader = { text, strlen (text), 0, 1, detect_separator (text) };
  g_autoptr(PrRoster) roster = NULL;
  g_autoptr(GError) local_error = NULL;
  int name_column, email_column;

  if (!read_row (&reader, &row, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return roster_new (FALSE);
    }

  name_column = MAX (find_column (&row, "name", NULL), 0);
  email_column = find_column (&row, "email", "e-mail");
  roster = roster_new (email_column >= 0);
  while (read_row (&reader, &row, &local_error))
    {
      if (row_is_blank (&row))
        continue;
      if (!roster_add_checked (roster, row_field (&row, name_column),
                               row_field (&row, email_column), row.line, error))
        return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&roster);
}

/* Emails. An empty one means no address. */
static gboolean
is_valid_email (const char *email)
{
  const char *at = strchr (email, '@');

  if (strlen (email) > PR_ROSTER_MAX_EMAIL || at == NULL || at == email ||
      at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (!g_utf8_validate (email, -1, NULL))
    return FALSE;
  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || is_forbidden_char (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_emails (PrRoster  *roster,
              GError   **error)
{
  if (roster->emails == NULL)
    return TRUE;
  for (guint i = 0; i < roster->emails->len; i++)
    {
      const char *email = g_ptr_array_index (roster->emails, i);

      if (*email != '\0' && !is_valid_email (email))
        {
          g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMAIL,
                       _("Line %u: the email address is not of the form name@example.org, "
                         "is longer than %d bytes or contains spaces."),
                       g_array_index (roster->lines, guint, i), PR_ROSTER_MAX_EMAIL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_roster (PrRoster  *roster,
              GError   **error)
{
  if (roster->names->len == 0)
    {
      g_set_error_literal (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMPTY,
                           _("The roster has no names."));
      return FALSE;
    }
  if (roster->names->len < PR_ROSTER_MIN_MEMBERS)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_FEW,
                   _("The roster needs at least %d names."), PR_ROSTER_MIN_MEMBERS);
      return FALSE;
    }
  if (roster->names->len > PR_ROSTER_MAX_MEMBERS)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_MANY,
                   _("The roster has more than %d names."), PR_ROSTER_MAX_MEMBERS);
      return FALSE;
    }
  if (!pr_roster_check_names ((const char * const *) roster->names->pdata,
                              (const guint *) (gpointer) roster->lines->data, error))
    return FALSE;
  return check_emails (roster, error);
}

PrRoster *
pr_roster_parse (const guint8  *data,
                 gsize          len,
                 gboolean       csv,
                 GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(PrRoster) roster = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > PR_ROSTER_MAX_SIZE)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_LARGE,
                   _("The roster file is larger than %d KiB."), PR_ROSTER_MAX_SIZE / 1024);
      return NULL;
    }
  text = decode_text (data, len, error);
  if (text == NULL)
    return NULL;

  roster = csv ? parse_csv (text, error) : parse_plain (text, error);
  if (roster == NULL || !check_roster (roster, error))
    return NULL;
  return g_steal_pointer (&roster);
}

guint
pr_roster_get_n (const PrRoster *roster)
{
  g_return_val_if_fail (roster != NULL, 0);
  return roster->names->len;
}

const char *
pr_roster_get_name (const PrRoster *roster,
                    guint           index)
{
  g_return_val_if_fail (roster != NULL, NULL);
  g_return_val_if_fail (index < roster->names->len, NULL);
  return g_ptr_array_index (roster->names, index);
}

const char *
pr_roster_get_email (const PrRoster *roster,
                     guint           index)
{
  g_return_val_if_fail (roster != NULL, NULL);
  g_return_val_if_fail (index < roster->names->len, NULL);
  if (roster->emails == NULL)
    return NULL;
  return g_ptr_array_index (roster->emails, index);
}

guint
pr_roster_get_line (const PrRoster *roster,
                    guint           index)
{
  g_return_val_if_fail (roster != NULL, 0);
  g_return_val_if_fail (index < roster->names->len, 0);
  return g_array_index (roster->lines, guint, index);
}

const char * const *
pr_roster_get_names (const PrRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);
  return (const char * const *) roster->names->pdata;
}

gboolean
pr_roster_check_email (const char  *email,
                       GError     **error)
{
  g_return_val_if_fail (email != NULL, FALSE);

  if (*email == '\0' || is_valid_email (email))
    return TRUE;
  g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMAIL,
               _("The email address is not of the form name@example.org, "
                 "is longer than %d bytes or contains spaces."), PR_ROSTER_MAX_EMAIL);
  return FALSE;
}

/* One entry of a lenient parse: its name, then its address, then
 * whether an earlier entry has the same name. */
static gboolean
check_entry (PrRoster    *raw,
             guint        i,
             GHashTable  *seen,
             GError     **error)
{
  const char *name = g_ptr_array_index (raw->names, i);
  const char *email = raw->emails != NULL ? g_ptr_array_index (raw->emails, i) : "";
  guint line = g_array_index (raw->lines, guint, i);
  gpointer other;
  char *key;

  if (!check_name_at (name, line, TRUE, error))
    return FALSE;
  if (*email != '\0' && !is_valid_email (email))
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMAIL,
                   _("Line %u: the email address is not of the form name@example.org, "
                     "is longer than %d bytes or contains spaces."), line, PR_ROSTER_MAX_EMAIL);
      return FALSE;
    }
  key = pr_roster_name_key (name);
  if (g_hash_table_lookup_extended (seen, key, NULL, &other))
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE,
                   _("Line %u: “%s” is the same name as on line %u."),
                   line, name, GPOINTER_TO_UINT (other));
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (seen, key, GUINT_TO_POINTER (line));
  return TRUE;
}

PrRoster *
pr_roster_parse_lenient (const guint8  *data,
                         gsize          len,
                         gboolean       csv,
                         GPtrArray    **refused,
                         GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(PrRoster) raw = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  PrRoster *roster;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (refused != NULL, NULL);

  if (len > PR_ROSTER_MAX_SIZE)
    {
      g_set_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_LARGE,
                   _("The roster file is larger than %d KiB."), PR_ROSTER_MAX_SIZE / 1024);
      return NULL;
    }
  if ((text = decode_text (data, len, error)) == NULL)
    return NULL;
  raw = csv ? parse_csv (text, error) : parse_plain (text, error);
  if (raw == NULL)
    return NULL;

  roster = roster_new (raw->emails != NULL);
  for (guint i = 0; i < raw->names->len; i++)
    {
      GError *entry_error = NULL;

      if (!check_entry (raw, i, seen, &entry_error))
        {
          g_ptr_array_add (errors, entry_error);
          continue;
        }
      roster_add (roster, g_ptr_array_index (raw->names, i),
                  raw->emails != NULL ? g_ptr_array_index (raw->emails, i) : NULL,
                  g_array_index (raw->lines, guint, i));
    }
  *refused = g_steal_pointer (&errors);
  return roster;
}
