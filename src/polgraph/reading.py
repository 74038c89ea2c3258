"""Read input files into :class:`~polgraph.models.SourceDocument` objects (no NLP).

The reader turns bytes into text with the right encoding, reduces HTML to its main text
(trafilatura), drops leading website chrome ("Skip to main content"), and finds a title
and a publication date when the document states them plainly. All later offsets refer to
``SourceDocument.text``, so the same file always gives the same text.

Typical use::

    result = read_documents([Path("corpus/")])
    for failure in result.failures:
        logger.warning("%s", failure)
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import charset_normalizer
import trafilatura
from polgraph.errors import InputError, printable
from polgraph.models import SourceDocument

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML_SUFFIXES",
    "INPUT_SUFFIXES",
    "TEXT_SUFFIXES",
    "ReadResult",
    "collect_inputs",
    "list_inputs",
    "parse_dateline",
    "read_document",
    "read_documents",
    "read_html_document",
    "read_text_document",
]

TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text"})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
INPUT_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | HTML_SUFFIXES

BINARY_REASON = "binary file, not text"
EMPTY_REASON = "empty document"
#: The default per-document size limit (bytes of the file); larger files are refused unread.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# --------------------------------------------------------------------------- collecting


@dataclass
class ReadResult:
    """The outcome of reading many inputs: what could be read and what could not."""

    documents: list[SourceDocument] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the file each document was read from


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _os_reason(error: OSError) -> str:
    """An operating-system error in words, with what to do for the common ones."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENAMETOOLONG:
        return f"{reason}: the path is longer than the system allows; move or rename the file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{reason}: check the permissions"
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links; fix or remove the link"
    return reason


