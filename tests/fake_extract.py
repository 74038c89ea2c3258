"""Extractors without spaCy, for fault tests (top-level functions: ingest workers can pickle them).

``regex_extractor`` finds "<First Last> supports migration." sentences: a person and a position
per sentence, with offsets into the text it is given. A text containing ``EXPLODE`` makes it
raise, as a bug in the NLP would; one containing ``SLEEP`` makes it sleep a minute; one containing
``BADTOPIC`` gets a position on a topic the scheme does not have (building its graph fails).
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence

from polgraph.models import Extraction, Person, Position, SourceDocument

SENTENCE = re.compile(r"(\w+ \w+) supports migration\.")
TOPIC = "migration-and-asylum"
LONGEST_SEEN: list[int] = []


def regex_extractor(docs: Sequence[SourceDocument]) -> Iterator[Extraction]:
    for doc in docs:
        LONGEST_SEEN.append(len(doc.text))
        if "EXPLODE" in doc.text:
            raise ValueError("the NLP blew up")
        if "SLEEP" in doc.text:
            time.sleep(60)
        persons: list[Person] = []
        index: dict[str, int] = {}
        positions = []
        for match in SENTENCE.finditer(doc.text):
            name = match.group(1)
            if name not in index:
                index[name] = len(persons)
                persons.append(Person(name))
            topic = "no-such-topic" if "BADTOPIC" in doc.text else TOPIC  # the graph cannot be built
            positions.append(Position(holder=index[name], topic=topic, stance="support", evidence=match.group(0),
                                      start=match.start(), end=match.end()))
        yield Extraction(document=doc, persons=persons, positions=positions)


def crashing_extractor(docs: Sequence[SourceDocument]) -> Iterator[Extraction]:
    """As :func:`regex_extractor`, but the process dies at once (as by the OOM killer) on ``CRASH``."""
    import os
    import signal

    if any("CRASH" in doc.text for doc in docs):
        os.kill(os.getpid(), signal.SIGKILL)
    yield from regex_extractor(docs)
