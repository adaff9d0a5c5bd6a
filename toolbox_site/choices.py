"""The kinds of organization and the roles of their members: plain choices, shared
by the models and by the access a user has (toolbox_site/access.py), which the
models' querysets ask. They live apart so neither has to import the other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    CARE_OFFICE = "care_office", _("care office")
    REGION_TEAM = "region_team", _("region team")


class MembershipRole(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    COORDINATOR = "coordinator", _("coordinator")


#: The roles that may change their organization's data.
WRITE_ROLES = (MembershipRole.EDITOR, MembershipRole.COORDINATOR)


class Pillar(models.TextChoices):
    """The toolbox's three pillars, as documents and practice examples are filed."""

    NETWORK = "network", _("Network and knowledge sharing")
    QUALITY = "quality", _("Quality criteria and training")
    AWARENESS = "awareness", _("Awareness among residents")