def _walk_folder(folder: Path) -> tuple[list[Path], list[InputError]]:
    """The supported, non-hidden files below ``folder`` (sorted by relative path), and what could not be searched.

    Sub-folders that cannot be listed (permissions, paths too long) are reported, not skipped
    in silence. Symbolic links to folders are not followed (no loops); links to files are.
    Files with other suffixes are counted in one log line.
    """
    found: list[Path] = []
    errors: list[InputError] = []
    others: list[str] = []

    def unreadable(error: OSError) -> None:
        where = error.filename if error.filename is not None else folder
        errors.append(InputError(str(where), f"cannot read folder ({_os_reason(error)}); its files are left out"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        for name in files:
            if _is_hidden(name):
                continue
            if Path(name).suffix.lower() in INPUT_SUFFIXES:
                found.append(Path(root) / name)
            else:
                others.append(name)
    if others:
        logger.warning("%s: left out %d file(s) that are not %s (e.g. %s); name a file directly to read it as text",
                       printable(str(folder)), len(others), "/".join(sorted(INPUT_SUFFIXES)),
                       printable(sorted(others)[0]))
    return sorted(found, key=lambda p: p.relative_to(folder).parts), errors


def _kind(path: Path) -> tuple[str, OSError | None]:
    """``dir``, ``file``, ``other``, ``missing``, ``broken-link`` or ``error`` (with the error)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return ("broken-link" if os.path.islink(path) else "missing"), None
    except OSError as error:
        return "error", error
    if stat.S_ISDIR(status.st_mode):
        return "dir", None
    return ("file" if stat.S_ISREG(status.st_mode) else "other"), None


def _expand(paths: Sequence[Path]) -> Iterator[Path | InputError]:
    """Yield input files in order, or an error for each path given or found that cannot be used."""
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        kind, error = _kind(path)
        if kind == "dir":
            candidates, errors = _walk_folder(path)
            yield from errors
            if not candidates and not errors:
                logger.warning("no %s files in folder %s", "/".join(sorted(INPUT_SUFFIXES)), printable(str(path)))
        elif kind == "file":
            if path.suffix.lower() not in INPUT_SUFFIXES:
                logger.warning("%s: suffix %r is not %s; reading it as plain text", printable(str(path)),
                               printable(path.suffix), "/".join(sorted(INPUT_SUFFIXES)))
            candidates = [path]
        elif kind == "other":
            yield InputError(str(path), "not a regular file or folder (a device, FIFO or socket); give a file")
            continue
        elif kind == "broken-link":
            yield InputError(str(path), "a symbolic link to nothing; fix or remove the link")
            continue
        elif kind == "error":
            assert error is not None
            yield InputError(str(path), f"cannot use this path ({_os_reason(error)})")
            continue
        else:
            yield InputError(str(path), "no such file or folder; check the path")
            continue
        for candidate in candidates:
            try:
                key = os.path.realpath(candidate, strict=True)
                regular = stat.S_ISREG(os.stat(key).st_mode)
            except (OSError, RuntimeError) as problem:  # a link loop found in a folder, a path too long
                reason = (_os_reason(problem) if isinstance(problem, OSError)
                          else "a loop of symbolic links; fix or remove the link")
                if isinstance(problem, FileNotFoundError) and os.path.islink(candidate):
                    reason = "a symbolic link to nothing; fix or remove the link"
                yield InputError(str(candidate), reason)
                continue
            if not regular:  # a FIFO named like a text file would block the reader forever
                yield InputError(str(candidate), "not a regular file (a device, FIFO or socket); left out")
                continue
            if key not in seen:
                seen.add(key)
                yield candidate


def list_inputs(paths: Sequence[Path]) -> tuple[list[Path], list[InputError]]:
    """The input files named by ``paths`` (as for :func:`collect_inputs`) and every path left out, with why.

    Nothing vanishes: a missing path, an unreadable sub-folder, a link loop, a path longer
    than the system allows each give an :class:`InputError`; the other files are kept.
    """
    files: list[Path] = []
    failures: list[InputError] = []
    for item in _expand(paths):
        if isinstance(item, InputError):
            failures.append(item)
        else:
            files.append(item)
    return files, failures


def collect_inputs(paths: Sequence[Path]) -> list[Path]:
    """List the input files named by ``paths``.

    Folders are searched recursively for ``.txt``, ``.text``, ``.html`` and ``.htm`` files
    (sorted by relative path; hidden files and folders skipped). Files named explicitly are
    kept whatever their suffix; each file appears once.

    Args:
        paths: Files and folders, as the user gave them.

    Returns:
        The files to read, in a stable order.

    Raises:
        InputError: A named path does not exist (or is neither file nor folder).
    """
    files: list[Path] = []
    for item in _expand(paths):
        if isinstance(item, InputError):
            raise item
        files.append(item)
    return files


def read_documents(paths: Sequence[Path], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every file named by ``paths`` (files or folders), never stopping at a bad one.

    Args:
        paths: Files and folders, as for :func:`collect_inputs`.
        max_bytes: Files larger than this are refused unread (None: no limit).

    Returns:
        The documents read, in input order, and one :class:`InputError` per path or file
        that could not be used.
    """
    result = ReadResult()
    for item in _expand(paths):
        if isinstance(item, InputError):
            logger.info("%s", item)  # the caller reports failures; the log need not say it twice
            result.failures.append(item)
            continue
        try:
            result.documents.append(read_document(item, max_bytes=max_bytes))
            result.paths.append(item)
        except InputError as error:
            logger.info("%s", error)
            result.failures.append(error)
    logger.info("read %d document(s), %d failure(s)", len(result.documents), len(result.failures))
    return result


# --------------------------------------------------------------------------- reading


def read_document(path: Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read one file into a :class:`SourceDocument`.

    ``.html``/``.htm`` files are reduced to their main text; anything else is read as
    plain text. ``source`` is the file name (``path.name``).

    Args:
        path: The file to read.
        max_bytes: A file larger than this is refused unread (None: no limit).

    Returns:
        The document, with title and publication date when the file states them.

    Raises:
        InputError: The file cannot be read, is binary, is not text in any plausible
            encoding, or holds no text.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(str(path), f"cannot read file ({_os_reason(error)})") from error
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(str(path), f"larger than the limit of {_megabytes(max_bytes)} per document; "
                                    "raise it with --max-mb if the file really is one document")
    is_html = path.suffix.lower() in HTML_SUFFIXES
    logger.debug("reading %s (%d bytes, %s)", printable(str(path)), len(data), "html" if is_html else "text")
    text = _decode(data, html=is_html, name=str(path))
    try:
        if is_html:
            return read_html_document(text, source=path.name)
        return read_text_document(text, source=path.name)
    except InputError as error:  # name the path as given, not only the file name
        raise InputError(str(path), error.reason) from None
    except RecursionError:  # markup nested tens of thousands deep
        raise InputError(str(path), "the markup is nested too deeply to be read; is it really a web page?") from None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def read_text_document(text: str, *, source: str) -> SourceDocument:
    """Turn plain text into a :class:`SourceDocument`.

    Newlines are normalised to LF, leading blank lines and leading website chrome lines
    ("Skip to main content") are dropped; everything else is kept verbatim.

    Args:
        text: The decoded text.
        source: The file name or URL the text came from.

    Returns:
        The document; ``title`` is the first line when it looks like a headline,
        ``published`` a dateline near the top when one parses unambiguously.

    Raises:
        InputError: The text is empty once chrome and whitespace are removed.
    """
    clean = _strip_leading_chrome(_normalise_newlines(text))
    if not clean.strip():
        raise InputError(source, EMPTY_REASON)
    lines = clean.split("\n")
    title = _headline(lines)
    published = _find_dateline(lines, skip_first=title is not None)
    return _make_document(source, clean, title, published)


def read_html_document(html: str, *, source: str) -> SourceDocument:
    """Turn an HTML page into a :class:`SourceDocument` holding its main text.

    Navigation, cookie banners, footers and "Skip to main content" links are left out
    (trafilatura). Paragraphs are separated by a blank line. The title comes from the
    page metadata, ``<title>`` or ``<h1>``, and is put first in the text if the main text
    does not start with it; the date from ``article:published_time``, JSON-LD
    ``datePublished`` or ``<time datetime>``, else from a dateline in the text.

    Args:
        html: The decoded HTML page.
        source: The file name or URL the page came from.

    Returns:
        The document.

    Raises:
        InputError: The page cannot be parsed or has no main text.
    """
    html = _normalise_newlines(html)
    if not html.strip():
        raise InputError(source, EMPTY_REASON)
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(source, "cannot parse HTML; check that the file is an HTML page")
    # Metadata first: extraction prunes the tree it is given, so give it the markup.
    title = _html_title(tree)
    published = _html_published(tree)

    main = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if not main:  # very small pages: fall back to the page's plain text
        main = trafilatura.baseline(html)[1]
    paragraphs = [line.strip() for line in _normalise_newlines(main or "").split("\n")]
    text = _strip_leading_chrome("\n\n".join(p for p in paragraphs if p))
    if not text.strip():
        raise InputError(source, f"{EMPTY_REASON} (no main text found in the HTML)")

    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    lines = text.split("\n")
    if title is None:
        title = _headline(lines)
    if published is None:
        published = _find_dateline(lines, skip_first=title is not None)
    return _make_document(source, text, title, published)


def _make_document(source: str, text: str, title: str | None, published: date | None) -> SourceDocument:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    logger.debug("%s: %d chars, title=%r, published=%s", source, len(text), title, published)
    return SourceDocument(source=source, text=text, content_hash=digest, title=title, published=published)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
    b"\x1f\x8b", b"\x7fELF", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"RIFF", b"OggS",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old MS Office
)

# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_SNIFF = 8192


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_MAGIC) or b"\x00" in data:
        return True
    head = data[:_SNIFF]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(1, len(head) // 100)


def _decode(data: bytes, *, html: bool, name: str) -> str:
    """Decode file bytes, or raise InputError saying why they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(name, f"invalid {encoding.upper().removesuffix('-SIG')} "
                                     f"despite its byte order mark ({error.reason} at byte {error.start})") from error
            if "\x00" in text:
                raise InputError(name, BINARY_REASON)
            return text
    if _looks_binary(data):
        raise InputError(name, BINARY_REASON)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        logger.warning("%s: %d invalid UTF-8 byte(s) (the first at offset %d) replaced by U+FFFD; "
                       "the rest of the file is UTF-8", printable(name), bad, utf8_error.start)
        return text
    if html:
        declared = _declared_html_charset(data)
        if declared:
            for candidate in _html_charset_candidates(declared):
                try:
                    return data.decode(candidate)
                except UnicodeDecodeError:
                    continue
    guess = _guess_legacy_encoding(data)
    if guess is None:
        bad = data[utf8_error.start]
        raise InputError(
            name,
            f"not valid UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) and not plausible "
            "text in any other encoding; re-save the file as UTF-8",
        )
    encoding, text = guess
    logger.info("not UTF-8; decoded as %s", encoding)
    return text


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text with invalid bytes replaced, when the file is UTF-8 apart from a few bad bytes.

    A file in a legacy encoding (cp1252, cp1250) has none of UTF-8's multi-byte sequences or
    almost only invalid ones; a UTF-8 file damaged in a few places has many valid ones. So:
    at least one valid multi-byte character, and more valid ones than invalid bytes.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")  # each invalid byte -> one lone surrogate
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    valid_multibyte = sum(1 for ch in escaped if ord(ch) > 0x7F) - invalid
    if valid_multibyte >= 1 and valid_multibyte > invalid:
        return _ESCAPED_BYTE.sub("\ufffd", escaped), invalid
    return None


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _html_charset_candidates(declared: str) -> list[str]:
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return []
    if name in {"latin-1", "iso8859-1", "ascii"}:  # browsers read these labels as windows-1252
        return ["cp1252", "latin-1"]
    return [name]


# Western and Central European code pages, preferred when they fit as well as the best guess.
_PREFERRED_LEGACY = ("cp1252", "cp1250")
# In a cp1252 reading, signs that the bytes are really cp1250 (South Slavic names):
# ć/đ read as æ/ð, and -ič/č next to š/ž read as -iè/è.
_CP1250_SIGNS = re.compile(r"[æðÆÐ]|iè\b|è\w*[šž]|[šž]\w*è")


def _guess_legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer, then accept its answer only when the text is plausible."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    chosen = best
    fits = {m.encoding: m for m in matches if m.encoding in _PREFERRED_LEGACY and m.chaos <= best.chaos + 0.01}
    if fits:  # cp1252 and cp1250 often tie: both hold š, ž and curly quotes
        chosen = fits.get("cp1252") or fits["cp1250"]
        if chosen.encoding == "cp1252" and "cp1250" in fits and _CP1250_SIGNS.search(str(chosen)):
            chosen = fits["cp1250"]
    text = str(chosen)
    if (chosen.coherence >= 0.3 and _mostly_ordinary(text)) or _plausible_latin(text):
        return chosen.encoding, text
    logger.debug("rejected charset-normalizer guess %s (coherence %.2f)", chosen.encoding, chosen.coherence)
    return None


def _mostly_ordinary(text: str) -> bool:
    """Tell whether nearly all characters are letters, digits, spaces or punctuation."""
    if not text.strip():
        return False
    ordinary = sum(1 for ch in text if ch.isalnum() or ch.isspace() or unicodedata.category(ch)[0] in "PS")
    return ordinary >= 0.95 * len(text)


def _plausible_latin(text: str) -> bool:
    """Tell whether text is mostly ASCII and its other letters Latin (cp1252/cp1250 releases)."""
    if not _mostly_ordinary(text) or not any(ch.isspace() for ch in text.strip()):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    non_ascii = [ch for ch in letters if not ch.isascii()]
    if len(non_ascii) > 0.3 * len(letters):
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN ") for ch in non_ascii)


# --------------------------------------------------------------------------- chrome

_TRAIL = r"[\s»›→>:.…|]*"
_CHROME_LINE = re.compile(
    r"^\s*(?:"
    r"skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu|search)"
    r"|skip\s+(?:navigation|to\s+main)"
    r"|jump\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation)"
    r"|toggle\s+navigation|(?:main\s+|open\s+|close\s+)?menu"
    r"|back\s+to\s+top|print(?:\s+this\s+page)?|share(?:\s+this(?:\s+page|\s+article)?)?"
    r"|home(?:\s*[»›>/|]\s*[^»›>/|\n]+)+"
    r"|(?:this\s+(?:web)?site|we)\s+uses?\s+cookies\b.*"
    r"|(?:accept|reject|decline)(?:\s+all)?(?:\s+cookies)?|cookie\s+(?:settings|preferences|policy)"
    r"|(?:the\s+content\s+of\s+)?this\s+(?:web)?site\s+(?:has\s+been|was|is\s+being)\s+moved\b.*"
    r"|this\s+(?:web)?(?:site|page)\s+is\s+(?:no\s+longer\s+(?:updated|maintained)|archived)\b.*"
    r"|for\s+(?:more\s+)?(?:recent|current|up[- ]to[- ]date)\s+information,?\s+(?:please\s+)?visit\b.*"
    r")" + _TRAIL + r"$",
    re.IGNORECASE,
)


def _strip_leading_chrome(text: str) -> str:
    """Drop whole blank or chrome lines at the start; keep the rest verbatim."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and (not lines[start].strip() or _CHROME_LINE.match(lines[start])):
        if lines[start].strip():
            logger.debug("dropped chrome line %r", lines[start].strip())
        start += 1
    return "\n".join(lines[start:])


# --------------------------------------------------------------------------- title

_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 32
_BYLINE = re.compile(
    r"^\s*(?i:by|from|author|source|written\s+by)\s*:\s*\S.{0,80}$"  # "BY: UKOM"
    r"|^\s*(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*$"  # "By Jane Smith"
)


def _headline(lines: Sequence[str]) -> str | None:
    """Return the first non-empty line when it looks like a headline (short, no final period)."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first or len(first) > _MAX_TITLE_CHARS or len(first.split()) > _MAX_TITLE_WORDS:
        return None
    if first[-1] in ".,;:" or not any(ch.isalpha() for ch in first):
        return None
    if _BYLINE.match(first) or _parse_date_line(first) is not None or _DATELINE_SHAPE.match(first):
        return None
    return first


# --------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"), start=1):
    _MONTHS[_name] = _number
    _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_FORMS = (
    r"(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.\s?(?P<y1>\d{4})\.?",  # 30.06.2008, 30. 6. 2008
    r"(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})",  # 2008-06-30
    r"(?P<a3>\d{1,2})/(?P<b3>\d{1,2})/(?P<y3>\d{4})",  # 30/06/2008 (only when unambiguous)
    r"(?P<d4>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.replace("month", "mon4") + r",?\s+(?P<y4>\d{4})",
    _MONTH.replace("month", "mon5") + r"\s+(?P<d5>\d{1,2})" + _ORD + r",?\s+(?P<y5>\d{4})",
)
_DATE = "(?:" + "|".join(f"(?:{form})" for form in _DATE_FORMS) + ")"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_TIME = r"(?:\s*(?:,|at|-|–)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:h|hrs|CET|CEST|UTC|GMT|[AP]M))?)?"
_LABEL = r"(?:(?:published|date|posted|released|press\s+release|issued)(?:\s+on)?\s*[:\-–—]?\s*)?"
_PLACE_SEGMENT = r"[^\W\d_][\w.'’\-]*(?:\s+[\w.'’\-]+){0,2}"
_PLACE = rf"(?:{_PLACE_SEGMENT}(?:,\s*{_PLACE_SEGMENT})?\s*(?:,|–|—|-)\s*)?"

_DATELINE = re.compile(rf"^\s*{_LABEL}{_PLACE}{_WEEKDAY}{_DATE}{_TIME}\s*$", re.IGNORECASE)
# A dateline opening the first paragraph: "BRUSSELS, 9 March 2023 – The ministers ..." or
# "Today, 8 September 2017, the Ministry ...".
_LEAD_DATELINES = (
    re.compile(rf"^\s*{_PLACE_SEGMENT}(?:,\s*{_PLACE_SEGMENT})?,\s*{_WEEKDAY}{_DATE}\s*[–—-]\s+\S", re.IGNORECASE),
    re.compile(rf"^\s*today,\s*{_WEEKDAY}{_DATE},\s", re.IGNORECASE),
)
# Lines shaped like a dateline but with an unparseable date ("31.02.2020").
_DATELINE_SHAPE = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\.?\s*$")
_DATELINE_SCAN = 6


def parse_dateline(line: str) -> date | None:
    """Parse a dateline such as ``30.06.2008`` or ``Brussels, 9 March 2023``.

    The whole line must be a date, optionally preceded by a place, a weekday or a
    label such as ``Published:``, and followed by a time of day. Numeric dates are read
    day first (``dd.mm.yyyy``), ISO (``yyyy-mm-dd``), or as ``a/b/yyyy`` only when one of
    ``a`` and ``b`` exceeds 12. Nothing is guessed: year-less, ranged, ambiguous or
    impossible dates give ``None``.

    Args:
        line: One line of text.

    Returns:
        The date, or ``None``.
    """
    return _parse_date_line(line)


def _parse_date_line(line: str) -> date | None:
    match = _DATELINE.match(line)
    return _date_from_match(match) if match else None


def _date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        if groups["y1"]:
            return date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
        if groups["y2"]:
            return date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
        if groups["y3"]:
            first, second = int(groups["a3"]), int(groups["b3"])
            if first > 12 >= second:
                return date(int(groups["y3"]), second, first)
            if second > 12 >= first:
                return date(int(groups["y3"]), first, second)
            return None  # 05/06/2008: day or month first? Do not guess.
        if groups["y4"]:
            return date(int(groups["y4"]), _MONTHS[groups["mon4"].lower()], int(groups["d4"]))
        if groups["y5"]:
            return date(int(groups["y5"]), _MONTHS[groups["mon5"].lower()], int(groups["d5"]))
    except ValueError:  # 31 February and the like
        return None
    return None


def _find_dateline(lines: Sequence[str], *, skip_first: bool) -> date | None:
    """Look for a dateline among the first few non-empty lines (after the title)."""
    candidates = [line for line in lines if line.strip()][: _DATELINE_SCAN + 1]
    if skip_first:
        candidates = candidates[1:]
    for line in candidates[:_DATELINE_SCAN]:
        found = _parse_date_line(line)
        if found is not None:
            return found
        if _BYLINE.match(line) or len(line.strip()) <= _MAX_TITLE_CHARS // 2:
            continue  # bylines, section headings, short notices: keep looking
        for pattern in _LEAD_DATELINES:
            lead = pattern.match(line)
            if lead:
                return _date_from_match(lead)
        return None  # stop at the first body paragraph
    return None


# --------------------------------------------------------------------------- HTML metadata

_DATE_META_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date", "pubdate", "publishdate",
    "publish-date", "publication_date", "sailthru.date", "parsely-pub-date",
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def _html_title(tree: Any) -> str | None:
    metadata = trafilatura.extract_metadata(tree, extensive=False)
    candidates: list[str] = []
    if metadata is not None and metadata.title:
        candidates.append(str(metadata.title))
    candidates += [str(node.text_content()) for node in tree.xpath("//title | //h1")]
    for candidate in candidates:
        title = " ".join(candidate.split())
        if title:
            return title
    return None


def _parse_date_value(value: str) -> date | None:
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    return _parse_date_line(value)


def _json_ld_dates(data: Any) -> Iterator[str]:
    """Every ``datePublished`` string in a JSON-LD value (walked without recursion: any depth)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _html_published(tree: Any) -> date | None:
    """Return the publication date from page metadata, or None when the page states none."""
    values: list[str] = []
    metas = {
        (str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "")).lower(): str(meta.get("content"))
        for meta in reversed(tree.xpath("//meta[@content]"))
    }
    values += [metas[key] for key in _DATE_META_KEYS if key in metas]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            values += list(_json_ld_dates(json.loads(script.text_content())))
        except (ValueError, RecursionError):  # not JSON, or nested too deeply for the decoder
            continue
    values += [str(v) for v in tree.xpath("//*[@itemprop='datePublished']/@datetime")]
    values += [str(v) for v in tree.xpath("//time[@pubdate]/@datetime")]
    values += [str(v) for v in tree.xpath("(//article//time | //main//time | //header//time)[1]/@datetime")]
    for value in values:
        found = _parse_date_value(value)
        if found is not None:
            return found
    return None
