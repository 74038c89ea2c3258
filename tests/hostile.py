"""A generated hostile corpus: files a careful user or an attacker could hand to polgraph.

``make_corpus(folder)`` writes it and says which inputs must end up in the graph (``good``),
which must be reported by name (``bad``, with a word the reason must contain) and which are
duplicates of another. Names are what the report shows (file or folder names).
"""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
NOT_TEXT = b"Report \xc3\x28\xa0\xa1\xe2\x28\xa1 \xff\xfd\xfc\x81\x8d\x8f\x90\x9d \xc0\xc1\xc2\xc3 end\n" * 3
RELEASE = ("{title}\n\nLjubljana, 12 March 2019\n\nPrime Minister Marjan Šarec met {name}, the Prime Minister of "
           "{country}, in Ljubljana on Tuesday. The two discussed migration and the economy. "
           "\"We support a common European asylum policy,\" said {name}.\n")
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                            for i in range(1, 10))
                  + ']>\n<html><body><p>&lol9;</p></body></html>\n')


@dataclass
class Corpus:
    folder: Path
    good: list[str] = field(default_factory=list)  # file names whose document must be in the graph
    bad: dict[str, str] = field(default_factory=dict)  # name in the report -> a word of the reason
    duplicates: list[str] = field(default_factory=list)
    named: list[Path] = field(default_factory=list)  # paths to give on the command line besides the folder


def make_corpus(folder: Path, seeds: list[Path]) -> Corpus:
    corpus = Corpus(folder)
    folder.mkdir(parents=True)
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
        corpus.good.append(seed.name)

    def good(name: str, data: bytes | str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        corpus.good.append(name)

    def bad(name: str, data: bytes | str, word: str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        corpus.bad[name] = word

    good("greek.txt", RELEASE.format(title="Visit of the Greek PM", name="Κυριάκος Μητσοτάκης", country="Greece"))
    good("cyrillic.txt", RELEASE.format(title="Visit of the Bulgarian PM", name="Бойко Борисов", country="Bulgaria"))
    good("serbian.txt", RELEASE.format(title="Visit from Serbia", name="Đorđe Đurić", country="Serbia"))
    good("injection.txt", RELEASE.format(title="</script><img src=x onerror=alert(1)> \"\"\" > . <a> <b> <c> .",
                                         name="Robert'); DROP TABLE people;-- Smith", country="Croatia"))
    damaged = RELEASE.format(title="Srečanje ministrov", name="Andrej Plenković", country="Croatia").encode()
    good("damaged-utf8.txt", damaged[:40] + b"\xff" + damaged[40:])
    good("legacy-cp1252.txt", RELEASE.format(title="Meeting in Brežice", name="Boris Johnson",
                                             country="the United Kingdom").encode("cp1252"))
    good("x" * 200 + ".txt", RELEASE.format(title="Long name", name="Leo Varadkar", country="Ireland"))
    good("deep-json-ld.html", "<html><head><title>Deep JSON-LD</title><script type='application/ld+json'>"
         + "[" * 100_000 + "]" * 100_000 + "</script></head><body><article><p>"
         + RELEASE.format(title="", name="Mark Rutte", country="the Netherlands") + "</p></article></body></html>")

    bad("empty.txt", b"", "empty")
    bad("blank.txt", "  \n\n\t \n", "empty")
    bad("chrome-only.txt", "Skip to main content\nMenu\nBack to top\n", "empty")
    bad("utf16-no-bom.txt", "Text in UTF-16 without a byte order mark".encode("utf-16-le"), "binary")
    bad("truncated-utf32.txt", b"\xff\xfe\x00\x00ab", "UTF-32")
    bad("no-body.html", "<html><head></head><body></body></html>", "")
    bad("picture.txt", PNG + b"\x00" * 100, "binary")
    bad("nul.txt", b"text\x00with\x00nul bytes" * 20, "binary")
    bad("document.pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary")
    bad("archive.txt", gzip.compress(b"hello" * 100), "binary")
    bad("garbage.txt", NOT_TEXT, "UTF-8")
    bad("bad-bom.txt", b"\xef\xbb\xbf" + NOT_TEXT, "UTF-8")
    bad("billion-laughs.html", BILLION_LAUGHS, "parse")  # must not hang
    (folder / "huge.txt").write_text("Huge\n\n" + "All work and no play makes Jack a dull boy. " * 40_000)
    corpus.bad["huge.txt"] = "limit"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    corpus.bad["loop.txt"] = "loop"
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    corpus.bad["broken.txt"] = "link to nothing"
    os.mkfifo(folder / "fifo.txt")
    corpus.bad["fifo.txt"] = "regular"
    evil = "evil\nerror: forged.txt: forged reason.txt"
    (folder / evil).write_bytes(b"")
    corpus.bad["evil\\nerror: forged.txt: forged reason.txt"] = "empty"
    ansi = "\x1b[31mred\x1b[0m.txt"
    (folder / ansi).write_bytes(PNG)
    corpus.bad["\\x1b[31mred\\x1b[0m.txt"] = "binary"
    (folder / "copy.txt").write_bytes(seeds[0].read_bytes())
    corpus.duplicates.append(seeds[0].name if "copy.txt" < seeds[0].name else "copy.txt")

    outside = folder.parent / f"{folder.name}-named"
    outside.mkdir()
    notes = outside / "notes.md"
    notes.write_text(RELEASE.format(title="Notes in Markdown", name="Sanna Marin", country="Finland"))
    corpus.named.append(notes)
    corpus.good.append("notes.md")
    (outside / "image.png").write_bytes(PNG)  # named directly: read as text, found binary
    corpus.named.append(outside / "image.png")
    corpus.bad["image.png"] = "binary"
    corpus.named.append(outside / "missing.txt")
    corpus.bad["missing.txt"] = "no such file"
    corpus.named.append(Path("/dev/null"))
    corpus.bad["null"] = "not a regular file"
    return corpus
