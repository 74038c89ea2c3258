"""One document's facts from a parsed spaCy ``Doc``: people, meetings, counterparts, positions.

The rules work on the dependency parse and on general gazetteers; they name no document's
people or sentences. Each step is a small function over plain data so it can be tested alone.
"""
from __future__ import annotations

from spacy.tokens import Doc

from polgraph.extract.attribution import attribute_sentences
from polgraph.extract.context import Context
from polgraph.extract.counterparts import (
    add_counterparts_to_meeting,
    encounter_sides,
    find_meets,
    hosts_of_a_visit,
)
from polgraph.extract.home import find_protagonist, home_country
from polgraph.extract.meetings import find_meetings
from polgraph.extract.positions import find_positions, topics_stated_at_meetings
from polgraph.extract.posts import (
    affiliation_from_own_words,
    document_portfolio,
    find_people,
    persons_with_posts,
    post_for_unposted_speaker,
    signer_from_the_organising_side,
)
from polgraph.extract.topics import TopicScheme
from polgraph.models import Extraction, SourceDocument


def extract_document(doc: Doc, source: SourceDocument, scheme: TopicScheme) -> Extraction:
    """All facts of one parsed document."""
    ctx = Context(doc, source, scheme)
    ctx.title_end = _title_end(ctx)
    ctx.clusters = find_people(ctx)
    ctx.portfolio = document_portfolio(ctx)
    ctx.home = home_country(ctx)
    ctx.persons = persons_with_posts(ctx)
    main = find_protagonist(ctx)
    ctx.protagonist = ctx.clusters.index(main) if main is not None else None
    attributions = attribute_sentences(ctx)
    ctx.speakers = {h for a in attributions for h in a.holders}
    post_for_unposted_speaker(ctx, attributions)
    affiliation_from_own_words(ctx, attributions)
    sides = encounter_sides(ctx)
    meetings, sentence_meeting = find_meetings(ctx, sides)
    signer_from_the_organising_side(ctx, meetings)
    meets = find_meets(ctx, meetings, sides)
    hosts_of_a_visit(ctx, meets)
    add_counterparts_to_meeting(ctx, meetings, meets)
    positions = find_positions(ctx, attributions, sentence_meeting, meetings)
    topics_stated_at_meetings(meetings, positions)
    used = {p.topic for p in positions} | {t for m in meetings for t in m.topics}
    return Extraction(document=source, persons=ctx.persons, meetings=meetings, meets=meets, positions=positions,
                      topics=[t for t in ctx.rule_topics.values() if t.id in used])


def _title_end(ctx: Context) -> int:
    title = ctx.source.title
    if title and title in ctx.text[: len(title) + 200]:
        return ctx.text.index(title) + len(title)
    return 0
