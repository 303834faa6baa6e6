"""Admin registration of challenges, hints and tutorials."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from config.admin_viewsets import FrenchAddLabelMixin

from . import views
from .actions.publish_without_review import LOG_ACTION as PUBLISHED_WITHOUT_REVIEW
from .content_pack.views import ContentPackViewSet
from .display import FrenchInspectView
from .enums import ContentStatus
from .filters import ChallengeFilterSet
from .link_views import CheckLinksBulkAction, LinkReportViewSet
from .models import Challenge, Hint, Tutorial
from .panels import CHALLENGE_EDIT_HANDLER, HINT_EDIT_HANDLER, TUTORIAL_PANELS
from .permissions import can_archive_challenge, can_publish_without_review
from .qti_views import ExportQtiBulkAction
from .releases.views import ReleaseViewSet
from .services import challenge_archive_previous_prototypes, tutorial_propose
from .workflow_views import CopyView, CreateView, EditView, WorkflowActionView

EDITORIAL_MODELS = (Challenge, Hint, Tutorial)


class EditorialViewSet(FrenchAddLabelMixin, SnippetViewSet):
    """Content under the editorial workflow: its messages say what happened.

    It goes live through the workflow only; administrators may publish
    without review with a reason (authoring/publication.py).
    """

    add_view_class = CreateView
    edit_view_class = EditView
    copy_view_class = CopyView
    workflow_action_view_class = WorkflowActionView
    inspect_view_class = FrenchInspectView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "publish-without-review/<int:pk>/",
                views.PublishWithoutReviewView.as_view(viewset=self),
                name="publish_without_review",
            ),
        ]


class ChallengeViewSet(EditorialViewSet):
    model = Challenge
    edit_handler = CHALLENGE_EDIT_HANDLER
    icon = "form"
    menu_label = _("Épreuves")
    add_item_label = _("Ajouter une épreuve")
    list_display = [
        "__str__",
        Column("skill", label=_("Acquis"), accessor="skill"),
        Column("type", label=_("Type")),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        "updated_at",
    ]
    list_per_page = 20
    filterset_class = ChallengeFilterSet
    ordering = ["-updated_at"]
    inspect_view_enabled = True
    copy_view_enabled = True

    def get_queryset(self, request):
        return Challenge.objects.select_related(
            "skill__tube", "latest_revision", "live_revision", "locked_by"
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "status/<int:pk>/<str:status>/",
                views.ChallengeStatusView.as_view(viewset=self),
                name="change_status",
            ),
        ]


class HintViewSet(EditorialViewSet):
    model = Hint
    edit_handler = HINT_EDIT_HANDLER
    icon = "help"
    menu_label = _("Indices")
    add_item_label = _("Ajouter un indice")
    list_display = [
        "__str__",
        Column("skill", label=_("Acquis")),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        "updated_at",
    ]

    def get_queryset(self, request):
        return Hint.objects.select_related(
            "skill__tube", "latest_revision", "locked_by"
        )


class TutorialViewSet(EditorialViewSet):
    model = Tutorial
    panels = TUTORIAL_PANELS
    icon = "media"
    menu_label = _("Tutoriels")
    add_item_label = _("Ajouter un tutoriel")
    list_display = [
        "title",
        "source",
        Column("format", label=_("Format"), accessor="get_format_display"),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        "updated_at",
    ]

    def get_queryset(self, request):
        return Tutorial.objects.select_related("latest_revision", "locked_by")


class ContentViewSetGroup(SnippetViewSetGroup):
    items = (ChallengeViewSet, HintViewSet, TutorialViewSet)
    menu_icon = "edit"
    menu_label = _("Contenus")
    menu_name = "content"
    menu_order = 200


register_snippet(ContentViewSetGroup)
hooks.register("register_bulk_action", ExportQtiBulkAction)
hooks.register("register_bulk_action", CheckLinksBulkAction)


@hooks.register("register_snippet_listing_buttons")
def status_buttons(snippet, user, next_url=None):
    """Offer archive / obsolete on validated challenges to validators."""
    if not isinstance(snippet, Challenge) or snippet.status != ContentStatus.VALIDATED:
        return []
    if not can_archive_challenge(user):
        return []
    url_name = Challenge.snippet_viewset.get_url_name("change_status")
    return [
        ListingButton(
            label,
            reverse(url_name, args=[snippet.pk, status]),
            priority=90 + index,
            icon_name="folder" if status == ContentStatus.ARCHIVED else "warning",
        )
        for index, (status, label) in enumerate(
            [
                (ContentStatus.ARCHIVED, _("Archiver")),
                (ContentStatus.OBSOLETE, _("Déclarer périmée")),
            ]
        )
    ]


class PublishWithoutReviewMenuItem(ActionMenuItem):
    """The administrators' way past the workflow: a page that asks the reason."""

    name = "action-publish-without-review"
    label = _("Publier sans revue…")
    icon_name = "warning"
    order = 35

    def is_shown(self, context):
        return (
            context["view"] == "edit"
            and not context.get("locked_for_user")
            and can_publish_without_review(context["request"].user)
        )

    def get_url(self, parent_context):
        instance = parent_context["instance"]
        url_name = instance.snippet_viewset.get_url_name("publish_without_review")
        return reverse(url_name, args=[quote(instance.pk)])


