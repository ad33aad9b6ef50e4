"""Lion Rock: a cited, preserved and publishable record of Hong Kong's crackdown.

The public surface: open a `Store`, load files with `load_paths`, search and export.

Example:
    from lionrock import Store, load_paths
    store = Store("sqlite:///lionrock-data/lionrock.db")
    load_paths(store, ["data/cases/hk47.yaml"])
    store.search("家超")
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lionrock.errors import LionRockError, LoadError, Location, Problem
    from lionrock.export import export_store
    from lionrock.model import Fact, get_model
    from lionrock.settings import Settings
    from lionrock.sources import Defaults, load_paths
    from lionrock.stats import compute_stats
    from lionrock.store import Entity, SearchHit, Store

#: Where each public name lives. They are imported on first use (PEP 562), so that a
#: command that needs only the store does not pay for FollowTheMoney's start-up
#: (`lionrock --help` in under 0.5 s, issue #13 item 5).
_PUBLIC = {
    "LionRockError": "lionrock.errors",
    "LoadError": "lionrock.errors",
    "Location": "lionrock.errors",
    "Problem": "lionrock.errors",
    "export_store": "lionrock.export",
    "Fact": "lionrock.model",
    "get_model": "lionrock.model",
    "Settings": "lionrock.settings",
    "Defaults": "lionrock.sources",
    "load_paths": "lionrock.sources",
    "compute_stats": "lionrock.stats",
    "Entity": "lionrock.store",
    "SearchHit": "lionrock.store",
    "Store": "lionrock.store",
}


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'lionrock' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Defaults",
    "Entity",
    "Fact",
    "LionRockError",
    "LoadError",
    "Location",
    "Problem",
    "SearchHit",
    "Settings",
    "Store",
    "__version__",
    "compute_stats",
    "export_store",
    "get_model",
    "load_paths",
]
