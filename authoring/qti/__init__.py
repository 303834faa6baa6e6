"""QTI 3.0 export and import of challenges, with a fidelity report."""

from .exporting import export_qti_package
from .fidelity import FidelityReport, ItemReport
from .importing import ImportResult, QtiPackageError, import_qti_package

__all__ = [
    "FidelityReport",
    "ImportResult",
    "ItemReport",
    "QtiPackageError",
    "export_qti_package",
    "import_qti_package",
]
