"""Read a learner's answer from a submitted form, for any challenge type."""

from runtime.domain import challenge_format


def answer_from_form(challenge_type: str, proposals: str, data) -> object:
    """Return the answer check() takes: index, indexes, text or {key: text}.

    ``data`` is a QueryDict: choices come as ``answer``, fields as
    ``answer-<key>``; a QROC without declared field uses ``answer-answer``.
    """
    if challenge_type == "QCU":
        return data.get("answer", "")
    if challenge_type == "QCM":
        return [int(value) for value in data.getlist("answer") if value.isdigit()]
    keys = [field.key for field in challenge_format.parse_fields(proposals) if field]
    if challenge_type == "QROC":
        key = keys[0] if keys else "answer"
        return {key: data.get(f"answer-{key}", "")}
    return {key: data.get(f"answer-{key}", "") for key in keys}
