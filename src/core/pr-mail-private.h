/* pr-mail-private.h — what the mail files share: GMime with autoptr
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gmime/gmime.h>

G_BEGIN_DECLS

/* GMime 3 declares no g_autoptr() cleanups; its types are GObjects. The
 * aliases keep ours from clashing with any a later GMime may add. */
typedef GMimeParser      PrMimeParser;
typedef GMimeMessage     PrMimeMessage;
typedef GMimeStream      PrMimeStream;
typedef GMimeFilter      PrMimeFilter;
typedef GMimePart        PrMimePart;
typedef GMimeTextPart    PrMimeTextPart;
typedef GMimeMultipart   PrMimeMultipart;
typedef GMimeDataWrapper PrMimeDataWrapper;
typedef GMimeObject      PrMimeObject;
typedef InternetAddressList PrAddressList;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeFilter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimePart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrAddressList, g_object_unref)

G_END_DECLS
