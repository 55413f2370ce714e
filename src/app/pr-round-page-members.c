/* pr-round-page-members.c — the participation list: every member, voted
 * or not (never how anyone ranked), with a Re-issue button each
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-round-page-private.h"

/* A GtkListView makes rows only for the members on screen: a round of
 * 1,000 unlocked in 0.86 s without an answer when every member had a
 * row of its own, most of it making and laying out rows nobody saw. The
 * model lists the names in roster order, so a row's position is its
 * member's index. The rows on screen are kept in bound_rows, and a
 * refresh after an import updates just those. Rows are bound while an
 * import's worker owns the store too (scrolling): they show the votes
 * as the last refresh read them, in self->voted. */

static gboolean
member_voted (PrRoundPage *self,
              guint        index)
{
  return index < self->voted->len && g_array_index (self->voted, gboolean, index);
}

static const char *
status_text (gboolean voted)
{
  return voted ? _("Voted") : _("Not voted");
}

/* The status, and the row's accessible name that says it ("Ana López,
 * voted"): a list item of a GtkListView has no name of its own on 4.8. */
static void
show_status (GtkWidget  *row,
             const char *name,
             gboolean    voted)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "pr-status");
  const char *classes[] = { voted ? "success" : "dim-label", NULL };
  /* TRANSLATORS: a participation row as a screen reader says it */
  g_autofree char *accessible = g_strdup_printf (voted ? _("%s, voted") : _("%s, not voted"), name);

  gtk_label_set_text (GTK_LABEL (label), status_text (voted));
  gtk_widget_set_css_classes (label, classes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* The Re-issue buttons activate round.reissue by hand rather than being
 * bound to it, so that an import's start and end do not make every
 * button (in)sensitive. */
static void
reissue_clicked_cb (GtkButton   *button,
                    PrRoundPage *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (button));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pr-member")) - 1;
  PrManifest *manifest;

  if (self->store == NULL)
    return;
  manifest = pr_store_get_manifest (self->store);
  if (index >= pr_manifest_get_n_members (manifest))
    return;
  if (self->importing)
    pr_round_page_toast (self, _("Wait until the import has finished, then re-issue the invitation."));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "round.reissue", "s",
                                pr_manifest_get_member_id (manifest, index));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PrRoundPage              *self)
{
  GtkWidget *row = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_HORIZONTAL,
                                 "spacing", 12, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *reissue = gtk_button_new_with_mnemonic (_("Re-_issue…"));

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), email);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (reissue, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reissue, "flat");
  gtk_widget_set_tooltip_text (reissue, _("Write a New Invitation for This Member; the Old One Stops Counting"));
  g_signal_connect_object (reissue, "clicked", G_CALLBACK (reissue_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), status);
  gtk_box_append (GTK_BOX (row), reissue);
  g_object_set_data (G_OBJECT (row), "pr-name", name);
  g_object_set_data (G_OBJECT (row), "pr-email", email);
  g_object_set_data (G_OBJECT (row), "pr-status", status);
  g_object_set_data (G_OBJECT (row), "pr-reissue", reissue);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PrRoundPage              *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  guint index = gtk_list_item_get_position (item);
  const char *email;
  const char *name;
  GtkWidget *reissue;
  g_autofree char *reissue_label = NULL;

  if (self->store == NULL || index >= pr_manifest_get_n_members (pr_store_get_manifest (self->store)))
    return;
  name = pr_manifest_get_member_name (pr_store_get_manifest (self->store), index);
  email = pr_store_get_email (self->store, index);
  g_object_set_data (G_OBJECT (row), "pr-member", GUINT_TO_POINTER (index + 1));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "pr-name"), name);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "pr-email"), email != NULL ? email : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "pr-email"), email != NULL && email[0] != '\0');
  show_status (row, name, member_voted (self, index));
  /* TRANSLATORS: the accessible name of a member's Re-issue button */
  reissue_label = g_strdup_printf (_("Re-issue the invitation of %s"), name);
  reissue = g_object_get_data (G_OBJECT (row), "pr-reissue");
  /* Else GTK 4.8 reads the button's own text after this name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (reissue), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reissue), GTK_ACCESSIBLE_PROPERTY_LABEL, reissue_label, -1);
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PrRoundPage              *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (row), "pr-member", NULL);
  g_ptr_array_remove_fast (self->bound_rows, row);
}

void
pr_round_page_init_members (PrRoundPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->bound_rows = g_ptr_array_new ();
  self->voted = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->members = gtk_string_list_new (NULL);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  g_array_set_size (self->voted, 0);
  gtk_string_list_splice (self->members, 0, n, NULL);
}

/* The roster never changes within a round: the model is filled once, and
 * a refresh after an import updates the status of the rows on screen
 * (the others show theirs when they are bound). */
void
pr_round_page_refresh_members (PrRoundPage *self)
{
  PrManifest *manifest = pr_store_get_manifest (self->store);
  guint n = pr_manifest_get_n_members (manifest);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->members));

  g_array_set_size (self->voted, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->voted, gboolean, i) = pr_store_member_voted (self->store, i);
  if (shown != n)
    {
      g_autofree const char **names = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        names[i] = pr_manifest_get_member_name (manifest, i);
      gtk_string_list_splice (self->members, 0, shown, names);
      return;
    }
  for (guint k = 0; k < self->bound_rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (self->bound_rows, k);
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pr-member")) - 1;

      if (index < n)
        show_status (row, pr_manifest_get_member_name (manifest, index), member_voted (self, index));
    }
}

const char *
pr_round_page_get_member_status (PrRoundPage *self,
                                 guint        index)
{
  g_return_val_if_fail (PR_IS_ROUND_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  g_return_val_if_fail (index < g_list_model_get_n_items (G_LIST_MODEL (self->members)), NULL);

  /* What the row says when it is on screen, else what it would say. */
  for (guint k = 0; k < self->bound_rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (self->bound_rows, k);

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pr-member")) == index + 1)
        return gtk_label_get_text (g_object_get_data (G_OBJECT (row), "pr-status"));
    }
  return status_text (member_voted (self, index));
}
