"""Tests for polgraph.reading: files -> SourceDocument."""
from __future__ import annotations

import codecs
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from polgraph.errors import InputError
from polgraph.reading import (
    ReadResult,
    collect_inputs,
    parse_dateline,
    read_document,
    read_documents,
    read_html_document,
    read_text_document,
)

from conftest import require_shared, shared_dir  # noqa: E402

SEEDS = shared_dir() / "corpus" / "seeds"

TEXT = (
    "Šefic and Vučić discuss the Western Balkans route\n"
    "\n"
    "Brussels, 9 March 2023\n"
    "\n"
    "State Secretary Boštjan Šefic met Serbian President Aleksandar Vučić in Brussels. "
    "“We agree that cooperation with third countries is essential,” said Šefic.\n"
)
# cp1252 cannot encode č/ć, so the cp1252 fixture keeps to characters it has.
TEXT_1252 = (
    "State Secretary Boštjan Šefic attends the Council in Brussels\n"
    "\n"
    "State Secretary Boštjan Šefic said: “We support a common European approach to "
    "migration.” He also met his counterparts – ministers from Austria and Croatia – "
    "to discuss the Schengen area and police cooperation.\n"
)

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Šefic meets Vučić in Belgrade | Government of Slovenia</title>
<meta property="article:published_time" content="2023-03-09T10:15:00+01:00">
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About the government</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience
on our website. By browsing you agree to our cookie policy.</p><button>Accept all cookies</button></div>
<main id="main"><article><h1>Šefic meets Vučić in Belgrade</h1>
<p>State Secretary Boštjan Šefic met Serbian President Aleksandar Vučić in Belgrade on
Thursday to discuss migration along the Western Balkans route.</p>
<p>“We agree that cooperation with third countries is essential,” said Šefic after the
meeting, adding that both sides would continue their talks in the coming months.</p>
<p>The two delegations also discussed police cooperation and the fight against smuggling
networks operating in the region.</p>
</article></main>
<footer><p>© 2023 Government of the Republic of Slovenia. All rights reserved.</p></footer>
</body></html>
"""

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
GARBAGE = b"Report \xc3\x28\xa0\xa1\xe2\x28\xa1 \xff\xfd\xfc\x81\x8d\x8f\x90\x9d \xc0\xc1\xc2\xc3 end\n" * 3


@pytest.fixture()
def good_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "utf8.txt": TEXT.encode("utf-8"),
        "utf8_bom.txt": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        "utf16.txt": TEXT.encode("utf-16"),  # with BOM
        "crlf.text": TEXT.replace("\n", "\r\n").encode("utf-8"),
        "cp1252.txt": TEXT_1252.encode("cp1252"),
        "page.html": HTML.encode("utf-8"),
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths[name] = path
    return paths


@pytest.fixture()
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\r\n  \n",
        "image.txt": PNG_HEADER,
        "garbage.txt": GARBAGE,
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths[name] = path
    return paths


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("name", ["utf8.txt", "utf8_bom.txt", "utf16.txt", "crlf.text"])
def test_unicode_encodings_give_the_same_text(good_files: dict[str, Path], name: str) -> None:
    doc = read_document(good_files[name])
    assert doc.text == TEXT
    assert doc.source == name
    assert doc.content_hash == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert doc.title == "Šefic and Vučić discuss the Western Balkans route"
    assert doc.published == date(2023, 3, 9)
    assert "\ufeff" not in doc.text and "\r" not in doc.text


def test_cp1252_is_detected(good_files: dict[str, Path]) -> None:
    doc = read_document(good_files["cp1252.txt"])
    assert doc.text == TEXT_1252
    assert "Boštjan Šefic" in doc.text and "“We support" in doc.text
    assert doc.title == "State Secretary Boštjan Šefic attends the Council in Brussels"


def test_cp1250_with_c_caron_is_detected(tmp_path: Path) -> None:
    text = (
        "Prime Minister Janez Janša met Serbian President Aleksandar Vučić in Belgrade. "
        "The two leaders discussed the situation in the Western Balkans and cooperation "
        "between Slovenia and Serbia.\n"
    )
    path = tmp_path / "cp1250.txt"
    path.write_bytes(text.encode("cp1250"))
    assert read_document(path).text == text


# --------------------------------------------------------------------------- HTML


def test_html_main_text_title_and_date(good_files: dict[str, Path]) -> None:
    doc = read_document(good_files["page.html"])
    assert doc.title == "Šefic meets Vučić in Belgrade"
    assert doc.published == date(2023, 3, 9)
    assert doc.text.startswith("Šefic meets Vučić in Belgrade\n\nState Secretary Boštjan Šefic met")
    assert "“We agree that cooperation with third countries is essential,”" in doc.text
    for chrome in ("Skip to main content", "About the government", "cookie", "All rights reserved"):
        assert chrome not in doc.text
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_html_time_element_and_h1_without_metadata() -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<h1>Ministers meet in Prague</h1><time datetime='2022-07-11'>11 July 2022</time>"
        "<p>The ministers of the interior met in Prague to discuss the security impact of the "
        "war in Ukraine and the fight against child sexual abuse online.</p>"
        "<p>They agreed to exchange data on investigations of human trafficking.</p>"
        "</article></body></html>"
    )
    doc = read_html_document(html, source="prague.html")
    assert doc.title == "Ministers meet in Prague"
    assert doc.published == date(2022, 7, 11)
    assert "Home" not in doc.text.split("\n")


def test_html_in_legacy_encoding_uses_declared_charset(tmp_path: Path) -> None:
    html = HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1250">')
    path = tmp_path / "legacy.htm"
    path.write_bytes(html.encode("cp1250"))
    doc = read_document(path)
    assert doc.title == "Šefic meets Vučić in Belgrade"
    assert "Boštjan Šefic met Serbian President Aleksandar Vučić" in doc.text


# --------------------------------------------------------------------------- failures


def test_bad_files_fail_with_reason(bad_files: dict[str, Path]) -> None:
    expected = {
        "empty.txt": "empty document",
        "blank.txt": "empty document",
        "image.txt": "binary file, not text",
    }
    for name, reason in expected.items():
        with pytest.raises(InputError) as info:
            read_document(bad_files[name])
        assert info.value.reason == reason
        assert info.value.path == str(bad_files[name])
        assert name in str(info.value) and info.value.code == "E001"
    with pytest.raises(InputError) as info:
        read_document(bad_files["garbage.txt"])
    assert "not valid UTF-8" in info.value.reason
    assert "garbage.txt" in str(info.value)


def test_png_signature_alone_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "logo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(InputError, match="binary file, not text"):
        read_document(path)


def test_read_documents_keeps_going(
    tmp_path: Path, good_files: dict[str, Path], bad_files: dict[str, Path]
) -> None:
    missing = tmp_path / "missing.txt"
    result = read_documents([tmp_path, missing])
    assert isinstance(result, ReadResult)
    assert sorted(d.source for d in result.documents) == sorted(good_files)
    failed = {Path(f.path).name: f.reason for f in result.failures}
    assert set(failed) == set(bad_files) | {"missing.txt"}
    assert failed["image.txt"] == "binary file, not text"
    assert failed["empty.txt"] == "empty document"
    assert "not valid UTF-8" in failed["garbage.txt"]


def test_read_text_document_rejects_chrome_only_text() -> None:
    with pytest.raises(InputError, match="empty document"):
        read_text_document("Skip to main content »\n\n\n", source="chrome.txt")


# --------------------------------------------------------------------------- collecting


def test_collect_inputs_recursive_sorted_filtered(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.html", "sub/c.text", "sub/d.htm", "notes.md", "data.tsv",
                ".hidden.txt", ".git/e.txt", "sub/Z.TXT"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Title\n\nBody text.\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_inputs([tmp_path])]
    assert found == ["a.html", "b.txt", "sub/Z.TXT", "sub/c.text", "sub/d.htm"]
    # A file named explicitly is kept; a file reached twice appears once.
    assert collect_inputs([tmp_path / "notes.md", tmp_path / "b.txt", tmp_path]) [:3] == [
        tmp_path / "notes.md", tmp_path / "b.txt", tmp_path / "a.html"]


def test_collect_inputs_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        collect_inputs([tmp_path / "nope"])
    assert info.value.path == str(tmp_path / "nope")


# --------------------------------------------------------------------------- chrome, title, date


def test_seed_chrome_dropped_and_title_found(tmp_path: Path) -> None:
    expected = {
        "000_fe7c03c2246f783b.txt":
            "PM Cerar in Brussels at an informal meeting of EU leaders on migration and asylum policy",
        "002_10253423cca985c9.txt":
            "Interior Ministers in Bucharest discuss migration and asylum policy and stepping up "
            "the fight against terrorism",
    }
    require_shared("corpus/seeds")
    for name, title in expected.items():
        doc = read_document(SEEDS / name)
        assert doc.title == title
        assert doc.text.startswith(title + "\n")
        assert "Skip to main content" not in doc.text
        assert "website has been moved" not in doc.text
        assert doc.published is None  # "published on 1 July 2019" is site chrome, not a dateline


def test_chrome_lines_only_at_the_start() -> None:
    text = "Skip to main content »\n\n\nMinisters meet\n\nBody.\nSkip to main content\n"
    doc = read_text_document(text, source="x.txt")
    assert doc.text == "Ministers meet\n\nBody.\nSkip to main content\n"
    assert doc.title == "Ministers meet"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Ministers meet in Brussels", "Ministers meet in Brussels"),
        ("The ministers met in Brussels today.", None),  # a sentence, not a headline
        ("30.06.2008", None),  # a dateline
        ("BY: UKOM", None),  # a byline
        ("word " * 60, None),  # too long
    ],
)
def test_title_heuristic(first_line: str, title: str | None) -> None:
    doc = read_text_document(first_line + "\n\nThe body of the release.\n", source="t.txt")
    assert doc.title == title


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("30.06.2008", date(2008, 6, 30)),
        ("Brussels, 9 March 2023", date(2023, 3, 9)),
        ("Prague, 11 July 2022", date(2022, 7, 11)),
        ("9 March 2023", date(2023, 3, 9)),
        ("Published: 9 March 2023", date(2023, 3, 9)),
        ("Thursday, 9 March 2023", date(2023, 3, 9)),
        ("March 9, 2023", date(2023, 3, 9)),
        ("2023-03-09", date(2023, 3, 9)),
        ("13/06/2008", date(2008, 6, 13)),
        ("between 4 and 5 July", None),  # a range and no year
        ("9 March", None),  # no year
        ("05/06/2008", None),  # day or month first?
        ("31.02.2020", None),  # no such day
        ("17 and 18 June 2020", None),
        ("Main results, Justice and Home Affairs Council, 9 March 2023", None),  # a headline
        ("Ministers met in Brussels on 9 March 2023.", None),  # a sentence
    ],
)
def test_parse_dateline(line: str, expected: date | None) -> None:
    assert parse_dateline(line) == expected


def test_dateline_found_after_title_and_byline() -> None:
    doc = read_text_document(
        "Minister Rupel passes the Presidency\n\nBY: UKOM\n\n30.06.2008\n\nA ceremony took place.\n",
        source="d.txt",
    )
    assert doc.published == date(2008, 6, 30)
    doc = read_text_document(
        "State Secretary attends the meeting\n\nThe meeting took place between 4 and 5 July.\n",
        source="e.txt",
    )
    assert doc.published is None


def test_date_in_body_sentence_is_not_a_dateline() -> None:
    doc = read_text_document(
        "In Brussels on solidarity\n\nThe State Secretary attended the Council held in Brussels on "
        "18 May 2017, where the ministers discussed the effective application of solidarity.\n",
        source="f.txt",
    )
    assert doc.published is None


# --------------------------------------------------------------------------- reproducibility


def test_same_file_twice_gives_identical_text_and_hash(tmp_path: Path, good_files: dict[str, Path]) -> None:
    for path in good_files.values():
        first, second = read_document(path), read_document(path)
        assert first == second
    copy = tmp_path / "copy" / "page.html"
    copy.parent.mkdir()
    shutil.copy(good_files["page.html"], copy)
    assert read_document(copy).content_hash == read_document(good_files["page.html"]).content_hash


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Brussels, 9 March 2023 – The ministers discussed the Schengen area at length today.", date(2023, 3, 9)),
        ("Today, 8 September 2017, the Ministry of the Interior organised a ministerial conference.",
         date(2017, 9, 8)),
        ("On 25 January 2018, an informal meeting of the Council took place in Sofia, Bulgaria.", None),
    ],
)
def test_dateline_opening_the_first_paragraph(paragraph: str, expected: date | None) -> None:
    doc = read_text_document(f"Ministers meet\n\n{paragraph * 3}\n", source="lead.txt")
    assert doc.published == expected


def test_html_json_ld_date_and_text_dateline() -> None:
    body = (
        "<article><h1>Council conclusions</h1><p>The Council adopted conclusions on the "
        "priorities for the fight against serious and organised crime in the coming years.</p>"
        "<p>Ministers also discussed the situation in the Schengen area over lunch.</p></article>"
    )
    ld = '<script type="application/ld+json">{"@graph": [{"datePublished": "2017-05-18"}]}</script>'
    doc = read_html_document(f"<html><head>{ld}</head><body>{body}</body></html>", source="ld.html")
    assert doc.published == date(2017, 5, 18)
    dated = body.replace("</h1>", "</h1><p>Brussels, 18 May 2017</p>")
    doc = read_html_document(f"<html><body>{dated}</body></html>", source="dl.html")
    assert (doc.title, doc.published) == ("Council conclusions", date(2017, 5, 18))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Minister Dikaučič said detention conditions differ across the EU member states.\n", "cp1250"),
        ("Minister Arancha González Laya and Minister Anže Logar – “a good call” – in Madrid.\n", "cp1252"),
        ("Le ministre a déclaré à Bruxelles : « Nous soutenons une approche commune. »\n", "latin-1"),
    ],
)
def test_cp1250_and_cp1252_are_told_apart(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text
