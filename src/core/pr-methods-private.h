/* pr-methods-private.h — what tests may see of the method implementations:
 * each method's own private header, in one include
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pr-kemeny-private.h"
#include "pr-kemeny.h"
#include "pr-method-result.h"
#include "pr-plackett-luce-private.h"
