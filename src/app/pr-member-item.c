/* pr-member-item.c — one member of a round on the participation list
 *
 * Copyright 2026 Peer Rank contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pr-member-item.h"

struct _PrMemberItem
{
  GObject   parent_instance;

  guint     index;
  char     *id;
  char     *name;
  char     *email;
  gboolean  voted;
};

G_DEFINE_FINAL_TYPE (PrMemberItem, pr_member_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VOTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PrMemberItem *
pr_member_item_new (guint       index,
                    const char *id,
                    const char *name,
                    const char *email)
{
  PrMemberItem *self = g_object_new (PR_TYPE_MEMBER_ITEM, NULL);

  self->index = index;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->email = g_strdup (email);
  return self;
}

guint
pr_member_item_get_index (PrMemberItem *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ITEM (self), 0);
  return self->index;
}

const char *
pr_member_item_get_id (PrMemberItem *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ITEM (self), NULL);
  return self->id;
}

const char *
pr_member_item_get_name (PrMemberItem *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ITEM (self), NULL);
  return self->name;
}

const char *
pr_member_item_get_email (PrMemberItem *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ITEM (self), NULL);
  return self->email;
}

gboolean
pr_member_item_get_voted (PrMemberItem *self)
{
  g_return_val_if_fail (PR_IS_MEMBER_ITEM (self), FALSE);
  return self->voted;
}

void
pr_member_item_set_voted (PrMemberItem *self,
                          gboolean      voted)
{
  g_return_if_fail (PR_IS_MEMBER_ITEM (self));

  voted = !!voted;
  if (self->voted == voted)
    return;
  self->voted = voted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTED]);
}

static void
pr_member_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PrMemberItem *self = PR_MEMBER_ITEM (object);

  switch (prop_id)
    {
    case PROP_VOTED:
      g_value_set_boolean (value, self->voted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_member_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VOTED:
      pr_member_item_set_voted (PR_MEMBER_ITEM (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pr_member_item_finalize (GObject *object)
{
  PrMemberItem *self = PR_MEMBER_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);

  G_OBJECT_CLASS (pr_member_item_parent_class)->finalize (object);
}

static void
pr_member_item_class_init (PrMemberItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pr_member_item_get_property;
  object_class->set_property = pr_member_item_set_property;
  object_class->finalize = pr_member_item_finalize;

  properties[PROP_VOTED] =
    g_param_spec_boolean ("voted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pr_member_item_init (PrMemberItem *self)
{
}
