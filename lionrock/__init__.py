"""Lion Rock: a cited, preserved and publishable record of Hong Kong's crackdown.

The public surface: open a `Store`, load files with `load_paths`, search and export.

Example:
    from lionrock import Store, load_paths
    store = Store("sqlite:///lionrock-data/lionrock.db")
    load_paths(store, ["data/cases/hk47.yaml"])
    store.search("家超")
"""

__version__ = "0.1.0"

from lionrock.errors import LionRockError, LoadError, Location, Problem
from lionrock.export import export_store
from lionrock.model import Fact, get_model
from lionrock.settings import Settings
from lionrock.sources import Defaults, load_paths
from lionrock.stats import compute_stats
from lionrock.store import Entity, SearchHit, Store

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
