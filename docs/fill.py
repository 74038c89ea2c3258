"""Write README.md, docs/guide.md and docs/cookbook.md from docs/templates/*.in.

Each <<run ...>> block of a template is replaced by the commands it holds and their real output,
run from the repository root with the project's .venv active, so the documents show what the
code prints today. Run it after changing extraction or the CLI:

    python docs/fill.py
"""
import re, subprocess, sys
from pathlib import Path

REPO = str(Path(__file__).resolve().parents[1])
TEMPLATES = {"docs/templates/README.md.in": "README.md", "docs/templates/guide.md.in": "docs/guide.md",
             "docs/templates/cookbook.md.in": "docs/cookbook.md"}
BLOCK = re.compile(r"<<run([^>]*)>>\n(.*?)<</run>>\n", re.S)

def run(cmd):
    p = subprocess.run(["bash", "-c", ". .venv/bin/activate && " + cmd], cwd=REPO,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.stdout

def trim(lines, opts):
    head = int(opts.get("head", 0)); tail = int(opts.get("tail", 0))
    if head and len(lines) > head + tail + 1:
        return lines[:head] + ["…"] + (lines[-tail:] if tail else [])
    return lines

def commands(body):
    cmds, cur, heredoc = [], [], None
    for line in body.strip("\n").split("\n"):
        cur.append(line)
        if heredoc:
            if line == heredoc:
                heredoc = None
            else:
                continue
        else:
            m = re.search(r"<<'(\w+)'", line)
            if m:
                heredoc = m.group(1)
                continue
            if line.endswith("\\"):
                continue
        cmds.append("\n".join(cur)); cur = []
    if cur:
        cmds.append("\n".join(cur))
    return cmds

def fill(match):
    opts = dict(kv.split("=", 1) if "=" in kv else (kv, "1") for kv in match.group(1).split())
    out = []
    for cmd in commands(match.group(2)):
        shown = cmd
        text = run(cmd)
        if "hide" in opts:
            continue
        out.append("$ " + shown)
        if "noout" not in opts:
            lines = [l.rstrip() for l in text.rstrip("\n").split("\n")] if text.strip() else []
            out += trim(lines, opts)
    if "hide" in opts:
        return ""
    lang = opts.get("lang", "console")
    return f"```{lang}\n" + "\n".join(out) + "\n```\n"

QUERIES = re.compile(r"<<queries ([^ >]+)(?: ([^>]*))?>>\n")

def queries(match):
    import glob
    opts = dict(kv.split("=", 1) for kv in (match.group(2) or "").split())
    parts = []
    for path in sorted(glob.glob(match.group(1), root_dir=REPO)):
        text = Path(REPO, path).read_text()
        question = text.splitlines()[0].lstrip("# ").strip()
        name = Path(path).stem
        head = opts.get("head", "14")
        parts.append(f"### {name}\n\n**{question}**\n\n```sparql\n{text.rstrip()}\n```\n\n"
                     + fill_text(f"<<run head={head} tail=1>>\npolgraph query out/graph.ttl {path}\n<</run>>\n"))
    return "\n".join(parts)

TOC = re.compile(r"<<toc ([^>]+)>>")

def toc(match):
    import glob
    names = [Path(p).stem for p in sorted(glob.glob(match.group(1), root_dir=REPO))]
    return ", ".join(f"[{n}](#{n})" for n in names)

def fill_text(text):
    return BLOCK.sub(fill, text)

def main() -> None:
    pairs = list(zip(sys.argv[1::2], sys.argv[2::2])) or [(Path(REPO, s), Path(REPO, d)) for s, d in TEMPLATES.items()]
    for src, dst in pairs:
        text = Path(src).read_text()
        text = TOC.sub(toc, text)
        text = QUERIES.sub(queries, text)
        Path(dst).write_text(fill_text(text))
        print("written", dst, file=sys.stderr)


if __name__ == "__main__":
    main()
