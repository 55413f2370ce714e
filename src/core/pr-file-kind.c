/* pr-file-kind.c — tell Peer Rank files apart from their first bytes
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pr-file-kind.h"
#include "pr-format.h"

static const struct {
  const char *tag;
  PrFileKind  kind;
} kinds[] = {
  { PR_FORMAT_ROUND, PR_FILE_KIND_ROUND },
  { PR_FORMAT_INVITATION, PR_FILE_KIND_INVITATION },
  { PR_FORMAT_BALLOT, PR_FILE_KIND_BALLOT },
  { PR_FORMAT_KEY, PR_FILE_KIND_KEY },
};

static gsize
skip_space (const guint8 *data,
            gsize         len,
            gsize         i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
    i++;
  return i;
}

/* Whether @token comes at @i after optional white space; @i moves past it. */
static gboolean
skip_token (const guint8 *data,
            gsize         len,
            gsize        *i,
            const char   *token)
{
  gsize n = strlen (token);

  *i = skip_space (data, len, *i);
  if (len - *i < n || memcmp (data + *i, token, n) != 0)
    return FALSE;
  *i += n;
  return TRUE;
}

/* Our writers always emit canonical JSON that starts with
 * {"format":"<tag>", so a prefix match is exact for our own files. A UTF-8
 * byte order mark or white space (a pretty-printed copy) means somebody
 * re-saved the file in an editor; we still route it — and --force never
 * replaces it — and the strict parser explains what is wrong with it.
 * This is routing only: nothing here trusts the content. */
PrFileKind
pr_file_kind_sniff (const guint8 *data,
                    gsize         len)
{
  gsize i = 0;

  g_return_val_if_fail (data != NULL || len == 0, PR_FILE_KIND_UNKNOWN);

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  if (!skip_token (data, len, &i, "{") || !skip_token (data, len, &i, "\"format\"") ||
      !skip_token (data, len, &i, ":") || !skip_token (data, len, &i, "\""))
    return PR_FILE_KIND_UNKNOWN;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gsize tag_len = strlen (kinds[k].tag);

      if (len - i > tag_len &&
          memcmp (data + i, kinds[k].tag, tag_len) == 0 &&
          data[i + tag_len] == '"')
        return kinds[k].kind;
    }

  return PR_FILE_KIND_UNKNOWN;
}

const char *
pr_file_kind_to_string (PrFileKind kind)
{
  switch (kind)
    {
    case PR_FILE_KIND_ROUND:
      return "round";
    case PR_FILE_KIND_INVITATION:
      return "invitation";
    case PR_FILE_KIND_BALLOT:
      return "ballot";
    case PR_FILE_KIND_KEY:
      return "key";
    case PR_FILE_KIND_UNKNOWN:
    default:
      return "unknown";
    }
}
