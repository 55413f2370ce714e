/* pr-core.h — initialisation of the Peer Rank core library
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pr_core_init              (GError **error);
void     pr_core_raise_file_limit  (void);

G_END_DECLS
