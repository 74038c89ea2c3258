"""Nothing vanishes: every path given or found that is not read is named, with a reason.

Issue 11: a symbolic link loop (RuntimeError), JSON-LD nested 100,000 deep (RecursionError)
gave tracebacks; an unreadable sub-folder and paths beyond PATH_MAX were skipped in silence;
a UTF-8 file with a few invalid bytes was decoded whole as cp1252 without a word.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polgraph.errors import InputError
from polgraph.reading import list_inputs, read_document, read_documents

GOOD = "Minister meets counterpart\n\nThe minister met her counterpart in Ljubljana on Monday.\n"


def _names(failures: list[InputError]) -> dict[str, str]:
    return {Path(f.path).name: f.reason for f in failures}


def test_symlink_loop_in_a_folder_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop: not followed
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["good.txt"]
    names = _names(result.failures)
    assert set(names) == {"loop.txt", "a.txt", "b.txt"}
    assert all("loop of symbolic links" in reason for reason in names.values())


def test_symlink_loop_and_broken_link_named_directly(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    files, failures = list_inputs([tmp_path / "loop.txt", tmp_path / "broken.txt"])
    assert files == []
    names = _names(failures)
    assert "loop" in names["loop.txt"] and "link to nothing" in names["broken.txt"]


def test_path_beyond_path_max_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        for _ in range(24):  # 24 x 201 characters: beyond PATH_MAX (4096)
            os.mkdir("d" * 200)
            os.chdir("d" * 200)
        Path("deep.txt").write_text(GOOD)
    finally:
        os.chdir(here)
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["good.txt"]
    assert result.failures, "the too-deep folder vanished without a word"
    assert any("too long" in f.reason or "longer than the system allows" in f.reason for f in result.failures)
    shutil.rmtree(tmp_path / ("d" * 200))


@pytest.fixture()
def world_readable_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="polgraph-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def test_unreadable_sub_folder_and_file_are_reported(world_readable_dir: Path) -> None:
    (world_readable_dir / "good.txt").write_text(GOOD)
    (world_readable_dir / "good.txt").chmod(0o644)
    locked = world_readable_dir / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    locked.chmod(0o000)
    secret = world_readable_dir / "secret.txt"
    secret.write_text(GOOD)
    secret.chmod(0o000)
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from polgraph.reading import read_documents\n"  # imported first: the library may not be readable by nobody
        "if os.geteuid() == 0:\n"
        "    os.setgid(65534); os.setuid(65534)\n"
        "r = read_documents([Path(sys.argv[1]), Path(sys.argv[1]) / 'secret.txt', Path(sys.argv[1]) / 'locked' / 'hidden.txt'])\n"
        "print('docs', [d.source for d in r.documents])\n"
        "for f in r.failures: print('fail', Path(f.path).name, '|', f.reason)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(world_readable_dir)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0 and "Operation not permitted" in done.stderr:
        pytest.skip("cannot drop privileges here to test permissions")
    assert done.returncode == 0, done.stderr
    assert "docs ['good.txt']" in done.stdout
    assert "fail locked | cannot read folder (Permission denied" in done.stdout
    assert "fail secret.txt | cannot read file (Permission denied" in done.stdout
    assert done.stdout.count("fail secret.txt |") == 1  # found in the folder and named directly: once
    assert "fail hidden.txt | cannot use this path (Permission denied" in done.stdout


def test_unknown_suffix_named_directly_is_read_and_said(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(GOOD)
    other = tmp_path / "folder"
    other.mkdir()
    (other / "skip.pdf").write_bytes(b"%PDF-1.4")
    with caplog.at_level(logging.WARNING, logger="polgraph.reading"):
        result = read_documents([notes, other])
    assert [d.source for d in result.documents] == ["notes.md"]
    assert "notes.md: suffix '.md' is not" in caplog.text
    assert "left out 1 file(s)" in caplog.text and "skip.pdf" in caplog.text


def test_a_few_invalid_bytes_are_replaced_not_redecoded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = "Srečanje ministrov v Ljubljani\n\nMinister Đorđe Čolić je dejal, da je sodelovanje ključno. " * 3
    data = text.encode("utf-8")
    damaged = data[:50] + b"\xff\xfe" + data[50:120] + b"\xc3" + data[120:]
    path = tmp_path / "damaged.txt"
    path.write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="polgraph.reading"):
        doc = read_document(path)
    assert doc.title == "Srečanje ministrov v Ljubljani"
    assert "Đorđe Čolić" in doc.text and "Ã" not in doc.text
    assert doc.text.count("\ufffd") == 3
    assert "3 invalid UTF-8 byte(s)" in caplog.text and "damaged.txt" in caplog.text


def test_cp1252_is_still_decoded_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Meeting in Brežice\n\nThe minister said “yes” to the café owners.\n".encode("cp1252"))
    doc = read_document(path)
    assert "“yes”" in doc.text and "\ufffd" not in doc.text


def test_json_ld_and_markup_nested_100000_deep(tmp_path: Path) -> None:
    page = ("<html><head><title>Deep page</title><script type='application/ld+json'>" + "[" * 100_000
            + "]" * 100_000 + "</script></head><body><p>The minister met the ambassador of Japan.</p>"
            + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page)
    doc = read_document(path)
    assert doc.title == "Deep page" and "ambassador of Japan" in doc.text


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Big file\n\n" + "word " * 300_000)
    with pytest.raises(InputError, match=r"larger than the limit of 1 MB.*--max-mb"):
        read_document(path, max_bytes=1024 * 1024)
    assert read_document(path, max_bytes=2 * 1024 * 1024).title == "Big file"


def test_newline_in_a_file_name_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "evil\nerror: forged.txt: pwned.txt"
    path.write_bytes(b"")
    result = read_documents([path])
    [failure] = result.failures
    assert "\n" not in str(failure)
    assert "evil\\nerror: forged.txt" in str(failure)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), html=st.booleans())
def test_any_bytes_give_a_document_or_an_input_error(tmp_path: Path, data: bytes, html: bool) -> None:
    path = tmp_path / ("fuzz.html" if html else "fuzz.txt")
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError as error:
        assert error.reason and "\n" not in str(error)
    else:
        assert doc.text.strip()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=500))
def test_any_text_in_utf8_reads_back_unchanged_or_fails_cleanly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        doc = read_document(path)
    except InputError:
        return
    assert "\ufffd" not in doc.text or "\ufffd" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_printable_text_is_one_line(text: str) -> None:
    from polgraph.errors import printable

    shown = printable(text)
    assert len(shown.splitlines()) <= 1 and "\x1b" not in shown
    if text.isprintable():
        assert shown == text


@pytest.mark.parametrize(("name", "content"), [
    ("deep.jsonld", "[" * 100_000 + "]" * 100_000),
    ("deep.ttl", "@prefix : <http://example.org/> .\n:s :p " + "[ :p " * 100_000 + "]" * 100_000 + " .\n"),
])
def test_graph_files_nested_100000_deep_are_refused_in_words(tmp_path: Path, name: str, content: str) -> None:
    from conftest import run_polgraph

    path = tmp_path / name
    path.write_text(content)
    done = run_polgraph(["validate", path])
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "nested too deeply" in done.stderr
