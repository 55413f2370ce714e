/* pr-member-row.c — a participation row: name, address, voted or not,
 * and Re-issue
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-member-row.h"

struct _PrMemberRow
{
  GtkBox        parent_instance;

  GtkLabel     *name_label;
  GtkLabel     *email_label;
  GtkLabel     *status_label;
  GtkButton    *reissue_button;

  PrMemberItem *item;
  gulong        voted_id;
};

G_DEFINE_FINAL_TYPE (PrMemberRow, pr_member_row, GTK_TYPE_BOX)

const char *
pr_member_row_status_text (gboolean voted)
{
  return voted ? _("Voted") : _("Not voted");
}

/* The status, and the row's accessible name that says it ("Ana López,
 * voted"): a list item of a GtkListView has no name of its own on 4.8. */
static void
show_status (PrMemberRow *self)
{
  gboolean voted = pr_member_item_get_voted (self->item);
  const char *classes[] = { voted ? "success" : "dim-label", NULL };
  const char *name = pr_member_item_get_name (self->item);
  /* TRANSLATORS: a participation row as a screen reader says it */
  g_autofree char *accessible = g_strdup_printf (voted ? _("%s, voted") : _("%s, not voted"), name);

  gtk_label_set_text (self->status_label, pr_member_row_status_text (voted));
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label), classes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
show_member (PrMemberRow *self)
{
  const char *name = pr_member_item_get_name (self->item);
  const char *email = pr_member_item_get_email (self->item);
  /* TRANSLATORS: the accessible name of a member's Re-issue button */
  g_autofree char *reissue = g_strdup_printf (_("Re-issue the invitation of %s"), name);

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->email_label, email != NULL ? email : "");
  gtk_widget_set_visible (GTK_WIDGET (self->email_label), email != NULL && email[0] != '\0');
  /* Else GTK 4.8 reads the button's own text after this name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->reissue_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reissue_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reissue, -1);
  show_status (self);
}

void
pr_member_row_set_item (PrMemberRow  *self,
                        PrMemberItem *item)
{
  g_return_if_fail (PR_IS_MEMBER_ROW (self));

  if (self->item != NULL)
    g_clear_signal_handler (&self->voted_id, self->item);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;
  self->voted_id = g_signal_connect_object (item, "notify::voted", G_CALLBACK (show_status), self,
                                            G_CONNECT_SWAPPED);
  show_member (self);
}

PrMemberItem *
pr_member_row_get_item (PrMemberRow *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ROW (self), NULL);
  return self->item;
}

const char *
pr_member_row_get_status (PrMemberRow *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ROW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkButton *
pr_member_row_get_reissue_button (PrMemberRow *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ROW (self), NULL);
  return self->reissue_button;
}

GtkWidget *
pr_member_row_new (void)
{
  return g_object_new (PR_TYPE_MEMBER_ROW, NULL);
}

static void
pr_member_row_dispose (GObject *object)
{
  PrMemberRow *self = PR_MEMBER_ROW (object);

  pr_member_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PR_TYPE_MEMBER_ROW);

  G_OBJECT_CLASS (pr_member_row_parent_class)->dispose (object);
}

static void
pr_member_row_class_init (PrMemberRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_member_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-member-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PrMemberRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PrMemberRow, email_label);
  gtk_widget_class_bind_template_child (widget_class, PrMemberRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PrMemberRow, reissue_button);
}

static void
pr_member_row_init (PrMemberRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
