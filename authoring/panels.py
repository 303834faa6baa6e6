"""Admin panels of the authoring app, and the edit forms of its snippets.

The forms are declared here and set on the snippet viewsets (wagtail_hooks),
not on the models: the content checks panel runs the checks, which read the
models, so models that declared it would import the checks that import them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)

from authoring.checks import run_item_checks
from authoring.display import ReadOnlyPanel
from authoring.forms import ChallengeForm, HintForm
from authoring.selectors import challenges_replaced_by
from review.calibration import challenge_history, flag_label, icc_figure


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


class ReplacementWarningPanel(Panel):
    """Say, before submission and approval, what validating would archive."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "authoring/panels/replacement_warning.html"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.replaced = (
                challenges_replaced_by(self.instance) if self.instance.pk else []
            )

        def is_shown(self):
            return bool(self.replaced)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["replaced"] = self.replaced
            return context


class CalibrationPanel(Panel):
    """The challenge's measured behaviour: its calibration results over runs.

    a and b with their errors, the classical statistics, the flags, and the
    item characteristic curve beside the band its skill's level expects.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "authoring/panels/calibration.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            history = challenge_history(self.instance) if self.instance.pk else []
            latest = history[0] if history else None
            level = self.instance.skill.level if self.instance.skill_id else None
            context.update(
                latest=latest,
                history=history,
                flags=[flag_label(code) for code in latest.flags] if latest else [],
                figure=icc_figure(latest, level),
                level=level,
            )
            return context


CHALLENGE_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                ReplacementWarningPanel(heading=_("Remplacement du prototype")),
                FieldPanel("skill"),
                FieldPanel("genealogy"),
                FieldRowPanel(
                    [FieldPanel("prototype"), FieldPanel("declinaison_number")]
                ),
                FieldPanel("type"),
                FieldPanel("instruction"),
                FieldPanel("alternative_instruction"),
                FieldPanel("proposals"),
                FieldPanel("solution"),
                MultiFieldPanel(
                    [
                        FieldPanel("answer_format"),
                        FieldRowPanel(
                            [
                                FieldPanel("tolerance_t1"),
                                FieldPanel("tolerance_t2"),
                                FieldPanel("tolerance_t3"),
                            ]
                        ),
                        FieldRowPanel(
                            [FieldPanel("partial_min"), FieldPanel("partial_max")]
                        ),
                    ],
                    heading=_("Vérification des réponses"),
                ),
            ],
            heading=_("Énoncé"),
        ),
        ObjectList(
            [
                FieldRowPanel(
                    [FieldPanel("illustration"), FieldPanel("illustration_alt")]
                ),
                FieldPanel("attachments"),
                MultiFieldPanel(
                    [
                        FieldPanel("embed_url"),
                        FieldPanel("embed_title"),
                        FieldRowPanel(
                            [
                                FieldPanel("embed_height"),
                                FieldPanel("embed_auto_reply"),
                            ]
                        ),
                    ],
                    heading=_("Simulateur intégré"),
                ),
            ],
            heading=_("Médias"),
        ),
        ObjectList(
            [
                FieldRowPanel(
                    [
                        FieldPanel("timer"),
                        FieldPanel("focused"),
                        FieldPanel("shuffled"),
                    ]
                ),
                FieldPanel("locales"),
                FieldPanel("pedagogy"),
                FieldRowPanel(
                    [
                        FieldPanel("accessibility_blind"),
                        FieldPanel("accessibility_colour_blind"),
                    ]
                ),
                FieldRowPanel(
                    [
                        ReadOnlyPanel("difficulty"),
                        ReadOnlyPanel("discrimination"),
                    ]
                ),
                CalibrationPanel(heading=_("Calibration")),
            ],
            heading=_("Paramètres"),
        ),
        ObjectList(
            [ContentChecksPanel(heading=_("Vérifications du contenu"))],
            heading=_("Vérifications"),
        ),
    ],
    base_form_class=ChallengeForm,
)

HINT_EDIT_HANDLER = ObjectList(
    [FieldPanel("skill"), FieldPanel("text")], base_form_class=HintForm
)

TUTORIAL_PANELS = [
    FieldPanel("title"),
    FieldPanel("link"),
    FieldRowPanel([FieldPanel("source"), FieldPanel("format")]),
    FieldRowPanel([FieldPanel("duration"), FieldPanel("locale")]),
    InlinePanel("skill_links", heading=_("Acquis"), label=_("acquis"), min_num=1),
    ContentChecksPanel(heading=_("Vérifications du contenu")),
]
