"""The editorial status shared by challenges, hints and tutorials."""

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.publish_revision import PublishPermissionError

from authoring.enums import ContentStatus
from authoring.publication import current_door


class DirectPublishRefused(PublishPermissionError):
    """A user tried to publish authored content outside the workflow."""

    def __init__(self):
        super().__init__(
            gettext(
                "Publication directe refusée : le contenu est publié par la "
                "validation finale, après la revue communautaire. Seul un "
                "administrateur peut publier sans revue, en donnant un motif."
            )
        )


class ContentLifecycleMixin(models.Model):
    """A status that follows publication: publishing a proposed item validates it.

    The status is lifecycle state, like Wagtail's ``live``: it is not restored
    from revisions, so reverting to an old draft never un-archives an item.
    """

    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=ContentStatus.choices,
        default=ContentStatus.PROPOSED,
        editable=False,
    )

    class Meta:
        abstract = True

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        obj.status = self.status
        return obj

    def publish(self, revision, *args, **kwargs):
        user = kwargs.get("user", args[0] if args else None)
        if user is not None and current_door() is None:
            # authoring/publication.py: users publish through the workflow.
            raise DirectPublishRefused
        with transaction.atomic():
            result = super().publish(revision, *args, **kwargs)
            live = type(self).objects.filter(pk=self.pk, live_revision=revision)
            if live.filter(status=ContentStatus.PROPOSED).update(
                status=ContentStatus.VALIDATED
            ):
                self.status = ContentStatus.VALIDATED
                self.after_validation()
        return result

    def after_validation(self):
        """Run once when the item becomes validated: the apps' follow-ups.

        They register under the "after_validate_content" Wagtail hook (a
        prototype replaces the previous one: authoring/wagtail_hooks.py), so
        models call no service and import none.
        """
        for follow_up in hooks.get_hooks("after_validate_content"):
            follow_up(self)
