/* test-file-kind.c — routing files by their first bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-file-kind.h"

typedef struct {
  const char *name;
  const char *bytes;
  PrFileKind  expected;
} SniffCase;

static const SniffCase sniff_cases[] = {
  { "round", "{\"format\":\"peer-rank-round\",\"version\":1}", PR_FILE_KIND_ROUND },
  { "invitation", "{\"format\":\"peer-rank-invitation\",\"version\":1}", PR_FILE_KIND_INVITATION },
  { "ballot", "{\"format\":\"peer-rank-ballot\",\"version\":1}", PR_FILE_KIND_BALLOT },
  { "key", "{\"format\":\"peer-rank-key\",\"version\":1}", PR_FILE_KIND_KEY },
  { "bom-and-space", "\xef\xbb\xbf \n{\"format\":\"peer-rank-ballot\"}", PR_FILE_KIND_BALLOT },
  { "empty", "", PR_FILE_KIND_UNKNOWN },
  { "array", "[1,2,3]", PR_FILE_KIND_UNKNOWN },
  { "other-json", "{\"name\":\"x\"}", PR_FILE_KIND_UNKNOWN },
  { "tag-prefix", "{\"format\":\"peer-rank-ballots\"}", PR_FILE_KIND_UNKNOWN },
  { "tag-truncated", "{\"format\":\"peer-rank-ballot", PR_FILE_KIND_UNKNOWN },
  { "format-not-first", "{\"version\":1,\"format\":\"peer-rank-ballot\"}", PR_FILE_KIND_UNKNOWN },
  /* A pretty-printed copy is still ours: --force must not replace it. */
  { "spaced-member", "{ \"format\" : \"peer-rank-ballot\"}", PR_FILE_KIND_BALLOT },
  { "pretty-key", "{\n  \"format\": \"peer-rank-key\",\n  \"version\": 1\n}", PR_FILE_KIND_KEY },
  { "spaced-other", "{ \"format\" : \"peer-rank-keys\"}", PR_FILE_KIND_UNKNOWN },
  { "binary", "\x89PNG\r\n\x1a\n", PR_FILE_KIND_UNKNOWN },
};

static void
test_sniff (gconstpointer data)
{
  const SniffCase *c = data;

  g_assert_cmpint (pr_file_kind_sniff ((const guint8 *) c->bytes, strlen (c->bytes)), ==, c->expected);
}

static void
test_sniff_every_prefix (void)
{
  const char *bytes = "{\"format\":\"peer-rank-invitation\",\"version\":1}";
  gsize full = strlen (bytes);

  /* No prefix shorter than the tag plus its closing quote may match, and
   * none may read past the length it is given. */
  for (gsize len = 0; len < strlen ("{\"format\":\"peer-rank-invitation\""); len++)
    {
      g_autofree guint8 *copy = g_memdup2 (bytes, len);

      g_assert_cmpint (pr_file_kind_sniff (copy, len), ==, PR_FILE_KIND_UNKNOWN);
    }
  g_assert_cmpint (pr_file_kind_sniff ((const guint8 *) bytes, full), ==, PR_FILE_KIND_INVITATION);
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (pr_file_kind_to_string (PR_FILE_KIND_BALLOT), ==, "ballot");
  g_assert_cmpstr (pr_file_kind_to_string (PR_FILE_KIND_INVITATION), ==, "invitation");
  g_assert_cmpstr (pr_file_kind_to_string (PR_FILE_KIND_ROUND), ==, "round");
  g_assert_cmpstr (pr_file_kind_to_string (PR_FILE_KIND_UNKNOWN), ==, "unknown");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sniff_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/peer-rank/file-kind/sniff/%s", sniff_cases[i].name);

      g_test_add_data_func (path, &sniff_cases[i], test_sniff);
    }
  g_test_add_func ("/peer-rank/file-kind/every-prefix", test_sniff_every_prefix);
  g_test_add_func ("/peer-rank/file-kind/names", test_kind_names);

  return g_test_run ();
}
