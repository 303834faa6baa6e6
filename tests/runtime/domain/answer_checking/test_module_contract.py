"""Answer checking (DOMAIN.md §3): wire values of statuses and steps, and a
checker free of Django."""

import subprocess
import sys
from pathlib import Path

from runtime.domain.answer_checking import AcceptedBy

from .helpers import STATUSES

PROJECT_ROOT = Path(__file__).resolve().parents[4]


def test_statuses_and_steps_have_their_wire_values():
    """The status and step values are the strings stored and shown."""
    assert sorted(STATUSES) == sorted(
        ["ok", "ko", "skipped", "timedout", "focusedOut", "partially"]
    )
    assert sorted(step.value for step in AcceptedBy) == sorted(
        ["exact", "t1", "t2", "t3", "number", "select"]
    )


def test_module_imports_no_django():
    """The checker is pure Python: importing it loads no django module."""
    code = (
        "import sys, runtime.domain.answer_checking; "
        "print([name for name in sys.modules if name.split('.')[0] == 'django'])"
    )

    completed = subprocess.run(  # noqa: S603 (fixed command, no user input)
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert completed.stdout.strip() == "[]"
