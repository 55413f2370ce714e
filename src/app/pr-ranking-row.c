/* pr-ranking-row.c — one teammate in the associate's ranking
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pr-ranking-row.h"

struct _PrRankingRow
{
  GtkListBoxRow  parent_instance;

  GtkInscription *position_label;
  GtkLabel      *name_label;
  GtkButton     *up_button;
  GtkButton     *down_button;
  GtkButton     *rank_button;
  GtkMenuButton *menu_button;

  guint          member;
  char          *name;
  char          *search_key;
  char          *label;
  gboolean       ranked;
  guint          position;
  /* What the buttons were last set for: most rows keep it on a move. */
  guint          button_state;
  /* Where the drag started, for the drag icon's hotspot. */
  double         drag_x;
  double         drag_y;
};

G_DEFINE_FINAL_TYPE (PrRankingRow, pr_ranking_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Letters that no decomposition takes apart, as a person types them on
 * a keyboard without them. */
static const struct {
  gunichar    letter;
  const char *plain;
} plain_letters[] = {
  { 0x00F8, "o" }, { 0x00D8, "O" },   /* ø Ø */
  { 0x0142, "l" }, { 0x0141, "L" },   /* ł Ł */
  { 0x00E6, "ae" }, { 0x00C6, "AE" }, /* æ Æ */
  { 0x0153, "oe" }, { 0x0152, "OE" }, /* œ Œ */
  { 0x00DF, "ss" }, { 0x1E9E, "SS" }, /* ß ẞ */
  { 0x0111, "d" }, { 0x0110, "D" },   /* đ Đ */
  { 0x00F0, "d" }, { 0x00D0, "D" },   /* ð Ð */
  { 0x00FE, "th" }, { 0x00DE, "TH" }, /* þ Þ */
  { 0x0127, "h" }, { 0x0126, "H" },   /* ħ Ħ */
  { 0x0131, "i" },                    /* ı */
};

static void
append_plain (GString  *out,
              gunichar  c)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_letters); i++)
    if (plain_letters[i].letter == c)
      {
        g_string_append (out, plain_letters[i].plain);
        return;
      }
  g_string_append_unichar (out, c);
}

/* One character as file names spell it (g_str_to_ascii(): ø as "oe" in
 * GLib's table), or itself when it has no such spelling, so a Chinese
 * name stays searchable. */
static void
append_ascii (GString  *out,
              gunichar  c)
{
  char utf8[7] = { 0 };
  g_autofree char *ascii = NULL;

  g_unichar_to_utf8 (c, utf8);
  if (c < 0x80 || (ascii = g_str_to_ascii (utf8, "C")) == NULL || strchr (ascii, '?') != NULL)
    g_string_append (out, utf8);
  else
    g_string_append (out, ascii);
}

/* @text without accents (which decomposition splits off), each other
 * character through @append, folded for case. */
static char *
fold_with (const char *text,
           void      (*append) (GString *out, gunichar c))
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        append (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

char *
pr_ranking_row_fold (const char *text)
{
  return fold_with (text, append_plain);
}

/* A name is found by "lopez" for López, "bjorn" for Bjørn, and by how
 * its invitation's file name spells it ("bjoern"): both spellings, on
 * lines of their own (a search never holds a line break). */
static char *
search_key (const char *name)
{
  g_autofree char *plain = pr_ranking_row_fold (name);
  g_autofree char *ascii = fold_with (name, append_ascii);

  return g_strconcat (plain, "\n", ascii, NULL);
}

/* The icon buttons say what they do to whom, since a screen reader user
 * meets them one by one (in browse mode; they are not Tab stops). */
static void
name_buttons (PrRankingRow *self)
{
  g_autofree char *up = g_strdup_printf (_("Move %s up"), self->name);
  g_autofree char *down = g_strdup_printf (_("Move %s down"), self->name);
  g_autofree char *menu = g_strdup_printf (_("More moves for %s"), self->name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->up_button), GTK_ACCESSIBLE_PROPERTY_LABEL, up, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->down_button), GTK_ACCESSIBLE_PROPERTY_LABEL, down, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu, -1);
}

PrRankingRow *
pr_ranking_row_new (guint       member,
                    const char *name)
{
  PrRankingRow *self = g_object_new (PR_TYPE_RANKING_ROW, NULL);

  self->member = member;
  self->name = g_strdup (name);
  self->search_key = search_key (name);
  gtk_label_set_label (self->name_label, name);
  name_buttons (self);
  pr_ranking_row_set_place (self, FALSE, 0, 0, 1);
  return self;
}

