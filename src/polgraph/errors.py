"""Errors raised by polgraph.

    PolgraphError
    ├── InputError          a document cannot be read (names the file and the reason)
    ├── ExtractionError     the NLP pipeline cannot be loaded or run
    ├── GraphBuildError     extracted data cannot be turned into RDF
    ├── ShapesError         the SHACL shapes cannot be loaded
    ├── ValidationFailed    the graph does not conform (carries the report)
    └── QueryError          a SPARQL query cannot be read or run
"""
from __future__ import annotations

from typing import Any


class PolgraphError(Exception):
    """Base class: ``code`` identifies the error, the message says what to do."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(PolgraphError):
    code = "E001"

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ExtractionError(PolgraphError):
    code = "E002"


class GraphBuildError(PolgraphError):
    code = "E003"


class ShapesError(PolgraphError):
    code = "E004"


class ValidationFailed(PolgraphError):
    code = "E005"

    def __init__(self, message: str, report: Any = None) -> None:
        self.report = report
        super().__init__(message)


class QueryError(PolgraphError):
    code = "E006"
