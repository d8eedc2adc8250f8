"""tailor: tailor a master CV to one job posting, truthfully, explainably and offline.

The public API is imported lazily so that ``tailor --help`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "TailorError",
    "__version__",
    "analyze_posting",
    "load_posting",
    "load_profile",
    "tailor",
]

if TYPE_CHECKING:
    from tailor.analyze import analyze_posting
    from tailor.errors import TailorError
    from tailor.parse import load_profile
    from tailor.pipeline import tailor
    from tailor.workflow import load_posting

_LAZY = {
    "TailorError": "tailor.errors",
    "analyze_posting": "tailor.analyze",
    "load_posting": "tailor.workflow",
    "load_profile": "tailor.parse",
    "tailor": "tailor.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tailor' has no attribute {name!r}")
