"""A small interpreter of the response processing the QTI export writes."""

from .helpers import local, q


def score(item, answers: dict[str, str]) -> float:
    """Return SCORE after the item's response processing on answers."""
    condition = item.find(
        f"{q('qti-response-processing')}/{q('qti-response-condition')}"
    )
    branch, otherwise = condition
    taken = branch if evaluate(branch[0], item, answers) else otherwise
    return float(taken.find(q("qti-set-outcome-value"))[0].text)


def evaluate(expression, item, answers):
    name, operands = local(expression), list(expression)
    if name in ("qti-and", "qti-or"):
        results = [evaluate(operand, item, answers) for operand in operands]
        return all(results) if name == "qti-and" else any(results)
    if name == "qti-not":
        return not evaluate(operands[0], item, answers)
    if name == "qti-base-value":
        if expression.get("base-type") == "boolean":
            return expression.text == "true"
        return expression.text
    if name == "qti-variable":
        return answers.get(expression.get("identifier"))
    if name == "qti-map-response":
        return map_response(item, expression.get("identifier"), answers)
    first, second = (evaluate(operand, item, answers) for operand in operands)
    if first is None or second is None:
        return False
    if name == "qti-string-match" and expression.get("case-sensitive") == "false":
        return first.lower() == second.lower()
    if name in ("qti-string-match", "qti-match"):
        return first == second
    if name == "qti-equal":
        return float(first) == float(second)
    assert name == "qti-gte", name
    return float(first) >= float(second)


def map_response(item, identifier: str, answers: dict[str, str]) -> float:
    declaration = next(
        el
        for el in item.iter(q("qti-response-declaration"))
        if el.get("identifier") == identifier
    )
    answer = answers.get(identifier)
    for entry in declaration.iter(q("qti-map-entry")):
        key = entry.get("map-key")
        sensitive = entry.get("case-sensitive") == "true"
        if answer is not None and (
            key == answer if sensitive else key.lower() == answer.lower()
        ):
            return float(entry.get("mapped-value"))
    return float(declaration.find(q("qti-mapping")).get("default-value"))
