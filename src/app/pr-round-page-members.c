/* pr-round-page-members.c — the participation list: every member, voted
 * or not (never how anyone ranked), with a Re-issue button each
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-member-item.h"
#include "pr-member-row.h"
#include "pr-round-page-private.h"

/* A GtkListView makes rows only for the members on screen: a round of
 * 1,000 unlocked in 0.86 s without an answer when every member had a
 * row of its own. The model holds one PrMemberItem per member in roster
 * order; a refresh after an import sets each item's "voted", and the
 * rows on screen follow it. Between refreshes (while an import's worker
 * owns the store) the items keep the votes as last read. */

/* The Re-issue buttons call round.reissue by hand rather than being
 * bound to it, so that an import's start and end do not make every
 * button (in)sensitive. */
static void
reissue_clicked_cb (GtkButton   *button,
                    PrRoundPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), PR_TYPE_MEMBER_ROW);
  PrMemberItem *item = row != NULL ? pr_member_row_get_item (PR_MEMBER_ROW (row)) : NULL;

  if (self->manifest == NULL || item == NULL)
    return;
  if (self->store == NULL)
    pr_round_page_toast (self, _("Wait until the current import or change has finished, then try again."));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "round.reissue", "s",
                                pr_member_item_get_id (item));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PrRoundPage              *self)
{
  GtkWidget *row = pr_member_row_new ();

  g_signal_connect_object (pr_member_row_get_reissue_button (PR_MEMBER_ROW (row)), "clicked",
                           G_CALLBACK (reissue_clicked_cb), self, 0);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PrRoundPage              *self)
{
  pr_member_row_set_item (PR_MEMBER_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PrRoundPage              *self)
{
  pr_member_row_set_item (PR_MEMBER_ROW (gtk_list_item_get_child (item)), NULL);
}

void
pr_round_page_init_members (PrRoundPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->members = g_list_store_new (PR_TYPE_MEMBER_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->members)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  gtk_list_view_set_factory (self->members_view, factory);
  gtk_list_view_set_model (self->members_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
}

void
pr_round_page_clear_members (PrRoundPage *self)
{
  g_list_store_remove_all (self->members);
}

static void
fill_members (PrRoundPage *self,
              PrManifest  *manifest,
              guint        n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, pr_member_item_new (i, pr_manifest_get_member_id (manifest, i),
                                                pr_manifest_get_member_name (manifest, i),
                                                pr_store_get_email (self->store, i)));
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       items->pdata, items->len);
}

/* The roster never changes within a round: the model is filled once, and
 * a refresh after an import sets each member's vote. */
void
pr_round_page_refresh_members (PrRoundPage *self)
{
  PrManifest *manifest = self->manifest;
  guint n = pr_manifest_get_n_members (manifest);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->members)) != n)
    fill_members (self, manifest, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrMemberItem) item = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      pr_member_item_set_voted (item, pr_store_member_voted (self->store, i));
    }
}

const char *
pr_round_page_get_member_status (PrRoundPage *self,
                                 guint        index)
{
  g_autoptr(PrMemberItem) item = NULL;

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (G_LIST_MODEL (self->members)), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->members), index);
  return pr_member_row_status_text (pr_member_item_get_voted (item));
}

/* The row on screen showing member @index, NULL when it is not. */
PrMemberRow *
pr_round_page_find_member_row (PrRoundPage *self,
                               guint        index)
{
  GtkWidget *child;

  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->members_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      PrMemberItem *item;

      if (!PR_IS_MEMBER_ROW (row))
        continue;
      item = pr_member_row_get_item (PR_MEMBER_ROW (row));
      if (item != NULL && pr_member_item_get_index (item) == index)
        return PR_MEMBER_ROW (row);
    }
  return NULL;
}
