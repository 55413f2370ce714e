/* pr-passphrase-meter.c — how hard the passphrase being typed is to
 * guess: a level bar and the same in words
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pr-passphrase-meter.h"

struct _PrPassphraseMeter
{
  GtkBox                parent_instance;

  GtkLevelBar          *bar;
  GtkLabel             *label;

  PrPassphraseStrength  strength;
};

G_DEFINE_FINAL_TYPE (PrPassphraseMeter, pr_passphrase_meter, GTK_TYPE_BOX)

void
pr_passphrase_meter_update (PrPassphraseMeter *self,
                            const char        *passphrase)
{
  gboolean empty;
  const char *hint;

  g_return_if_fail (PR_IS_PASSPHRASE_METER (self));
  g_return_if_fail (passphrase != NULL);

  empty = passphrase[0] == '\0';
  self->strength = pr_passphrase_strength (passphrase);
  hint = empty ? _("Several unrelated words make a passphrase that is strong and easy to type.")
               : pr_passphrase_strength_describe (self->strength);
  gtk_level_bar_set_value (self->bar, self->strength);
  gtk_label_set_text (self->label, hint);
  /* A screen reader says the level in words, not "1 of 3". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  empty ? "" : pr_passphrase_strength_label (self->strength),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint,
                                  -1);
}

PrPassphraseStrength
pr_passphrase_meter_get_strength (PrPassphraseMeter *self)
{
  g_return_val_if_fail (PR_IS_PASSPHRASE_METER (self), PR_PASSPHRASE_TOO_SHORT);
  return self->strength;
}

const char *
pr_passphrase_meter_get_text (PrPassphraseMeter *self)
{
  g_return_val_if_fail (PR_IS_PASSPHRASE_METER (self), NULL);
  return gtk_label_get_text (self->label);
}

GtkLevelBar *
pr_passphrase_meter_get_bar (PrPassphraseMeter *self)
{
  g_return_val_if_fail (PR_IS_PASSPHRASE_METER (self), NULL);
  return self->bar;
}

GtkWidget *
pr_passphrase_meter_new (void)
{
  return g_object_new (PR_TYPE_PASSPHRASE_METER, NULL);
}

static void
pr_passphrase_meter_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PR_TYPE_PASSPHRASE_METER);

  G_OBJECT_CLASS (pr_passphrase_meter_parent_class)->dispose (object);
}

static void
pr_passphrase_meter_class_init (PrPassphraseMeterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pr_passphrase_meter_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/pr-passphrase-meter.ui");
  gtk_widget_class_bind_template_child (widget_class, PrPassphraseMeter, bar);
  gtk_widget_class_bind_template_child (widget_class, PrPassphraseMeter, label);
}

static void
pr_passphrase_meter_init (PrPassphraseMeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pr_passphrase_meter_update (self, "");
}
