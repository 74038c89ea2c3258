"""polgraph: political press releases in, a validated knowledge graph out.

The notebook API (``polgraph.api``; ``docs/notebook.md`` walks through it)::

    import polgraph
    result = polgraph.build(["data/"])
    polgraph.query(result.graph, "SELECT ...")    # a DataFrame with pandas, else a list of dicts
    polgraph.view(result.graph, "graph.html")
    with polgraph.open_store("store/") as store: ...

``build``, ``query`` and ``view`` are also the names of submodules (``polgraph.build`` the
graph builder, ...). Importing such a submodule would normally rebind the package attribute
to the module; the package keeps the functions instead, and the modules stay importable as
always (``from polgraph.query import run_query``).
"""
import sys
import types
from typing import Any

from polgraph.api import build, open_store, query, view
from polgraph.errors import (
    ExtractionError,
    GraphBuildError,
    InputError,
    OutputError,
    PolgraphError,
    QueryError,
    ShapesError,
    ValidationFailed,
)

__all__ = [
    "ExtractionError",
    "GraphBuildError",
    "InputError",
    "OutputError",
    "PolgraphError",
    "QueryError",
    "ShapesError",
    "ValidationFailed",
    "build",
    "open_store",
    "query",
    "view",
]
__version__ = "0.1.0"

_API_NAMES = frozenset({"build", "query", "view"})


class _Package(types.ModuleType):
    """Keeps ``polgraph.build``/``query``/``view`` the API functions when their submodules load."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API_NAMES and isinstance(value, types.ModuleType):
            return  # the submodule stays in sys.modules["polgraph." + name]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
