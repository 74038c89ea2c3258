"""Errors raised by polgraph.

    PolgraphError
    ├── InputError          a document cannot be read (names the file and the reason)
    ├── ExtractionError     the NLP pipeline cannot be loaded or run
    ├── GraphBuildError     extracted data cannot be turned into RDF
    ├── ShapesError         the SHACL shapes cannot be loaded
    ├── ValidationFailed    the graph does not conform (carries the report)
    ├── QueryError          a SPARQL query cannot be read or run (E006), or would use the network
    └── OutputError         an output file cannot be written (E009: full disk, read-only folder, ...)

(E007 and E008 are the store's errors, in :mod:`polgraph.store`.)
"""
from __future__ import annotations

import re
from typing import Any

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: in a file
# name they could end a line of polgraph's report and forge the next one.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``), so it stays on one line.

    File names and reasons are shown through this function, so that a name holding a
    newline cannot add a line of its own to polgraph's report.
    """
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


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
        super().__init__(f"{printable(path)}: {printable(reason)}")


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


class OutputError(PolgraphError):
    """An output file cannot be written; the message names it and says why."""

    code = "E009"

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {printable(path)}: {reason}")
