"""First challenge of the positioning test and challenge choice (DOMAIN.md §4)."""

import random

from runtime.domain.inference import (
    Challenge,
    Skill,
    first_challenge,
    next_challenge,
    opening_options,
    preferred_challenges,
)


def tube(name: str, levels: range | tuple[int, ...]) -> list[Skill]:
    """Build the skills "@<name><level>" of one tube."""
    return [Skill(f"@{name}{level}", f"@{name}", level) for level in levels]


def challenges_for(skills: list[Skill], *, timed: bool = False) -> list[Challenge]:
    """Build one French challenge "c-<skill>" per skill."""
    return [Challenge(f"c-{skill.id}", skill.id, timed, ("fr",)) for skill in skills]


def opening(skills, challenges, *, locale="fr", seen=(), seed="assessment-1"):
    """Return the first challenge served for the scope."""
    return next_challenge(
        skills=skills,
        challenges=challenges,
        answers=[],
        locale=locale,
        seen_challenge_ids=seen,
        rng=random.Random(seed),
    )


def test_first_challenge_is_level_two_of_an_easy_tube():
    """The password tube tops at level 3: it is easy, its level 2 opens."""
    skills = tube("rechercheWeb", range(1, 7)) + tube("motDePasse", (1, 2, 3))

    chosen = opening(skills, challenges_for(skills))

    assert chosen == "c-@motDePasse2"


def test_every_easy_tube_offers_its_level_two():
    """Tubes topping at 2 and 3 are both easy; the one topping at 6 is not."""
    skills = (
        tube("rechercheWeb", range(1, 7))
        + tube("motDePasse", (1, 2, 3))
        + tube("partage", (1, 2))
    )
    challenges = challenges_for(skills)
    by_skill = {challenge.skill_id: [challenge] for challenge in challenges}

    options = opening_options(skills, by_skill)

    assert options == {
        "@motDePasse2": [challenges[7]],
        "@partage2": [challenges[10]],
    }


def test_first_challenge_prefers_the_untimed_challenge():
    """Level 2 of the easy tube has a timed and an untimed challenge."""
    skills = tube("rechercheWeb", range(1, 7)) + tube("motDePasse", (1, 2, 3))
    timed = Challenge("c-timed", "@motDePasse2", True, ("fr",))

    chosen = opening(skills, [*challenges_for(skills), timed])

    assert chosen == "c-@motDePasse2"


def test_without_easy_tube_level_two_of_the_least_hard_tube_opens():
    """Demo content: no tube tops at 3 or less; the one topping at 4 wins."""
    skills = (
        tube("rechercheWeb", range(1, 7))
        + tube("partage", range(1, 5))
        + tube("tableur", range(1, 6))
    )

    chosen = opening(skills, challenges_for(skills))

    assert chosen == "c-@partage2"


def test_without_level_two_the_lowest_level_skill_opens():
    """A campaign targeting levels 3-5 only: level 3 opens."""
    skills = tube("rechercheWeb", (4, 5)) + tube("tableur", (3, 4, 5))

    chosen = opening(skills, challenges_for(skills))

    assert chosen == "c-@tableur3"


def test_untimed_challenge_beats_an_easy_tube_with_timed_ones_only():
    """The easy tube's level 2 is timed only, so an untimed level 2 opens."""
    skills = tube("rechercheWeb", range(1, 7)) + tube("motDePasse", (1, 2, 3))
    challenges = challenges_for(skills[:6]) + challenges_for(skills[6:], timed=True)

    chosen = opening(skills, challenges)

    assert chosen == "c-@rechercheWeb2"


def test_only_timed_challenges_still_open_the_test():
    """Untimed is a preference: with timed challenges only, the rule still holds."""
    skills = tube("motDePasse", (1, 2, 3))

    chosen = opening(skills, challenges_for(skills, timed=True))

    assert chosen == "c-@motDePasse2"


def test_skill_without_challenge_cannot_open():
    """Level 2 has no servable challenge: the lowest level with one opens."""
    skills = tube("motDePasse", (1, 2, 3))
    challenges = challenges_for([skills[0], skills[2]])

    chosen = opening(skills, challenges)

    assert chosen == "c-@motDePasse1"


