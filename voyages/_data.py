"""Locate the project's bundled data (``ports/``, ``sanctions/``, ``reports/``).

In a wheel the folders are installed as ``voyages/_bundled/<name>``; in a
checkout (editable install, or tests run from the tree) they sit at the
repository's top level beside the package. One function hides the
difference.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled data folder ``name`` (``"ports"``, ``"sanctions"``, ``"reports"``).

    Raises
    ------
    FileNotFoundError
        When neither the installed nor the checkout location exists.
    """
    for candidate in (_PACKAGE_DIR / "_bundled" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled data folder {name!r} is missing from this installation")
