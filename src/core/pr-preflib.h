/* pr-preflib.h — PrefLib .soc/.soi files (2022 format)
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pr-profile.h"

G_BEGIN_DECLS

#define PR_PREFLIB_ERROR (pr_preflib_error_quark ())

typedef enum {
  PR_PREFLIB_ERROR_IO,         /* the file cannot be read */
  PR_PREFLIB_ERROR_TOO_LARGE,  /* over PR_PREFLIB_MAX_BYTES, or too many voters */
  PR_PREFLIB_ERROR_ENCODING,   /* not UTF-8, or a NUL byte */
  PR_PREFLIB_ERROR_HEADER,     /* a missing, repeated or malformed header line */
  PR_PREFLIB_ERROR_SYNTAX,     /* a malformed `count: order` line */
  PR_PREFLIB_ERROR_RANGE,      /* an alternative outside 1..m */
  PR_PREFLIB_ERROR_DUPLICATE,  /* an alternative twice in one order */
  PR_PREFLIB_ERROR_TIES,       /* `{…}` groups: ties are not supported yet */
  PR_PREFLIB_ERROR_EMPTY,      /* no ballots */
} PrPreflibError;

GQuark pr_preflib_error_quark (void);

/* Size cap checked before reading a file. */
#define PR_PREFLIB_MAX_BYTES (64 * 1024 * 1024)
/* Most alternatives and total voters a file may declare. */
#define PR_PREFLIB_MAX_ALTERNATIVES 1000
#define PR_PREFLIB_MAX_VOTERS 10000000

/* Parses a .soc or .soi file's bytes into a profile over candidates with
 * ids "1".."m" (alternative numbers) and names from the header, with
 * min_raters 3 (DESIGN §5). */
PrProfile *pr_preflib_parse (const char  *data,
                             gsize        len,
                             GError     **error);
/* Reads `path` (size-capped before reading) and parses it. */
PrProfile *pr_preflib_load  (const char  *path,
                             GError     **error);

typedef enum {
  PR_PREFLIB_WRITE_DEFAULT    = 0,       /* alternatives named "Member i" */
  PR_PREFLIB_WRITE_KEEP_NAMES = 1 << 0,  /* keep the candidates' names */
} PrPreflibWriteFlags;

/* Writes an anonymised .soi: voters dropped, identical orders merged,
 * lines sorted by count (descending) then order; a header comment says
 * that an unranked alternative means "no information", not "ranked
 * below". Alternative i is the profile's candidate i - 1. `title` may be
 * NULL. Returns a NUL-terminated string. */
char      *pr_preflib_write (PrProfile          *profile,
                             const char         *file_name,
                             const char         *title,
                             PrPreflibWriteFlags flags);

G_END_DECLS