def test_empty_scope_has_no_first_challenge():
    """No skill or no challenge: nothing to ask."""
    skills = tube("motDePasse", (1, 2, 3))

    assert opening([], []) is None
    assert opening(skills, []) is None


def test_first_challenge_equals_next_challenge_without_answers():
    """first_challenge is the rule next_challenge applies to an empty test."""
    skills = tube("rechercheWeb", range(1, 7)) + tube("tableur", range(1, 7))
    challenges = challenges_for(skills)

    chosen = first_challenge(
        skills=skills,
        challenges=challenges,
        locale="fr",
        seen_challenge_ids=(),
        rng=random.Random("assessment-1"),
    )

    assert chosen == opening(skills, challenges)


def test_locale_of_the_learner_is_preferred():
    """English, French and fr-fr versions: each learner gets their own locale."""
    skills = tube("motDePasse", (1, 2, 3))
    challenges = [
        Challenge("c-en", "@motDePasse2", False, ("en",)),
        Challenge("c-fr", "@motDePasse2", False, ("fr",)),
        Challenge("c-fr-fr", "@motDePasse2", False, ("fr-fr", "fr-be")),
    ]

    assert opening(skills, challenges, locale="fr-fr") == "c-fr-fr"
    assert opening(skills, challenges, locale="fr") == "c-fr"
    assert opening(skills, challenges, locale="en") == "c-en"


def test_same_language_beats_another_language():
    """A fr-fr learner prefers a "fr" challenge to an English one."""
    skills = tube("motDePasse", (1, 2, 3))
    english = Challenge("c-en", "@motDePasse2", False, ("en",))
    french = Challenge("c-fr", "@motDePasse2", False, ("fr",))

    chosen = opening(skills, [english, french], locale="FR-fr")

    assert chosen == "c-fr"


def test_unseen_prototype_then_unseen_declinaison_is_preferred():
    """Seen p1-a: a fresh prototype first; then p1's unseen déclinaisons."""
    challenges = [
        Challenge("p1-a", "@motDePasse2", False, ("fr",), prototype_id="p1"),
        Challenge("p1-b", "@motDePasse2", False, ("fr",), prototype_id="p1"),
        Challenge("p1-c", "@motDePasse2", False, ("fr",), prototype_id="p1"),
        Challenge("p2-a", "@motDePasse2", False, ("fr",), prototype_id="p2"),
    ]

    after_p1 = preferred_challenges(
        challenges, locale="fr", seen_challenge_ids={"p1-a"}, seen_prototypes={"p1"}
    )
    after_both = preferred_challenges(
        challenges,
        locale="fr",
        seen_challenge_ids={"p1-a", "p2-a"},
        seen_prototypes={"p1", "p2"},
    )

    assert after_p1 == [challenges[3]]
    assert after_both == [challenges[1], challenges[2]]


def test_seen_challenges_come_from_earlier_assessments():
    """next_challenge derives seen prototypes from seen_challenge_ids."""
    skills = tube("motDePasse", (1, 2, 3))
    challenges = [
        Challenge("p1-a", "@motDePasse2", False, ("fr",), prototype_id="p1"),
        Challenge("p1-b", "@motDePasse2", False, ("fr",), prototype_id="p1"),
        Challenge("p2-a", "@motDePasse2", False, ("fr",), prototype_id="p2"),
    ]

    assert opening(skills, challenges, seen={"p1-a"}) == "p2-a"
    assert opening(skills, challenges, seen={"p1-a", "p2-a"}) == "p1-b"


def test_all_seen_challenges_are_served_again():
    """Every challenge of the skill was seen: one of them is asked anyway."""
    skills = tube("motDePasse", (1, 2, 3))
    challenges = [Challenge("p1-a", "@motDePasse2", False, ("fr",), "p1")]

    chosen = opening(skills, challenges, seen={"p1-a"})

    assert chosen == "p1-a"


def test_locale_comes_before_novelty():
    """The only French challenge was seen; it still beats an unseen English one."""
    skills = tube("motDePasse", (1, 2, 3))
    challenges = [
        Challenge("p1-fr", "@motDePasse2", False, ("fr",), "p1"),
        Challenge("p1-en", "@motDePasse2", False, ("en",), "p1"),
    ]

    chosen = opening(skills, challenges, seen={"p1-fr"})

    assert chosen == "p1-fr"
