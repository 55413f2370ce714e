/* test-roster.c — rosters from plain text and spreadsheet CSV
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "pr-roster.h"

typedef struct {
  const char *name;
  const char *bytes;
  gboolean    csv;
  const char *names;   /* '|'-separated expected names */
  const char *emails;  /* '|'-separated, NULL: no email column */
  const char *lines;   /* ','-separated expected line numbers, or NULL */
} GoodCase;

static const GoodCase good_cases[] = {
  { "plain", "Ana\nBo\nChidi\n", FALSE, "Ana|Bo|Chidi", NULL, "1,2,3" },
  { "plain-crlf-blank-trim", "\r\n  Ana  \r\n\r\nBo\r\n", FALSE, "Ana|Bo", NULL, "2,4" },
  { "plain-cr", "Ana\rBo\r\rChidi", FALSE, "Ana|Bo|Chidi", NULL, "1,2,4" },
  { "csv-cr", "name,email\rAna,a@x\rBo,b@x\r", TRUE, "Ana|Bo", "a@x|b@x", "2,3" },
  { "plain-bom", "\xef\xbb\xbf" "Ana\nBo", FALSE, "Ana|Bo", NULL, NULL },
  { "plain-commas-kept", "Lopez, Ana\nChen, Bo\n", FALSE, "Lopez, Ana|Chen, Bo", NULL, NULL },
  { "csv-name-column", "id,Name,team\n1,Ana,x\n2,Bo,y\n", TRUE, "Ana|Bo", NULL, "2,3" },
  { "csv-first-column", "Person,team\nAna,x\nBo,y\n", TRUE, "Ana|Bo", NULL, NULL },
  { "csv-name-any-case", "NAME\nAna\nBo\n", TRUE, "Ana|Bo", NULL, NULL },
  { "csv-semicolon", "Nr;Name;E-Mail\n1;\"Weiß, Dana\";d@x.de\n2;Bo;b@x.de\n", TRUE,
    "Weiß, Dana|Bo", "d@x.de|b@x.de", NULL },
  { "csv-quotes", "name,email,notes\n\"Ana \"\"the Boss\"\" López\",a@x,\"two\nlines\"\n\"Bo Chen\",,\n\"Chidi, Jr.\",c@x,\"a,b\"\n", TRUE,
    NULL, NULL, "2,4,5" },
  { "csv-crlf", "name,email\r\nAna,a@x\r\nBo,b@x\r\n", TRUE, "Ana|Bo", "a@x|b@x", "2,3" },
  { "csv-bom", "\xef\xbb\xbfname\r\nAna\r\nBo\r\n", TRUE, "Ana|Bo", NULL, NULL },
  { "csv-windows-1252", "Name;Email\nJ\xfcrgen M\xfcller;j@x\nZo\xeb;z@x\n\x80uro;e@x\n", TRUE,
    "Jürgen Müller|Zoë|€uro", "j@x|z@x|e@x", NULL },
  { "csv-blank-rows", "name\n\nAna\n,\n  \nBo\n", TRUE, "Ana|Bo", NULL, "3,6" },
  { "csv-no-final-newline", "name,x\nAna,1\nBo,2", TRUE, "Ana|Bo", NULL, NULL },
  { "csv-short-rows", "x,name\n1,Ana\n2,Bo,extra,fields\n", TRUE, "Ana|Bo", NULL, NULL },
  { "csv-email-empty-allowed", "name,email\nAna,\nBo,  \nChidi,c@example.org\n", TRUE,
    "Ana|Bo|Chidi", "||c@example.org", NULL },
  { "csv-email-unicode", "name;e-mail\nAna;ana@b\xc3\xbc" "cher.de\nBo;b+tag@x.org\n", TRUE,
    "Ana|Bo", "ana@bücher.de|b+tag@x.org", NULL },
  { "plain-joining-letters", "Zo\xc3\xab\nJos\xc3\xa9-Mar\xc3\xad" "a\n", FALSE, "Zoë|José-María", NULL, NULL },
  { "csv-semicolon-commas-quoted", "\"a,b,c\";name\n1;Ana\n2;Bo\n", TRUE, "Ana|Bo", NULL, NULL },
};

