"""The learner API's request and response bodies (their OpenAPI components).

No schema here has a place for a challenge's spec, solution or tolerances:
only CorrectionOut.expected carries an accepted answer, for an answered challenge.
"""

from typing import Annotated, Literal

from ninja import Field, Schema

from runtime.enums import AnswerResult, AssessmentState

AnswerValue = str | list[int] | dict[str, str] | None
Expected = str | list[int] | dict[str, str]
Action = Literal["start", "resume", "improve", "reset"]
Next = Literal["challenge", "checkpoint", "completed"]


class ErrorOut(Schema):
    detail: str = Field(description="Le message, en français, à montrer.")


class InvalidOut(ErrorOut):
    errors: list[dict] = Field(
        default_factory=list,
        description="Les champs refusés (emplacement, message), quand la requête "
        "ne suit pas ce document.",
    )


class CompetenceOut(Schema):
    code: str = Field(examples=["1.1"])
    title: str
    area: str
    area_title: str
    pix: int
    level: int
    tested: bool
    open_assessment: int | None = Field(description="Le test en cours, s'il y en a.")
    actions: list[Action] = Field(
        description="start: POST /competences/{code}/assessments; resume: le test "
        "en cours; improve: un nouveau test; reset: POST /competences/{code}/reset."
    )
    improve_in_days: int | None = Field(
        default=None,
        description="Jours avant de pouvoir améliorer la compétence (délai de 4 "
        "jours après la dernière réponse), s'il faut attendre.",
    )


class ProfileOut(Schema):
    total_pix: int
    competences: list[CompetenceOut]


class ResetOut(Schema):
    competence: str
    reset_skills: int


class AssessmentOut(Schema):
    id: int
    competence: str
    state: AssessmentState
    release: int = Field(description="Le numéro de la release servie.")
    is_improvement: bool
    answers_count: int


class FieldOut(Schema):
    key: str = Field(description="La clé de la réponse {clé: texte}.")
    label: str
    placeholder: str
    options: list[str] | None = Field(description="Les choix d'une liste déroulante.")


class PieceOut(Schema):
    """A piece of QROC/QROCM proposals in reading order: some HTML or a field."""

    html: str | None = None
    field: str | None = Field(default=None, description="La clé d'un champ.")


class AttachmentOut(Schema):
    title: str
    url: str
    extension: str


class EmbedOut(Schema):
    url: str
    title: str
    height: int


class IllustrationOut(Schema):
    url: str
    alt: str
    width: int
    height: int


class ChoiceOut(Schema):
    number: int
    html: str


class ChallengeOut(Schema):
    """What the learner page shows of a challenge, and nothing secret."""

    type: str = Field(examples=["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"])
    instruction_html: str
    alternative_instruction: str
    choices: list[ChoiceOut] = Field(
        description="QCU/QCM : chaque option avec son numéro (à renvoyer comme "
        "réponse), dans l'ordre où la montrer (mélangé si l'épreuve le demande)."
    )
    fields: list[FieldOut]
    pieces: list[PieceOut]
    illustration: IllustrationOut | None
    attachments: list[AttachmentOut]
    embed: EmbedOut | None
    timer: int | None = Field(description="Le temps imparti en secondes.")
    focused: bool


class ChallengeStepOut(Schema):
    status: Literal["challenge"]
    challenge_id: str
    position: int = Field(description="Le numéro de la question, dès 1.")
    challenge: ChallengeOut
    remaining_seconds: int | None = Field(
        None,
        description="Épreuve chronométrée : les secondes qui restent, comptées par "
        "le serveur depuis qu'elle a été servie (0 : temps écoulé).",
    )


class StatusStepOut(Schema):
    status: Literal["checkpoint", "completed"]


CurrentOut = Annotated[ChallengeStepOut | StatusStepOut, Field(discriminator="status")]


class AnswerIn(Schema):
    challenge_id: str = Field(min_length=1, max_length=64)
    answer: AnswerValue = Field(
        default=None,
        description='QCU "2"; QCM [1, 3]; QROC et QROCM {"clé": "texte"}.',
    )
    skipped: bool = False
    focus_lost: bool = False


class AnswerOut(Schema):
    answer_id: int
    result: AnswerResult
    next: Next


class NextOut(Schema):
    next: Next


class TutorialOut(Schema):
    id: str
    title: str
    link: str
    source: str
    format: str
    duration_seconds: int
    locale: str


class CorrectionOut(Schema):
    answer_id: int
    challenge_id: str
    result: AnswerResult
    answer: AnswerValue = Field(description="La réponse donnée.")
    expected: Expected = Field(description="La réponse attendue, même forme.")
    challenge: ChallengeOut
    hint: str
    tutorials: list[TutorialOut]


class CheckpointOut(Schema):
    assessment_id: int
    competence: str
    corrections: list[CorrectionOut]


class ValidatedSkillOut(Schema):
    """A validated skill as a learner reads it: its subject and level."""

    tube: str = Field(description="Le sujet (titre du tube) de l'acquis.")
    level: int = Field(description="Le niveau de l'acquis, de 1 à 8.")
    label: str = Field(
        description="Le libellé à montrer, par exemple « Moteurs de recherche "
        "— niveau 2 »."
    )


class ResultOut(Schema):
    assessment_id: int
    competence: str
    competence_title: str
    pix: int
    level: int
    validated_skills: list[str] = Field(
        description="Noms internes des acquis validés (par exemple "
        "« @rechercheMoteur1 »), pour les outils : ne pas les montrer aux "
        "apprenants, montrer validated_skill_labels. Gardé pour compatibilité."
    )
    validated_skill_labels: list[ValidatedSkillOut] = Field(
        description="Les acquis validés tels que l'apprenant les lit (sujet "
        "et niveau), triés par sujet puis niveau."
    )
    tutorials: list[TutorialOut]
    answers_count: int
