"""Time the import of the demo pack into an empty SQLite database.

Goal (issue: content pack): at most 30 s on the development machine.
Run: .venv/bin/python bench/bench_load_content.py
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["WORKBENCH_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from authoring.models import Challenge

        started = time.perf_counter()
        call_command("load_content", str(ROOT / "content" / "demo"), no_progress=True)
        seconds = time.perf_counter() - started
        result = {
            "load_content_seconds": round(seconds, 2),
            "challenges": Challenge.objects.count(),
            "goal_seconds": 30,
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