static void
test_good (gconstpointer data)
{
  const GoodCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = pr_roster_parse ((const guint8 *) c->bytes, strlen (c->bytes), c->csv, &error);
  g_auto(GStrv) names = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (roster);
  if (c->names != NULL)
    {
      names = g_strsplit (c->names, "|", -1);
      g_assert_cmpuint (pr_roster_get_n (roster), ==, g_strv_length (names));
      for (guint i = 0; names[i] != NULL; i++)
        g_assert_cmpstr (pr_roster_get_name (roster, i), ==, names[i]);
      g_assert_true (g_strv_equal ((const char * const *) names, pr_roster_get_names (roster)));
    }
  if (c->emails != NULL)
    {
      g_auto(GStrv) emails = g_strsplit (c->emails, "|", -1);

      for (guint i = 0; emails[i] != NULL; i++)
        g_assert_cmpstr (pr_roster_get_email (roster, i), ==, emails[i]);
    }
  else if (c->names != NULL && strstr (c->bytes, "mail") == NULL)
    g_assert_null (pr_roster_get_email (roster, 0));
  if (c->lines != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (c->lines, ",", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_assert_cmpuint (pr_roster_get_line (roster, i), ==, atoi (lines[i]));
    }
}

static void
test_quoted_fields (void)
{
  const char *csv = "name,email,notes\n\"Ana \"\"the Boss\"\" López\",a@x,\"two\nlines\"\n\"Bo Chen\",,\n\"Chidi, Jr.\",c@x,\"a,b\"\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = pr_roster_parse ((const guint8 *) csv, strlen (csv), TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pr_roster_get_n (roster), ==, 3);
  g_assert_cmpstr (pr_roster_get_name (roster, 0), ==, "Ana \"the Boss\" López");
  g_assert_cmpstr (pr_roster_get_email (roster, 0), ==, "a@x");
  g_assert_cmpstr (pr_roster_get_email (roster, 1), ==, "");
  g_assert_cmpstr (pr_roster_get_name (roster, 2), ==, "Chidi, Jr.");
}

typedef struct {
  const char *name;
  const char *bytes;
  gboolean    csv;
  int         code;
  const char *in_message;
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", "", FALSE, PR_ROSTER_ERROR_EMPTY, NULL },
  { "blank", "\n \n", FALSE, PR_ROSTER_ERROR_EMPTY, NULL },
  { "header-only", "name\n", TRUE, PR_ROSTER_ERROR_EMPTY, NULL },
  { "one-name", "Ana\n", FALSE, PR_ROSTER_ERROR_TOO_FEW, NULL },
  { "duplicate", "Ana\nBo\nana\n", FALSE, PR_ROSTER_ERROR_NAME_DUPLICATE, "Line 3" },
  { "duplicate-nfkc", "Ａna\nBo\nana\n", FALSE, PR_ROSTER_ERROR_NAME_DUPLICATE, "line 1" },
  { "duplicate-composed", "Zoe\xcc\x88\nBo\nZo\xc3\xab\n", FALSE, PR_ROSTER_ERROR_NAME_DUPLICATE, "Line 3" },
  { "duplicate-case-fold", "STRASSE\nBo\nstraße\n", FALSE, PR_ROSTER_ERROR_NAME_DUPLICATE, "Line 3" },
  { "control", "Ana\nB\x01o\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "tab", "Ana\nB\to\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "bidi-override", "Ana\nBo\xe2\x80\xae" "cba\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "bidi-isolate", "Ana\n\xe2\x81\xa6" "Bo\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, NULL },
  { "csv-newline-in-name", "name\nAna\n\"B\no\"\n", TRUE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 3" },
  { "csv-empty-name", "name,email\nAna,a@x\n,b@x\n", TRUE, PR_ROSTER_ERROR_NAME_EMPTY, "Line 3" },
  { "csv-unterminated", "name\nAna\n\"Bo\n", TRUE, PR_ROSTER_ERROR_SYNTAX, "Line 3" },
  { "csv-text-after-quote", "name\nAna\n\"Bo\"x\n", TRUE, PR_ROSTER_ERROR_SYNTAX, "Line 3" },
  { "line-separator", "Ana\nB\xe2\x80\xa8o\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "paragraph-separator", "Ana\nB\xe2\x80\xa9o\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "zero-width-space", "Ana\nB\xe2\x80\x8bo\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "zero-width-non-joiner", "Ana\nB\xe2\x80\x8co\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "zero-width-joiner", "Ana\nB\xe2\x80\x8do\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "word-joiner", "Ana\nB\xe2\x81\xa0o\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "inner-bom", "Ana\nB\xef\xbb\xbfo\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "soft-hyphen", "Ana\nB\xc2\xado\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "format-tag", "Ana\nBo\xf3\xa0\x80\x81\n", FALSE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 2" },
  { "csv-zero-width", "name\nAna\n\xe2\x80\x8b" "Bo\n", TRUE, PR_ROSTER_ERROR_NAME_CONTROL, "Line 3" },
  { "email-no-at", "name,email\nAna,a@x\nBo,bx\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 3" },
  { "email-no-local", "name,email\nAna,@x\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "email-no-domain", "name,email\nAna,a@x\nBo,b@\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 3" },
  { "email-two-at", "name,email\nAna,a@x@y\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "email-space", "name,email\nAna,a b@x\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "email-control", "name,email\nAna,a\x01@x\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "email-newline", "name,email\nAna,\"a\n@x\"\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "email-zero-width", "name,email\nAna,a\xe2\x80\x8b@x\nBo,b@x\n", TRUE, PR_ROSTER_ERROR_EMAIL, "Line 2" },
  { "nul", "Ana\nB\0o\n", FALSE, PR_ROSTER_ERROR_ENCODING, NULL },
  { "bad-1252", "Ana\nB\x81o\xff\xfe\n", FALSE, PR_ROSTER_ERROR_ENCODING, NULL },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  gsize len = strlen (c->bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = NULL;

  if (c->code == PR_ROSTER_ERROR_ENCODING && strstr (c->name, "nul") != NULL)
    len = 8;
  roster = pr_roster_parse ((const guint8 *) c->bytes, len, c->csv, &error);
  g_assert_error (error, PR_ROSTER_ERROR, c->code);
  g_assert_null (roster);
  if (c->in_message != NULL)
    g_assert_nonnull (strstr (error->message, c->in_message));
}

/* INPUTS.md 31: a 10,000-character name. */
static void
test_long_name (void)
{
  g_autofree char *name = g_strnfill (10000, 'x');
  g_autofree char *text = g_strdup_printf ("Ana\nBo\n%s\n", name);
  g_autofree char *at_limit = g_strnfill (PR_ROSTER_MAX_NAME, 'y');
  g_autofree char *multibyte = NULL;
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = pr_roster_parse ((const guint8 *) text, strlen (text), FALSE, &error);

  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_assert_null (roster);

  /* The limit counts characters, not bytes. */
  g_assert_true (pr_roster_check_name (at_limit, NULL));
  for (guint i = 0; i < PR_ROSTER_MAX_NAME; i++)
    g_string_append (wide, "ü");
  multibyte = g_strdup (wide->str);
  g_assert_true (pr_roster_check_name (multibyte, NULL));
  g_string_append (wide, "ü");
  g_assert_false (pr_roster_check_name (wide->str, NULL));
}

static void
test_limits (void)
{
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree guint8 *huge = g_malloc0 (PR_ROSTER_MAX_SIZE + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = NULL;

  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (many, "Person %u\n", i);
  roster = pr_roster_parse ((const guint8 *) many->str, many->len, FALSE, &error);
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_MANY);
  g_clear_error (&error);
  roster = pr_roster_parse (huge, PR_ROSTER_MAX_SIZE + 1, FALSE, &error);
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A row of separators is refused, not turned into 100,000 fields. */
  memset (huge, ',', 100000);
  memcpy (huge, "name\n", 5);
  roster = pr_roster_parse (huge, 100000, TRUE, &error);
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Line 2"));
}

/* AddressSanitizer keeps freed memory in quarantine and pads every
 * block, so peak RSS there follows the total allocated, not the live
 * size: the memory check only means something without it. */
#if defined(__SANITIZE_ADDRESS__)
# define MEASURES_RSS 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define MEASURES_RSS 0
# endif
#endif
#ifndef MEASURES_RSS
# define MEASURES_RSS 1
#endif

/* Peak resident size in KiB, 0 where unknown. */
static glong
peak_rss_kib (void)
{
#ifdef __linux__
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;
#endif
  return 0;
}

typedef struct {
  const char *name;
  const char *header;  /* written first, or NULL */
  const char *unit;    /* repeated to fill 1 MiB */
  gboolean    csv;
  int         code;
} FloodCase;

static const FloodCase flood_cases[] = {
  { "plain-newlines", NULL, "\n", FALSE, PR_ROSTER_ERROR_EMPTY },
  { "plain-crlf", NULL, "\r\n", FALSE, PR_ROSTER_ERROR_EMPTY },
  { "csv-newlines", NULL, "\n", TRUE, PR_ROSTER_ERROR_EMPTY },
  { "csv-header-newlines", "name\n", "\n", TRUE, PR_ROSTER_ERROR_EMPTY },
  { "csv-commas", NULL, ",", TRUE, PR_ROSTER_ERROR_SYNTAX },
  { "csv-comma-rows", "name\n", ",\n", TRUE, PR_ROSTER_ERROR_EMPTY },
  { "csv-quote-rows", "name\n", "\"\"\n", TRUE, PR_ROSTER_ERROR_EMPTY },
  { "plain-names", NULL, "x\n", FALSE, PR_ROSTER_ERROR_TOO_MANY },
};

/* A 1 MiB file of separators or blank lines is refused or empty without
 * a blow-up in memory (the reviewer measured 266 MB before). */
static void
test_flood (gconstpointer data)
{
  const FloodCase *c = data;
  g_autoptr(GString) text = g_string_new (c->header);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = NULL;
  glong before;

  while (text->len + strlen (c->unit) <= PR_ROSTER_MAX_SIZE)
    g_string_append (text, c->unit);
  before = peak_rss_kib ();
  roster = pr_roster_parse ((const guint8 *) text->str, text->len, c->csv, &error);
  g_assert_error (error, PR_ROSTER_ERROR, c->code);
  g_assert_null (roster);
  if (MEASURES_RSS)
    g_assert_cmpint (peak_rss_kib () - before, <, 32 * 1024);
}

/* Each message is one whole sentence, with or without a place. */
static void
test_sentences (void)
{
  const char * const names[] = { "Ana", "Bo", "ana", NULL };
  const guint lines[] = { 2, 5, 9 };
  const char * const blank[] = { "Ana", " ", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (pr_roster_check_name (" ", &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_EMPTY);
  g_assert_cmpstr (error->message, ==, "The name is empty.");
  g_clear_error (&error);
  g_assert_false (pr_roster_check_names (blank, NULL, &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_EMPTY);
  g_assert_cmpstr (error->message, ==, "Name 2: the name is empty.");
  g_clear_error (&error);
  g_assert_false (pr_roster_check_names (names, lines, &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Line 9: “ana” is the same name as on line 2.");
  g_clear_error (&error);
  g_assert_false (pr_roster_check_names (names, NULL, &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Name 3: “ana” is the same name as name 1.");
  g_clear_error (&error);
  g_assert_false (pr_roster_check_name ("B\xe2\x80\x8bo", &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_NAME_CONTROL);
  g_assert_cmpstr (error->message, ==,
                   "The name contains an invisible, control or text-direction character.");
}

/* The email limit counts bytes: 254 passes, 255 fails. */
static void
test_email_length (void)
{
  for (guint extra = 0; extra < 2; extra++)
    {
      g_autofree char *local = g_strnfill (PR_ROSTER_MAX_EMAIL - 6 + extra, 'a');
      g_autofree char *text = g_strdup_printf ("name,email\nAna,%s@x.org\nBo,\n", local);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrRoster) roster = pr_roster_parse ((const guint8 *) text, strlen (text),
                                                    TRUE, &error);

      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (strlen (pr_roster_get_email (roster, 0)), ==, PR_ROSTER_MAX_EMAIL);
        }
      else
        {
          g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_EMAIL);
          g_assert_nonnull (strstr (error->message, "Line 2"));
        }
    }
}

static void
test_name_key (void)
{
  g_autofree char *a = pr_roster_name_key ("Ｍüller");
  g_autofree char *b = pr_roster_name_key ("MU\xcc\x88LLER");

  g_assert_cmpstr (a, ==, b);
}

/* A spreadsheet with bad lines keeps the good ones and names each bad
 * one with its reason, in file order. */
static void
test_lenient (void)
{
  const char *csv = "Name;Email\r\nAna;ana@example.org\r\n;x@example.org\r\nBo;not an address\r\n"
                    "Chidi;\r\nANA;\r\nDana\xe2\x80\xae;\r\nEero;eero@example.org\r\n";
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrRoster) roster = pr_roster_parse_lenient ((const guint8 *) csv, strlen (csv), TRUE,
                                                        &refused, &error);
  static const int codes[] = { PR_ROSTER_ERROR_NAME_EMPTY, PR_ROSTER_ERROR_EMAIL,
                               PR_ROSTER_ERROR_NAME_DUPLICATE, PR_ROSTER_ERROR_NAME_CONTROL };
  static const char * const starts[] = { "Line 3:", "Line 4:", "Line 6:", "Line 7:" };

  g_assert_no_error (error);
  g_assert_cmpuint (pr_roster_get_n (roster), ==, 3);
  g_assert_cmpstr (pr_roster_get_name (roster, 0), ==, "Ana");
  g_assert_cmpstr (pr_roster_get_email (roster, 0), ==, "ana@example.org");
  g_assert_cmpstr (pr_roster_get_name (roster, 1), ==, "Chidi");
  g_assert_cmpstr (pr_roster_get_name (roster, 2), ==, "Eero");
  g_assert_cmpuint (pr_roster_get_line (roster, 2), ==, 8);
  g_assert_cmpuint (refused->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < refused->len; i++)
    {
      GError *e = g_ptr_array_index (refused, i);

      g_assert_error (e, PR_ROSTER_ERROR, codes[i]);
      g_assert_true (g_str_has_prefix (e->message, starts[i]));
    }

  /* What spoils the whole file still fails. */
  g_clear_pointer (&refused, g_ptr_array_unref);
  g_assert_null (pr_roster_parse_lenient ((const guint8 *) "name\n\"Ana", 9, TRUE, &refused, &error));
  g_assert_error (error, PR_ROSTER_ERROR, PR_ROSTER_ERROR_SYNTAX);
  g_assert_null (refused);
  g_assert_true (pr_roster_check_email ("", NULL));
  g_assert_true (pr_roster_check_email ("a@b", NULL));
  g_assert_false (pr_roster_check_email ("a b@c", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/roster/good/%s", good_cases[i].name);
      g_test_add_data_func (path, &good_cases[i], test_good);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/roster/bad/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  for (guint i = 0; i < G_N_ELEMENTS (flood_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/roster/flood/%s", flood_cases[i].name);
      g_test_add_data_func (path, &flood_cases[i], test_flood);
    }
  g_test_add_func ("/peer-rank/roster/quoted-fields", test_quoted_fields);
  g_test_add_func ("/peer-rank/roster/long-name", test_long_name);
  g_test_add_func ("/peer-rank/roster/limits", test_limits);
  g_test_add_func ("/peer-rank/roster/email-length", test_email_length);
  g_test_add_func ("/peer-rank/roster/sentences", test_sentences);
  g_test_add_func ("/peer-rank/roster/name-key", test_name_key);
  g_test_add_func ("/peer-rank/roster/lenient", test_lenient);

  return g_test_run ();
}
