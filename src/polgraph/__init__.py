"""polgraph: political press releases in, a validated knowledge graph out."""
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
]
__version__ = "0.1.0"