guint
pr_ranking_row_get_member (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), 0);
  return self->member;
}

const char *
pr_ranking_row_get_name (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), NULL);
  return self->name;
}

const char *
pr_ranking_row_get_search_key (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), NULL);
  return self->search_key;
}

gboolean
pr_ranking_row_get_ranked (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), FALSE);
  return self->ranked;
}

guint
pr_ranking_row_get_position (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), 0);
  return self->position;
}

const char *
pr_ranking_row_get_label (PrRankingRow *self)
{
  g_return_val_if_fail (PR_IS_RANKING_ROW (self), NULL);
  return self->label;
}

/* The icon buttons say what they do to whom, since a screen reader user
 * reaches them one by one. */
static void
label_button (GtkWidget  *button,
              const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_buttons (PrRankingRow *self,
                guint         n_ranked,
                guint         n_unranked)
{
  gboolean last_ranked = self->ranked && self->position + 1 >= n_ranked;
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *label = NULL;
  guint state = 1 | (self->ranked << 1) | ((self->position == 0) << 2) | (last_ranked << 3);

  /* A move renumbers many rows but changes the buttons of few: skip the
   * rest, which keeps a move at 300 people quick. */
  if (state == self->button_state)
    return;
  self->button_state = state;

  /* "Not ranked" has no order: up ranks the person last, and there is no
   * down. */
  gtk_widget_action_set_enabled (widget, "row.move-up", self->ranked ? self->position > 0 : TRUE);
  gtk_widget_action_set_enabled (widget, "row.move-down", self->ranked);
  gtk_widget_action_set_enabled (widget, "row.move-first", !self->ranked || self->position > 0);
  gtk_widget_action_set_enabled (widget, "row.move-last", !self->ranked || !last_ranked);
  gtk_widget_action_set_enabled (widget, "row.unrank", self->ranked);
  gtk_widget_action_set_enabled (widget, "row.rank", !self->ranked);
  gtk_widget_set_visible (GTK_WIDGET (self->up_button), self->ranked);
  gtk_widget_set_visible (GTK_WIDGET (self->down_button), self->ranked);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->rank_button),
                                  self->ranked ? "row.unrank" : "row.rank");
  gtk_button_set_icon_name (self->rank_button,
                            self->ranked ? "list-remove-symbolic" : "list-add-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rank_button),
                               self->ranked ? _("Don’t Rank (Delete)") : _("Rank Last (Alt+↑)"));
  label = self->ranked ? g_strdup_printf (_("Don’t rank %s"), self->name)
                       : g_strdup_printf (_("Rank %s last"), self->name);
  label_button (GTK_WIDGET (self->rank_button), label);
}

void
pr_ranking_row_set_place (PrRankingRow *self,
                          gboolean      ranked,
                          guint         position,
                          guint         n_ranked,
                          guint         n_unranked)
{
  g_autofree char *label = NULL;
  g_autofree char *number = NULL;

  g_return_if_fail (PR_IS_RANKING_ROW (self));

  if (ranked)
    label = g_strdup_printf (_("%s, position %u of %u"), self->name, position + 1, n_ranked);
  else
    label = g_strdup_printf (_("%s, not ranked"), self->name);

  if (ranked != self->ranked || position != self->position || self->label == NULL)
    {
      if (ranked)
        number = g_strdup_printf ("%u", position + 1);
      gtk_inscription_set_text (self->position_label, number);
    }
  self->ranked = ranked;
  self->position = position;
  update_buttons (self, n_ranked, n_unranked);

  /* Only a changed label is sent to the accessibility bus: a move
   * renumbers many rows and a screen reader only needs the focused one. */
  if (g_strcmp0 (label, self->label) == 0)
    return;
  g_free (self->label);
  self->label = g_steal_pointer (&label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
  if (ranked)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_RELATION_POS_IN_SET, (int) position + 1,
                                    GTK_ACCESSIBLE_RELATION_SET_SIZE, (int) n_ranked,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_POS_IN_SET);
}

