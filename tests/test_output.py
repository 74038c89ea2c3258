"""Safe outputs: atomic replace, file modes, symbolic links, FIFOs, devices, full disks.

Issue 11: ``-o`` renamed a temporary file over the target even when it was a device, a FIFO or
a symbolic link (as root, ``-o /dev/full`` replaced the device); every output was created
0600 whatever the umask; a full disk gave a traceback.
"""
from __future__ import annotations

import os
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, run_polgraph
from polgraph.errors import OutputError
from polgraph.output import open_output, write_output

GRAPH = REPO / "tests" / "shapes" / "MeetingProvenance_ok.ttl"


def test_new_file_gets_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "new.ttl", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == 0o640


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o660])
def test_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"old")
    out.chmod(mode)
    write_output(out, b"new")
    assert out.read_bytes() == b"new"
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_root_replacing_a_file_keeps_its_owner(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"old")
    os.chown(out, 65534, 65534)
    write_output(out, b"new")
    assert (out.stat().st_uid, out.stat().st_gid) == (65534, 65534)


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"old")
    with pytest.raises(ValueError), open_output(out) as handle:
        handle.write(b"half")
        raise ValueError("serialiser failed")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.ttl"
    target.write_bytes(b"old")
    target.chmod(0o644)
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write_output(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_character_device_is_written_through_not_replaced() -> None:
    before = os.stat("/dev/null")
    write_output(Path("/dev/null"), b"nothing")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_dev_full_is_reported_and_stays_a_device() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(OutputError, match="disk is full"):
        write_output(Path("/dev/full"), b"x" * 10_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        write_output(tmp_path, b"x")


def test_cli_export_to_dev_full_is_one_line_exit_2() -> None:
    done = run_polgraph(["export", GRAPH, "-o", "/dev/full", "--format", "turtle"])
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot write /dev/full" in done.stderr and "disk is full" in done.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.fixture()
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root only, and only where mounting is allowed)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_keeps_the_old_file(small_tmpfs: Path) -> None:
    out = small_tmpfs / "graph.ttl"
    out.write_bytes(b"old graph")
    with pytest.raises(OutputError, match="disk is full"):
        write_output(out, b"x" * 200_000)
    assert out.read_bytes() == b"old graph"
    assert [p.name for p in small_tmpfs.iterdir()] == ["graph.ttl"]


def test_cli_export_to_a_full_disk(small_tmpfs: Path) -> None:
    big = small_tmpfs.parent / "big.nt"
    big.write_text("".join(f"<urn:s{i}> <urn:p> \"{'v' * 40}\" .\n" for i in range(3000)))
    done = run_polgraph(["export", big, "-o", small_tmpfs / "out.nt"])
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "disk is full" in done.stderr
    assert list(small_tmpfs.iterdir()) == []


def test_cli_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere; a read-only bind mount would need more privileges
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", str(folder)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.strip()}")
    else:
        folder.chmod(0o555)
    try:
        done = run_polgraph(["export", GRAPH, "-o", folder / "out.ttl"])
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert "cannot write" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], check=False)
        folder.chmod(0o755)


@pytest.mark.slow
def test_cli_build_to_a_full_disk(small_tmpfs: Path) -> None:
    done = run_polgraph(["build", REPO / "data", "-o", small_tmpfs / "graph.nt"])
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "disk is full" in done.stderr
    assert [p.name for p in small_tmpfs.iterdir()] == []


def test_cli_ingest_into_a_full_disk(small_tmpfs: Path) -> None:
    done = run_polgraph(["ingest", "--store", small_tmpfs / "store", REPO / "data", "--jobs", "1"])
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Error: [E007]"), done.stderr


def test_cli_view_to_a_full_disk(small_tmpfs: Path) -> None:
    done = run_polgraph(["view", GRAPH, "-o", small_tmpfs / "page.html"])
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "disk is full" in done.stderr
