"""Admin panels of the authoring app."""

from wagtail.admin.panels import Panel

from authoring.checks import run_item_checks


class ContentChecksPanel(Panel):
    """The content checks of the item: what blocks approval, what to look at.

    They run on the item as the form shows it: its latest revision, or what
    was submitted when a save was refused. A new item is checked once saved.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "authoring/panels/content_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            results = run_item_checks(self.instance) if self.instance.pk else []
            context.update(
                saved=self.instance.pk is not None,
                blocking=[r.message for r in results if r.blocking and not r.passed],
                notes=[r for r in results if not r.blocking and not r.passed],
                passed=[r for r in results if r.passed],
            )
            return context
