"""Tell an answer with nothing in it from an answer. Pure Python, no Django."""


def is_blank_answer(value: object) -> bool:
    """Return True when the learner chose or typed nothing.

    None, an empty or space-only text, no chosen option, or fields that are
    all empty. One filled field of several is an answer (partly right or not).
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    if isinstance(value, dict):
        return all(is_blank_answer(field) for field in value.values())
    return False
