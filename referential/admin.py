"""Django admin with django-reversion history for the referential (fallback UI)."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Area, Competence, Skill, Thematic, Tube


@admin.register(Area, Competence, Thematic, Tube, Skill)
class ReferentialVersionAdmin(VersionAdmin):
    pass
