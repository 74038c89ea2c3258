"""A deterministic generator of realistic synthetic press releases, for benchmarks at scale.

Each release is recombined, from a seeded random generator, out of general parts: a pool of
people (first and last names from many European languages, each holding one post in one
state), states with their capitals and adjectives, meeting kinds, dates, policy topics from
polgraph's topic scheme, and stance sentences (support / oppose / neutral) from templates.
Nothing is copied from real releases.

Every release comes with the extraction a perfect reader would make of it
(:class:`polgraph.models.Extraction`, evidence offsets exact), so graphs of any size can be
built with ``polgraph.build`` without running spaCy.

Usage::

    python bench/synth.py OUT_DIR --count 1000 --seed 7     # writes OUT_DIR/synthetic_00000.txt ...
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from polgraph.models import Extraction, Meeting, Org, Person, Place, Position, Post, SourceDocument
from polgraph.reading import read_text_document

FIRST = ("Anna", "Marko", "Petra", "Jan", "Sofia", "Luca", "Eva", "Tomas", "Ines", "Pieter", "Maria", "Nikos",
         "Katarina", "Andrej", "Helena", "Mikael", "Laura", "Stefan", "Elena", "Joao", "Agnieszka", "Lars",
         "Claire", "Matteo", "Ingrid", "Dimitar", "Zsofia", "Rasmus", "Lucia", "Kristjan", "Aoife", "Emil",
         "Marta", "Viktor", "Sanna", "Pavel", "Irena", "Jonas", "Camille", "Tiago")
LAST = ("Novak", "Horvat", "Kowalski", "Jansen", "Rossi", "Schmidt", "Dubois", "Papadopoulos", "Nagy",
        "Lindqvist", "Virtanen", "Murphy", "Silva", "Garcia", "Popescu", "Ivanov", "Kovacs", "Berzins",
        "Kazlauskas", "Tamm", "Borg", "Weber", "Moreau", "Costa", "Dvorak", "Hansen", "Meyer", "Bianchi",
        "Petrov", "Zajac", "Fischer", "Laurent", "Santos", "Eriksen", "Kralj", "Vidmar", "Marin", "Hoxha",
        "Andersen", "Keller")
# (ISO code, name, adjective, capital)
STATES = (
    ("SI", "Slovenia", "Slovenian", "Ljubljana"), ("HR", "Croatia", "Croatian", "Zagreb"),
    ("AT", "Austria", "Austrian", "Vienna"), ("DE", "Germany", "German", "Berlin"),
    ("FR", "France", "French", "Paris"), ("IT", "Italy", "Italian", "Rome"), ("ES", "Spain", "Spanish", "Madrid"),
    ("PT", "Portugal", "Portuguese", "Lisbon"), ("PL", "Poland", "Polish", "Warsaw"),
    ("CZ", "Czechia", "Czech", "Prague"), ("SK", "Slovakia", "Slovak", "Bratislava"),
    ("HU", "Hungary", "Hungarian", "Budapest"), ("RO", "Romania", "Romanian", "Bucharest"),
    ("BG", "Bulgaria", "Bulgarian", "Sofia"), ("GR", "Greece", "Greek", "Athens"),
    ("NL", "Netherlands", "Dutch", "The Hague"), ("BE", "Belgium", "Belgian", "Brussels"),
    ("DK", "Denmark", "Danish", "Copenhagen"), ("SE", "Sweden", "Swedish", "Stockholm"),
    ("FI", "Finland", "Finnish", "Helsinki"), ("EE", "Estonia", "Estonian", "Tallinn"),
    ("LV", "Latvia", "Latvian", "Riga"), ("LT", "Lithuania", "Lithuanian", "Vilnius"),
    ("IE", "Ireland", "Irish", "Dublin"),
)
ROLES = ("Minister of Foreign Affairs", "Minister of the Interior", "Minister of Finance", "Minister of Defence",
         "Prime Minister", "Minister of Justice", "Minister of Economic Development", "Minister of Health")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
KINDS = (("bilateral", "a bilateral meeting"), ("visit", "an official visit"), ("conference", "a conference"),
         ("multilateral", "a ministerial meeting"), ("summit", "a summit"))
SUPPORT = ("{name} said that {country} strongly supports {topic}.",
           "\"We fully support {topic},\" said {name}.",
           "{name} welcomed the progress on {topic} and expressed support for further steps.")
OPPOSE = ("{name} said that {country} opposes the proposal on {topic}.",
          "\"We cannot accept the current approach to {topic},\" said {name}.",
          "{name} rejected the plans on {topic} as unbalanced.")
NEUTRAL = ("{name} noted that {topic} would be discussed again at the next meeting.",
           "{name} said that the position on {topic} would be decided later.")
FILLER = (
    "The two delegations reviewed the state of bilateral relations and agreed to continue close cooperation.",
    "Both sides expressed satisfaction with the good economic ties between the two countries.",
    "The talks took place in a friendly and constructive atmosphere.",
    "The ministers also exchanged views on current developments in the European Union.",
    "They agreed that regular political dialogue is important for the region.",
    "The meeting was followed by a joint press conference.",
    "The delegations included senior officials from several ministries.",
    "Further meetings at the level of experts are planned for the coming months.",
    "Trade between the two countries has grown steadily over the past decade.",
    "The ministers paid tribute to the victims of recent natural disasters in the region.",
    "The visit marks the thirtieth anniversary of the establishment of diplomatic relations.",
    "The two sides signed a memorandum of understanding on cooperation in education and culture.",
    "Representatives of the business communities of both countries joined part of the talks.",
    "The ministers discussed the preparations for the next meeting of the European Council.",
    "Cooperation within international organisations was also on the agenda.",
    "The minister thanked the host for the warm welcome and the excellent organisation of the visit.",
    "Both delegations underlined the importance of respect for international law.",
    "The programme of the visit also included a meeting with the speaker of the national parliament.",
    "The ministers agreed to set up a joint working group that will report back by the end of the year.",
    "In the afternoon, the guest laid a wreath at the memorial in the city centre.",
)


BACKGROUND = (
    "The {adj} government has made regional cooperation one of the priorities of its foreign policy.",
    "Over the past years, the two countries have worked together on a number of joint infrastructure projects.",
    "Cross-border cooperation between local communities has been supported by several European programmes.",
    "The ministers recalled the joint declaration adopted at their previous meeting.",
    "Tourism remains an important part of the economic relations between the two countries.",
    "Both countries are members of the European Union and of several regional initiatives.",
    "Cultural exchanges and student mobility have increased significantly in recent years.",
    "The ministry will publish further information about the outcome of the talks on its website.",
    "Officials from both ministries will meet again in the autumn to review the implementation of the agreements.",
    "The {adj} side presented its priorities for the coming period, including investment in research and innovation.",
    "Energy connections between the two countries were identified as an area with great potential.",
    "The ministers also discussed the situation of national minorities living in both countries.",
    "The host underlined that open communication channels are essential in times of uncertainty.",
    "A number of companies from both countries have expressed interest in joint projects in third markets.",
    "The two sides agreed to strengthen cooperation between their diplomatic academies.",
    "The meeting confirmed the shared commitment to a stable, secure and prosperous neighbourhood.",
)


@dataclass(frozen=True)
class PoolPerson:
    name: str
    role: str
    state: tuple[str, str, str, str]


@lru_cache(maxsize=4)
def people(size: int = 2000, seed: int = 1) -> tuple[PoolPerson, ...]:
    """A fixed pool of people, each with one post in one state (so documents share people)."""
    rng = random.Random(seed)
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(names)
    return tuple(PoolPerson(names[i % len(names)], rng.choice(ROLES), rng.choice(STATES)) for i in range(size))


@lru_cache(maxsize=1)
def topic_ids() -> tuple[tuple[str, str], ...]:
    """(topic id, lower-case label) pairs of polgraph's topic scheme."""
    from polgraph.extract.topics import load_topic_scheme

    scheme = load_topic_scheme()
    return tuple(sorted((tid, scheme.label(tid)) for tid in scheme.topics))


