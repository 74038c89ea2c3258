"""Peak memory and time of ``polgraph build`` on one long document (1 MB, 10 MB of text).

A long document is synthetic releases (``synth.release``) joined by blank lines into one file:
realistic sentences, paragraphs of ordinary length. Each size runs ``polgraph build`` in a fresh
process; peak memory is the ``ru_maxrss`` of that process (the extraction runs in it). Before
issue 11 a document over 1,000,000 characters was refused (spaCy E088) and 950,000 characters
took 52 s and 2.9 GB; now text beyond ``polgraph.pieces.PIECE_CHARS`` is extracted in pieces.

    python bench/long_documents.py                 # 1 MB and 10 MB
    python bench/long_documents.py --mb 1 --mb 3
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402


def write_long_document(path: Path, megabytes: float) -> int:
    """One document of about ``megabytes`` MB: synthetic releases joined by blank lines."""
    target = int(megabytes * 1024 * 1024)
    parts: list[str] = ["A long document of many releases\n"]
    size = len(parts[0])
    index = 0
    while size < target:
        text, _ = synth.release(index)
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        index += 1
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path.stat().st_size


def measure(megabytes: float, work: Path) -> dict[str, float]:
    doc = work / f"long-{megabytes:g}mb.txt"
    size = write_long_document(doc, megabytes)
    out = work / f"long-{megabytes:g}mb.nt"
    code = (
        "import resource, sys, time\n"
        "from polgraph.cli import main\n"
        "sys.argv = ['polgraph', 'build', sys.argv[1], '-o', sys.argv[2], '--max-mb', '100']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    status = e.code\n"
        "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(doc), str(out)], capture_output=True, text=True, env=env,
                          check=False)
    seconds = time.perf_counter() - started
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")), 0)
    triples = sum(1 for _ in out.open()) if out.exists() else 0
    summary = next((line for line in done.stderr.splitlines() if "triples written" in line), done.stderr[-300:])
    return {"megabytes": size / 1024 / 1024, "characters": len(doc.read_text(encoding="utf-8")),
            "exit": done.returncode, "seconds": seconds, "peak_mib": peak / 1024, "triples": triples,
            "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, action="append", help="document size in MB (repeatable)")
    args = parser.parse_args()
    sizes = args.mb or [1.0, 10.0]
    with tempfile.TemporaryDirectory(prefix="polgraph-long-") as tmp:
        for megabytes in sizes:
            row = measure(megabytes, Path(tmp))
            print(f"{row['megabytes']:.2f} MB ({row['characters']:,} characters): exit {row['exit']}, "
                  f"{row['seconds']:.1f} s, peak {row['peak_mib']:.0f} MiB, {row['triples']:,} triples "
                  f"| {row['summary']}", flush=True)


if __name__ == "__main__":
    main()
