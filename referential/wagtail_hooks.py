"""Admin registration of the referential, its competence grid and its history."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from config.admin_viewsets import FeatureViewSet, FrenchAddLabelMixin

from . import views
from .models import Area, Competence, Skill, Thematic, Tube
from .permissions import can_see_competence_grid
from .selectors import skills_with_pix_values

HISTORY_MODELS = (Area, Competence, Thematic, Tube, Skill)


class AreaViewSet(FrenchAddLabelMixin, SnippetViewSet):
    add_item_label = _("Ajouter un domaine")
    model = Area
    icon = "folder-open-inverse"
    menu_label = _("Domaines")
    list_display = ["code", "title"]


class CompetenceViewSet(FrenchAddLabelMixin, SnippetViewSet):
    add_item_label = _("Ajouter une compétence")
    model = Competence
    icon = "folder-inverse"
    menu_label = _("Compétences")
    list_display = [
        "code",
        "title",
        Column("digcomp", label=_("DigComp 2.2"), accessor="digcomp_codes"),
    ]
    list_per_page = 20

    def get_queryset(self, request):
        return Competence.objects.select_related("area").prefetch_related("digcomp")


class ThematicViewSet(FrenchAddLabelMixin, SnippetViewSet):
    add_item_label = _("Ajouter une thématique")
    model = Thematic
    icon = "list-ul"
    menu_label = _("Thématiques")
    list_display = ["name", "competence"]
    list_filter = ["competence"]

    def get_queryset(self, request):
        return Thematic.objects.select_related("competence")


class TubeViewSet(FrenchAddLabelMixin, SnippetViewSet):
    add_item_label = _("Ajouter un sujet")
    model = Tube
    icon = "list-ol"
    menu_label = _("Sujets (tubes)")
    list_display = ["name", "title", "competence", "thematic"]
    list_filter = ["competence"]

    def get_queryset(self, request):
        return Tube.objects.select_related("competence", "thematic")


class SkillViewSet(FrenchAddLabelMixin, SnippetViewSet):
    add_item_label = _("Ajouter un acquis")
    model = Skill
    icon = "tick-inverse"
    menu_label = _("Acquis")
    list_display = [
        "__str__",
        "level",
        Column("status", label=_("Statut"), accessor="get_status_display"),
        Column("pix_value", label=_("Valeur (pix)"), accessor="pix_display"),
    ]
    list_filter = ["status", "level", "tube__competence"]

    def get_queryset(self, request):
        return skills_with_pix_values(Skill.objects.select_related("tube"))


class ReferentialViewSetGroup(SnippetViewSetGroup):
    items = (AreaViewSet, CompetenceViewSet, ThematicViewSet, TubeViewSet, SkillViewSet)
    menu_icon = "site"
    menu_label = _("Référentiel")
    menu_name = "referential"
    menu_order = 100


register_snippet(ReferentialViewSetGroup)


class CompetenceToolsViewSet(FeatureViewSet):
    """The competence grid (tubes by levels) and the referential's version history."""

    name = "referential"
    icon = "table"
    menu_label = _("Grille des compétences")
    menu_order = 150
    rule = staticmethod(can_see_competence_grid)

    def get_urlpatterns(self):
        return [
            path("grid/", views.competence_grid, name="grid"),
            path("grid/<str:code>/", views.competence_grid, name="grid"),
            path(
                "history/<str:model_name>/<int:pk>/",
                views.ReferentialHistoryView.as_view(),
                name="history",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_competence_tools_viewset():
    return CompetenceToolsViewSet()


@hooks.register("register_snippet_listing_buttons")
def history_button(snippet, user, next_url=None):
    """Link every referential item to its django-reversion history."""
    if not isinstance(snippet, HISTORY_MODELS):
        return []
    url = reverse("referential:history", args=[snippet._meta.model_name, snippet.pk])
    return [
        ListingButton(
            _("Historique des versions"), url, icon_name="history", priority=80
        )
    ]