class _Text:
    """Text under construction that remembers the span of each sentence added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def release(index: int, seed: int = 7) -> tuple[str, Extraction]:
    """The ``index``-th release for ``seed``: its text and the extraction it should give."""
    rng = random.Random(seed * 1_000_003 + index)
    pool = people()
    host, guest = rng.sample(pool, 2)
    topics = rng.sample(topic_ids(), rng.randint(2, 4))
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    kind, kind_phrase = rng.choice(KINDS)
    city = host.state[3]
    meeting_label = f"{host.state[2]}-{guest.state[2]} {kind_phrase.split(' ', 1)[1]}"
    text = _Text()
    title = f"{host.role} {host.name} meets {guest.state[2]} counterpart in {city}"
    text.add(f"{title}\n\n{city}, {when}\n\n")
    text.add(f"{host.role} of {host.state[1]} {host.name} met {guest.role} of {guest.state[1]} {guest.name} "
             f"in {city} on {when}, at the {meeting_label}. ")
    text.add(f"The talks focused on {topics[0][1].lower()} and {topics[1][1].lower()}. ")
    positions: list[Position] = []
    fillers = rng.sample(FILLER, rng.randint(10, 16))
    for i, (tid, label) in enumerate(topics):
        holder = rng.randrange(2)
        person = (host, guest)[holder]
        stance = rng.choices(("support", "oppose", "neutral"), weights=(5, 3, 2))[0]
        template = rng.choice({"support": SUPPORT, "oppose": OPPOSE, "neutral": NEUTRAL}[stance])
        sentence = template.format(name=person.name, country=person.state[1], topic=label.lower())
        if i < len(fillers):
            text.add(fillers[i] + " ")
        if i == 1:
            text.add("\n\n")
        start, end = text.add(sentence)
        text.add(" ")
        positions.append(Position(holder=holder, topic=tid, stance=stance, evidence=sentence, start=start,
                                  end=end, meeting=0))
    text.add("\n\n" + " ".join(fillers[len(topics):]) + "\n\n")
    background = rng.sample(BACKGROUND, rng.randint(8, 12))
    text.add(" ".join(b.format(adj=host.state[2]) for b in background) + "\n")
    raw = text.value()
    document = _document(f"synthetic_{seed}_{index:06d}.txt", raw)
    assert document.text == raw, "the reader changed the synthetic text"
    persons = [Person(p.name, [Post(p.role, Org(p.state[1], p.state[0]))]) for p in (host, guest)]
    meeting = Meeting(label=meeting_label, kind=kind, date=day, place=Place(city, host.state[0]),  # type: ignore[arg-type]
                      attendees=[0, 1], convener_persons=[0], topics=[t[0] for t in topics[:2]])
    return raw, Extraction(document, persons, [meeting], [(0, 1)], positions)


def _document(source: str, text: str) -> SourceDocument:
    return read_text_document(text, source=source)


def releases(count: int, seed: int = 7, start: int = 0) -> Iterator[tuple[str, Extraction]]:
    """``count`` releases, deterministic for ``seed``."""
    for index in range(start, start + count):
        yield release(index, seed)


def extract_synthetic(docs: list[SourceDocument]) -> list[Extraction]:
    """An extractor for ``ingest_files(extractor=...)`` that rebuilds the known extraction without spaCy.

    The index and seed are read back from the source name ``synthetic_<seed>_<index>.txt``.
    """
    out = []
    for doc in docs:
        _, seed, index = Path(doc.source).stem.split("_")
        _, extraction = release(int(index), int(seed))
        out.append(extraction)
    return out


def write_corpus(folder: Path, count: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Write ``count`` releases as .txt files into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for raw, extraction in releases(count, seed, start):
        path = folder / extraction.document.source
        path.write_text(raw, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.seed)
    print(f"{len(paths)} releases written to {args.out}")


if __name__ == "__main__":
    main()
