/* pr-application.h — the Peer Rank application
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PR_TYPE_APPLICATION (pr_application_get_type ())

G_DECLARE_FINAL_TYPE (PrApplication, pr_application, PR, APPLICATION, AdwApplication)

PrApplication *pr_application_new          (void);
GSettings     *pr_application_get_settings (PrApplication *self);

G_END_DECLS