void
pr_ranking_row_set_drop_side (PrRankingRow *self,
                              int           side)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (PR_IS_RANKING_ROW (self));

  if (side == 0)
    gtk_widget_add_css_class (widget, "drop-before");
  else
    gtk_widget_remove_css_class (widget, "drop-before");
  if (side == 1)
    gtk_widget_add_css_class (widget, "drop-after");
  else
    gtk_widget_remove_css_class (widget, "drop-after");
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const struct {
    const char *name;
    PrRankingRowMove move;
  } moves[] = {
    { "row.move-up", PR_RANKING_ROW_MOVE_UP },
    { "row.move-down", PR_RANKING_ROW_MOVE_DOWN },
    { "row.move-first", PR_RANKING_ROW_MOVE_FIRST },
    { "row.move-last", PR_RANKING_ROW_MOVE_LAST },
    { "row.unrank", PR_RANKING_ROW_UNRANK },
    { "row.rank", PR_RANKING_ROW_RANK },
    { "row.choose-position", PR_RANKING_ROW_CHOOSE_POSITION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (action_name, moves[i].name))
      {
        g_signal_emit (widget, signals[SIGNAL_MOVE], 0, (int) moves[i].move);
        return;
      }
  g_assert_not_reached ();
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_menu_button_popup (PR_RANKING_ROW (widget)->menu_button);
}

/* The whole row is the drag source; what travels is the row itself,
 * so only our own lists accept it. */
static GdkContentProvider *
drag_prepare_cb (PrRankingRow  *self,
                 double         x,
                 double         y,
                 GtkDragSource *source)
{
  self->drag_x = x;
  self->drag_y = y;
  return gdk_content_provider_new_typed (PR_TYPE_RANKING_ROW, self);
}

/* What the pointer carries: a card with the row's handle, number and
 * name, drawn solid (the row itself fades while it is dragged, so a
 * picture of it would be a ghost). */
static GtkWidget *
drag_card (PrRankingRow *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *number = gtk_label_new (gtk_inscription_get_text (self->position_label));
  GtkWidget *name = gtk_label_new (self->name);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "drag-card");
  gtk_widget_add_css_class (number, "heading");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
  gtk_box_append (GTK_BOX (card), handle);
  gtk_box_append (GTK_BOX (card), number);
  gtk_box_append (GTK_BOX (card), name);
  gtk_widget_set_size_request (card, gtk_widget_get_width (GTK_WIDGET (self)) > 0
                                     ? MIN (gtk_widget_get_width (GTK_WIDGET (self)), 480) : -1, -1);
  return card;
}

static void
drag_begin_cb (PrRankingRow  *self,
               GdkDrag       *drag,
               GtkDragSource *source)
{
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);

  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), drag_card (self));
  gdk_drag_set_hotspot (drag, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
drag_end_cb (PrRankingRow  *self,
             GdkDrag       *drag,
             gboolean       delete_data,
             GtkDragSource *source)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static void
setup_drag_source (PrRankingRow *self)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

static void
pr_ranking_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_RANKING_ROW);

  G_OBJECT_CLASS (pr_ranking_row_parent_class)->dispose (object);
}

static void
pr_ranking_row_finalize (GObject *object)
{
  PrRankingRow *self = PR_RANKING_ROW (object);

  g_free (self->name);
  g_free (self->search_key);
  g_free (self->label);

  G_OBJECT_CLASS (pr_ranking_row_parent_class)->finalize (object);
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           key,
                  guint           keypad_key,
                  GdkModifierType modifiers,
                  const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, modifiers, action, NULL);
  gtk_widget_class_add_binding_action (widget_class, keypad_key, modifiers, action, NULL);
}

static void
pr_ranking_row_class_init (PrRankingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *actions[] = { "row.move-up", "row.move-down", "row.move-first", "row.move-last",
                            "row.unrank", "row.rank", "row.choose-position" };

  object_class->dispose = pr_ranking_row_dispose;
  object_class->finalize = pr_ranking_row_finalize;

  /**
   * PrRankingRow::move:
   * @move: a #PrRankingRowMove
   *
   * The person asked for this row to move, by key, button or menu.
   */
  signals[SIGNAL_MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/pr-ranking-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, rank_button);
  gtk_widget_class_bind_template_child (widget_class, PrRankingRow, menu_button);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, move_action);
  gtk_widget_class_install_action (widget_class, "row.menu", NULL, menu_action);

  /* DESIGN §1: the keys work on the focused row (or a button in it). */
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, GDK_ALT_MASK, "row.move-up");
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, GDK_ALT_MASK, "row.move-down");
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, GDK_ALT_MASK, "row.move-first");
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, GDK_ALT_MASK, "row.move-last");
  add_move_binding (widget_class, GDK_KEY_Delete, GDK_KEY_KP_Delete, 0, "row.unrank");
  add_move_binding (widget_class, GDK_KEY_F2, GDK_KEY_F2, 0, "row.choose-position");
  /* The row is one Tab stop; its buttons' moves are all in its menu. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "row.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "row.menu", NULL);
}

static void
pr_ranking_row_init (PrRankingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_drag_source (self);
}
