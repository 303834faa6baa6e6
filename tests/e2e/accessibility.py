"""Accessibility of the pages a browser journey walks through, checked by axe-core.

RGAA 4, which French public services must follow, is built on WCAG 2.1 AA:
a page passes when axe finds no violation of a WCAG 2.0 or 2.1 A or AA rule.
axe cannot judge everything (a meaningful alternative text, a logical
reading order): it catches what a machine can, on every run.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def assert_accessible(page, where: str) -> None:
    """Fail with each violation (rule, impact, elements) when axe finds any."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = results.response["violations"]
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
    ]
    assert not found, f"{where} ({page.url}):\n" + "\n".join(found)
