"""Pix values and levels (DOMAIN.md §5). Pure functions, no Django."""

PIX_PER_LEVEL = 8
MAX_PIX_PER_SKILL = 4.0


def skill_pix_value(active_skills_at_level: int) -> float:
    """Return a skill's pix value: min(4, 8 / N).

    N is the number of active skills of the same level in the same competence
    (N >= 1); a competence level is therefore worth 8 pix at most.
    """
    if active_skills_at_level < 1:
        raise ValueError("a skill's level counts at least the skill itself")
    return min(MAX_PIX_PER_SKILL, PIX_PER_LEVEL / active_skills_at_level)
