"""Test data: make_x(**overrides) saves, build_x(**overrides) does not."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from authoring.models import Challenge, Hint, Tutorial, TutorialSkill
from referential.enums import SkillStatus
from referential.models import Competence, Skill, Thematic, Tube
from runtime.domain import release_contract as contract

_sequence = itertools.count(1)


# The groups' names (French since authoring 0010), by the English names tests use.
GROUP_NAMES = {
    "Administrators": "Administrateurs",
    "Authors": "Auteurs",
    "Reviewers": "Relecteurs",
    "Validators": "Validateurs",
    "Referential editors": "Éditeurs du référentiel",
}


def make_user(*, group: str | None = None, **overrides):
    number = next(_sequence)
    fields = {"username": f"user{number}", "email": f"user{number}@example.org"}
    fields.update(overrides)
    password = fields.pop("password", "motdepasse-solide-42")
    user = get_user_model().objects.create_user(password=password, **fields)
    if group:
        user.groups.add(Group.objects.get(name=GROUP_NAMES.get(group, group)))
    return user


def make_thematic(*, competence_code: str = "1.1", **overrides) -> Thematic:
    fields = {
        "competence": Competence.objects.get(code=competence_code),
        "name": f"Thématique {next(_sequence)}",
    }
    fields.update(overrides)
    return Thematic.objects.create(**fields)


def make_tube(*, competence_code: str = "1.1", **overrides) -> Tube:
    thematic = overrides.pop("thematic", None) or make_thematic(
        competence_code=competence_code
    )
    fields = {
        "competence": thematic.competence,
        "thematic": thematic,
        "name": f"@sujet{next(_sequence)}",
        "title": "Un sujet",
    }
    fields.update(overrides)
    return Tube.objects.create(**fields)


def make_skill(*, level: int = 2, **overrides) -> Skill:
    tube = overrides.pop("tube", None) or make_tube(
        competence_code=overrides.pop("competence_code", "1.1")
    )
    fields = {"tube": tube, "level": level, "status": SkillStatus.ACTIVE}
    fields.update(overrides)
    return Skill.objects.create(**fields)


CHALLENGE_DEFAULTS = {
    "QCU": {"proposals": "- Paris\n- Lyon\n- Marseille", "solution": "1"},
    "QCM": {"proposals": "- rouge\n- vert\n- bleu\n- chaise", "solution": "1,2,3"},
    "QROC": {"proposals": "${reponse}", "solution": "Paris\nparis intra-muros"},
    "QROCM-ind": {
        "proposals": "Ville : ${ville}\nCode postal : ${cp#75000}",
        "solution": "ville:\n- Paris\ncp:\n- 75001",
    },
    "QROCM-dep": {
        "proposals": "${a} et ${b}",
        "solution": "a:\n- rouge\n- vert\nb:\n- rouge\n- vert",
    },
}


def build_challenge(*, type: str = "QCU", **overrides) -> Challenge:
    fields = {
        "type": type,
        "instruction": "Quelle est la capitale de la France ?",
        **CHALLENGE_DEFAULTS[type],
    }
    fields.update(overrides)
    if "skill" not in fields:
        fields["skill"] = make_skill()
    return Challenge(**fields)


def make_challenge(*, publish: bool = False, user=None, **overrides) -> Challenge:
    """Save a valid challenge with a first revision, published when asked."""
    challenge = build_challenge(**overrides)
    challenge.full_clean()
    challenge.save()
    revision = challenge.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        challenge.refresh_from_db()
    return challenge


def make_hint(*, skill=None, publish: bool = False, **overrides) -> Hint:
    overrides.setdefault("text", "Pensez aux guillemets.")
    hint = Hint(skill=skill or make_skill(), **overrides)
    hint.save()
    revision = hint.save_revision()
    if publish:
        revision.publish()
        hint.refresh_from_db()
    return hint


def make_tutorial(*, link="https://example.org/tutoriel", user=None, **overrides):
    """Save a tutorial for a new skill, with a first revision by user."""
    tutorial = Tutorial(
        title=overrides.pop("title", f"Tutoriel {next(_sequence)}"),
        link=link,
        source="Exemple",
        duration=datetime.timedelta(minutes=4),
        **overrides,
    )
    tutorial.save()
    TutorialSkill.objects.create(tutorial=tutorial, skill=make_skill())
    tutorial.save_revision(user=user)
    return tutorial


SCORES = {"accuracy": 5, "clarity": 4, "level_fit": 4, "accessibility": 5}


def pass_community_review(obj, *, votes: int = 3) -> str:
    """Have fresh reviewers approve an item on the community task; return outcome."""
    from review.services import vote_cast

    outcome = "pending"
    for _ in range(votes):
        outcome = vote_cast(
            obj=type(obj).objects.get(pk=obj.pk),
            user=make_user(group="Reviewers"),
            decision="approve",
            scores=SCORES,
        )
    return outcome


def release_challenge(**overrides) -> contract.Challenge:
    """Return a challenge as a release snapshot holds it (a shuffled QCU)."""
    values = {
        "id": "ch-1",
        "skill": "sk-1",
        "type": "QCU",
        "instruction": "Choisir",
        "alternative_instruction": "",
        "proposals": "- a\n- b\n- c\n- d\n- e",
        "spec": {"type": "QCU", "solution": "1"},
        "timer": None,
        "focused": False,
        "shuffled": True,
        "locales": ("fr-fr",),
        "pedagogy": "q-savoir",
        "accessibility": contract.Accessibility(blind="RAS", colour_blind="RAS"),
        "prototype": None,
        "declinaison_number": None,
        "calibration": contract.Calibration(),
    }
    return contract.Challenge(**{**values, **overrides})


SIGN_UP_FORM = {
    "first_name": "Lou",
    "last_name": "Martin",
    "email": "lou@example.org",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def confirmation_path(email: str) -> str:
    """Return the path of the activation link last e-mailed to an address."""
    import re

    from django.core import mail

    body = [m for m in mail.outbox if m.to == [email]][-1].body
    return re.search(r"https?://[^/\s]+(/inscription/activer/\S+/)", body)[1]


def sign_up(client, **fields):
    """Sign up through the form, follow the e-mailed link, activate: signed in."""
    from django.urls import reverse

    data = {**SIGN_UP_FORM, **fields}
    # Sign-ups are counted per address and device in the cache, which the
    # tests share: each comes from its own address.
    address = f"198.51.100.{next(_sequence) % 250 + 1}"
    client.post(reverse("signup"), data, REMOTE_ADDR=address)
    return client.post(confirmation_path(data["email"].lower()), follow=True)
