"""Listing filters for challenges in the admin."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from referential.enums import LEVELS
from referential.models import Competence, Skill, Tube

from .enums import ChallengeType, ContentStatus, Locale
from .models import Challenge


class ChallengeFilterSet(WagtailFilterSet):
    competence = django_filters.ModelChoiceFilter(
        label=_("Compétence"),
        field_name="skill__tube__competence",
        queryset=Competence.objects.all(),
    )
    tube = django_filters.ModelChoiceFilter(
        label=_("Sujet"), field_name="skill__tube", queryset=Tube.objects.all()
    )
    skill = django_filters.ModelChoiceFilter(
        label=_("Acquis"), queryset=Skill.objects.select_related("tube")
    )
    level = django_filters.ChoiceFilter(
        label=_("Niveau"),
        field_name="skill__level",
        choices=[(level, str(level)) for level in LEVELS],
    )
    type = django_filters.ChoiceFilter(label=_("Type"), choices=ChallengeType.choices)
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=ContentStatus.choices
    )
    locale = django_filters.ChoiceFilter(
        label=_("Langue"), choices=Locale.choices, method="filter_locale"
    )

    class Meta:
        model = Challenge
        fields = []

    def filter_locale(self, queryset, name, value):
        # JSON containment is not portable to SQLite; match the quoted code.
        return queryset.filter(Q(locales__icontains=f'"{value}"'))
