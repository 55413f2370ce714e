/* fuzz-mail.c — libFuzzer target: mail file bytes → the ballots in them,
 * and text → the receipts in it
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "pr-ballot-error.h"
#include "pr-json.h"
#include "pr-mail.h"
#include "pr-receipts.h"
#include "pr-text.h"

/* Shown text (a sender, a file name) is valid UTF-8, short, and has no
 * character that could drive a terminal or reorder what is shown. */
static void
check_shown (const char *text)
{
  if (text == NULL)
    return;
  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (g_utf8_strlen (text, -1) <= 201);
  g_assert (!pr_text_has_hidden_chars (text, " "));
}

/* Every entry is a ballot's bytes (bounded) or an error of ours, never
 * both; where it was found reads MESSAGE or MESSAGE/PART. */
static void
check_found (const PrMailFound *found)
{
  g_assert ((found->bytes == NULL) != (found->error == NULL));
  if (found->error != NULL)
    g_assert (found->error->domain == PR_BALLOT_ERROR);
  if (found->bytes != NULL)
    g_assert (g_bytes_get_size (found->bytes) <= PR_ENVELOPE_MAX_SIZE + 2);
  if (found->where != NULL)
    g_assert (g_ascii_isdigit (found->where[0]));
  check_shown (found->from);
  check_shown (found->attachment);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 1024 * 1024)
    return 0;
  found = pr_mail_extract (data, size);
  g_assert (found->len >= 1);
  for (guint i = 0; i < found->len; i++)
    check_found (g_ptr_array_index (found, i));

  pasted = pr_mail_find_pasted ((const char *) data, size, 64);
  g_assert (pasted->len <= 64);

  receipts = pr_receipts_parse ((const char *) data, size, &error);
  if (receipts == NULL)
    g_assert (error != NULL && error->domain == PR_RECEIPTS_ERROR);
  for (guint i = 0; receipts != NULL && i < receipts->len; i++)
    g_assert (strlen (g_ptr_array_index (receipts, i)) == 19);
  return 0;
}
