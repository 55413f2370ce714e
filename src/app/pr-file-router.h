/* pr-file-router.h — find out what kind of Peer Rank file a GFile is
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pr-file-kind.h"

G_BEGIN_DECLS

void       pr_file_router_sniff_async  (GFile                *file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
PrFileKind pr_file_router_sniff_finish (GFile                *file,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
