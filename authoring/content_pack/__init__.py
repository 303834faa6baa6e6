"""Content packs: a documented folder format to move content between workbenches.

See docs/content-pack.md. ``read_pack`` validates a pack without writing;
``import_pack`` writes it in one transaction; ``export_pack`` writes one.
"""

from .exporting import export_pack
from .importing import ImportReport, import_pack
from .reading import Pack, Problem, read_pack

__all__ = ["ImportReport", "Pack", "Problem", "export_pack", "import_pack", "read_pack"]