@hooks.register("register_snippet_action_menu_item")
def publish_without_review_item(model):
    if issubclass(model, EDITORIAL_MODELS):
        return PublishWithoutReviewMenuItem()
    return None


@hooks.register("construct_snippet_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Editorial content is published by the workflow: no "Publier" button.

    The edit views refuse the action on the server too (workflow_views).
    """
    if issubclass(context["model"], EDITORIAL_MODELS):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class _StatusChangeFormatter(LogFormatter):
    """An archiving or expiry in an item's history, with the journal message."""

    def format_message(self, log_entry):
        return self.label

    def format_comment(self, log_entry):
        return log_entry.data.get("message", "")


@hooks.register("register_log_actions")
def register_status_log_actions(actions):
    for action, label in (
        ("authoring.archived", _("Archivage")),
        ("authoring.obsolete", _("Péremption")),
        (PUBLISHED_WITHOUT_REVIEW, _("Publication sans revue")),
    ):
        formatter = type("StatusFormatter", (_StatusChangeFormatter,), {"label": label})
        actions.register_action(action)(formatter)


@hooks.register("insert_global_admin_css")
def admin_css():
    """The admin's own adjustments (the side menu's long French labels)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("authoring/admin.css")
    )


@hooks.register("register_admin_viewset")
def register_authoring_viewsets():
    """Releases, content packs and the link report, each a feature of its own."""
    return [ReleaseViewSet(), ContentPackViewSet(), LinkReportViewSet()]


@hooks.register("after_validate_content")
def archive_replaced_prototypes(item) -> None:
    """A validated prototype replaces the previous one (DOMAIN.md §2)."""
    if isinstance(item, Challenge):
        # Wagtail has checked the validator's right to publish: this follow-up
        # acts for the validation, not for a user of its own.
        challenge_archive_previous_prototypes(challenge=item, trusted=True)


# A learner's tutorial proposal (runtime.learning.views) becomes a proposed
# tutorial on its way to community review.
hooks.register("propose_tutorial", tutorial_propose)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def tell_typography_fixes(request, instance):
    """Say how many non-breaking spaces the save added (French typography)."""
    count = getattr(instance, "typography_fixes", 0)
    if count:
        messages.info(
            request,
            ngettext(
                "%(count)d espace insécable a été ajoutée (typographie française).",
                "%(count)d espaces insécables ont été ajoutées "
                "(typographie française).",
                count,
            )
            % {"count": count},
        )
