"""The pure domain packages never import Django."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def domain_modules() -> list[str]:
    names = []
    for package in ("runtime.domain", "review.domain"):
        folder = ROOT / package.replace(".", "/")
        if folder.is_dir():
            names += [
                f"{package}.{info.name}" for info in pkgutil.iter_modules([str(folder)])
            ]
    return names


@pytest.mark.parametrize("module", domain_modules())
def test_domain_module_loads_without_django(module):
    """Importing a domain module in a fresh interpreter loads no django module."""
    code = (
        f"import sys, {module}; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')]; "
        "print(','.join(bad))"
    )

    result = subprocess.run(  # noqa: S603 - fixed interpreter and module name
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == ""
