/* pr-report-item.c — one line of an import report, for list models
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-report-item.h"

struct _PrReportItem
{
  GObject         parent_instance;

  char           *path;
  PrBallotStatus  status;
  char           *code;
  char           *error_class;
  char           *message;
  char           *member_name;
  int             member;
  char           *fingerprint;
  char           *mail_origin;    /* "Ana <ana@…>, 01/03/2026 10:15" */
};

G_DEFINE_FINAL_TYPE (PrReportItem, pr_report_item, G_TYPE_OBJECT)

static void
pr_report_item_finalize (GObject *object)
{
  PrReportItem *self = PR_REPORT_ITEM (object);

  g_free (self->path);
  g_free (self->code);
  g_free (self->error_class);
  g_free (self->message);
  g_free (self->member_name);
  g_free (self->fingerprint);
  g_free (self->mail_origin);

  G_OBJECT_CLASS (pr_report_item_parent_class)->finalize (object);
}

static void
pr_report_item_class_init (PrReportItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pr_report_item_finalize;
}

static void
pr_report_item_init (PrReportItem *self)
{
  self->member = -1;
}

/* Which message a ballot found in mail came in: its sender and date
 * (in local time), NULL for a file. */
static char *
mail_origin (const PrImportResult *result)
{
  g_autoptr(GDateTime) date = result->mail_date != NULL
                              ? g_date_time_new_from_iso8601 (result->mail_date, NULL) : NULL;
  g_autoptr(GDateTime) local = date != NULL ? g_date_time_to_local (date) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%x %X") : NULL;

  if (result->mail_from != NULL && when != NULL)
    /* TRANSLATORS: the sender and the date of the message a ballot came in */
    return g_strdup_printf (_("%s, %s"), result->mail_from, when);
  if (result->mail_from != NULL || when != NULL)
    return g_strdup (result->mail_from != NULL ? result->mail_from : when);
  return NULL;
}

PrReportItem *
pr_report_item_new (const PrImportResult *result,
                    const char           *member_name)
{
  PrReportItem *self;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->status < PR_BALLOT_N_STATUSES, NULL);

  self = g_object_new (PR_TYPE_REPORT_ITEM, NULL);
  self->path = g_strdup (result->path != NULL ? result->path : "");
  self->status = result->status;
  self->code = g_strdup (result->code != NULL ? result->code : "");
  self->error_class = g_strdup (result->error_class);
  self->message = g_strdup (result->message != NULL ? result->message : "");
  self->member_name = g_strdup (member_name);
  self->member = result->member;
  self->fingerprint = g_strdup (result->fingerprint);
  self->mail_origin = mail_origin (result);
  return self;
}

const char *
pr_report_item_get_mail_origin (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->mail_origin;
}

const char *
pr_report_item_get_path (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->path;
}

PrBallotStatus
pr_report_item_get_status (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), PR_BALLOT_STATUS_REJECTED);
  return self->status;
}

const char *
pr_report_item_get_code (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->code;
}

const char *
pr_report_item_get_error_class (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->error_class;
}

const char *
pr_report_item_get_message (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->message;
}

const char *
pr_report_item_get_member_name (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->member_name;
}

int
pr_report_item_get_member (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), -1);
  return self->member;
}

const char *
pr_report_item_get_fingerprint (PrReportItem *self)
{
  g_return_val_if_fail (PR_IS_REPORT_ITEM (self), NULL);
  return self->fingerprint;
}

const char *
pr_report_status_label (PrBallotStatus status)
{
  static const char * const labels[PR_BALLOT_N_STATUSES] = {
    [PR_BALLOT_STATUS_ACCEPTED] = N_("Accepted"),
    [PR_BALLOT_STATUS_REVISED] = N_("Revised"),
    [PR_BALLOT_STATUS_DUPLICATE] = N_("Duplicate"),
    [PR_BALLOT_STATUS_STALE] = N_("Stale"),
    [PR_BALLOT_STATUS_CONFLICT] = N_("Conflict"),
    [PR_BALLOT_STATUS_FLAGGED] = N_("Flagged"),
    [PR_BALLOT_STATUS_REJECTED] = N_("Rejected"),
  };

  g_return_val_if_fail (status < PR_BALLOT_N_STATUSES, "");
  return _(labels[status]);
}
