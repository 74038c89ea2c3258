"""Meetings: the main one, side meetings, date, place, attendance, conveners and topics."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.tokens import Span

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.context import (
    OTHER_TIME,
    Context,
    persons_in,
    resolve_subject,
)
from polgraph.extract.counterparts import EncounterSides
from polgraph.extract.dates import explicit_dates, partial_dates, relative_dates
from polgraph.extract.encounters import subject_of
from polgraph.extract.people import (
    find_roles,
)
from polgraph.extract.rule_topics import topics_in
from polgraph.models import (
    Meeting,
    MeetingKind,
    Org,
    Place,
)

_MEETING_NOUN = re.compile(
    r"\b(meetings?|session|summit|[Ss]ummit|conference|Conference|Council|council|video call|phone call|"
    r"telephone call|videoconference|video conference|video link|visit|talks|ceremony|event|forum|Forum|"
    r"telephone conversation|phone conversation|conversation|"
    r"discussion|reception|consultations|dinner)\b")

_LABEL_RE = re.compile(
    r"(?:(?:an?|the|this year's|this year’s)\s+)?"
    r"((?:(?:[A-Z][\w'’-]*|\d+\w*|informal|formal|extraordinary|regular|trilateral|bilateral|working|ministerial|"
    r"traditional|two-day|first|second|last|joint|high-level|annual|plenary|inaugural|official|video|phone|"
    r"telephone|EU|of|and|the|foreign|interior|defence|finance|justice|health|environment|agriculture|"
    r"economic|ministers|leaders|government|home|affairs|security|courtesy|ministerial|heads)\s+){0,8}"
    r"(?:meetings?|session|[Ss]ummit|[Cc]onference|Council|council|video call|phone call|telephone call|"
    r"videoconference|video conference|visit|talks|ceremony|event|[Ff]orum|reception|consultations)"
    r"(?:\s+(?:of|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*|EU|and|of|the|for)(?:\s+(?:[A-Z][\w'’-]*|EU|and|of|the|for|"
    r"\([A-Z]+\)|interior|foreign|home|affairs|justice|defence|finance|health|environment|agriculture|economic))*"
    r"(?:\s+(?:leaders|ministers|heads of state or government|member states|representatives))?)?)")

_NOT_A_MEETING = re.compile(r"^(?:President|Minister|Commissioner|Secretary|Chancellor)\b|\b(?:of|on)$|\bPresidency\b")

_OTHER_TIME = OTHER_TIME

_MARGINS = re.compile(r"\b(?:[Ii]n|[Oo]n) the (?:margins|sidelines|fringes) of (?:the )?(\w+(?: \w+)?)")

_PLACE_PREP = re.compile(r"\b(?:in|at|on the island of|to)\s+(?:the\s+)?")

_VENUE = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+(?:" + "|".join(gz.PLACE_HEADS) + r"))\b")

def _meeting_label(sentence: str) -> str | None:
    for m in _LABEL_RE.finditer(sentence):
        label = " ".join(m.group(1).split())
        label = re.sub(r"\s+(?:of|on|and|the|for)$", "", label)
        label = re.sub(r"^(?:(?:of|and|the|The|for|on|a|A|an|An)\s+)+", "", label)
        if label.lower() in {"discussion", "dinner", "event", "talks"} and len(label.split()) == 1:
            continue
        if _NOT_A_MEETING.search(label):
            continue
        return label[0].upper() + label[1:]
    return None

# Meeting kinds by the words of a meeting's name, first match wins (PLOVER's consult modes where they fit).
_KIND_WORDS: tuple[tuple[tuple[str, ...], MeetingKind], ...] = (
    (("european council", "summit"), "summit"),
    (("council",), "council"),
    (("conference", "forum"), "conference"),
    (("call", "video", "conversation"), "phone"),
    (("visit",), "visit"),
    (("bilateral", "talks"), "bilateral"),
    (("ceremony", "event", "reception"), "event"),
    (("trilateral", "quadrilateral", "informal", "ministers", "leaders"), "multilateral"),
)

def _kind(label: str) -> MeetingKind:
    low = label.lower()
    return next((kind for words, kind in _KIND_WORDS if any(w in low for w in words)), "meeting")

def _place_in(ctx: Context, start: int, end: int) -> Place | None:
    """A city or venue named after 'in'/'at' within [start, end)."""
    text = ctx.text
    for m in _PLACE_PREP.finditer(text, start, end):
        rest = text[m.end():min(end, m.end() + 60)]
        venue = _VENUE.match(rest)
        if venue:
            around = _city_after_venue(ctx, m.end() + venue.end(), end)
            return around or Place(venue.group(1), _country_after(text, m.end() + venue.end()) or ctx.home)
        city = gz.CITY_FINDER.match(rest)
        if city and not _modifies_noun(ctx, m.end() + city.start(1), m.end() + city.end(1)):
            return Place(city.group(1), gz.CITIES[city.group(1)])
        ent = next((e for e in ctx.doc.ents if e.start_char == m.end() and (e.label_ in {"GPE", "FAC"} or (
            e.label_ == "LOC" and not _REGION_WORDS.intersection(e.text.split())))), None)  # "South Asia" is no place
        if ent is not None and not gz.country_code(ent.text) and not gz.body_for(ent.text) \
                and ent.text not in {"EU", "Europe"} and ent.text[0].isupper():
            return Place(ent.text, _country_after(text, ent.end_char))
    return None

def _modifies_noun(ctx: Context, start: int, end: int) -> bool:
    """A place name used as a modifier ('the Schengen area', 'the Brussels agreement') names no meeting place."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"compound", "amod", "nmod"} and span.root.head.i >= span.end


# Words of the names of regions, which are no meeting place (general geography, not a list of places).
_REGION_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Middle",
                 "Asia", "Africa", "Europe", "America", "Americas", "Balkans", "Caucasus", "Pacific", "Atlantic",
                 "Mediterranean", "Gulf", "Sea", "Ocean", "Region", "Sahel", "Arctic", "Caribbean", "Peninsula"}


def _city_after_venue(ctx: Context, pos: int, end: int) -> Place | None:
    """'at the Palace of Nations in Geneva': the city the venue is in, which names the place."""
    m = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)?(?:\s+in|,)\s+").match(ctx.text, pos, end)
    city = gz.CITY_FINDER.match(ctx.text[m.end():end]) if m else None
    return Place(city.group(1), gz.CITIES[city.group(1)]) if city else None


def _country_after(text: str, pos: int) -> str | None:
    m = re.match(r",\s+(?:the\s+)?([A-Z][\w ]+?)\b(?=[,.;)]|\s+[a-z–-])", text[pos:pos + 40])
    return gz.country_code(m.group(1)) if m else None

def _dateline_place(ctx: Context) -> Place | None:
    body = ctx.text[ctx.title_end:ctx.title_end + 300]
    m = re.search(r"(?m)^\s*([A-Z][\w'’ -]+?),\s+(?:[A-Z][\w ]+\s+[–-]|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d|\()", body)
    name = m.group(1).title() if m and m.group(1).isupper() else m.group(1) if m else None  # "ABU DHABI, (WAM) -"
    if name and name in gz.CITIES:
        return Place(name, gz.CITIES[name])
    return None

def _meeting_date(ctx: Context, start: int, end: int) -> date | None:
    """The date a sentence gives its meeting.

    An explicit date, unless it is a date of something else ("the Council of 9 February");
    a dateline opening the sentence ("Ljubljana, 12 March 2019 – ... met yesterday") is the
    publication date, against which its relative words are resolved; relative words
    elsewhere are resolved against the document's publication date, when one is known.
    """
    segment = ctx.text[start:end]
    base = ctx.source.published
    explicit = explicit_dates(segment, start)
    opening = re.match(r"\s*[A-Z][\w .,'’-]{0,40}[,(]\s*$", ctx.text[start:explicit[0].start]) if explicit else None
    if opening and re.match(r"\)?\s*[–—:-]", ctx.text[explicit[0].end:]):
        base, explicit = explicit[0].value, explicit[1:]  # "Podgorica (11 January 2012) – ...": the release's date
    year_of = base or ctx.stated_date
    partial = [] if _OTHER_TIME.search(segment) else partial_dates(segment, year_of, start)  # "to be held on 3 May"
    for d in explicit + partial:
        if re.search(r"\b(?:of|since|until|from|before|after)\s+(?:the\s+)?$", ctx.text[max(0, d.start - 12):d.start]):
            continue
        return d.value
    rel = relative_dates(segment, base, start)
    return rel[0].value if rel else None

def find_meetings(ctx: Context, sides: list[EncounterSides]) -> tuple[list[Meeting], dict[int, int]]:
    """The main meeting of the document, and side meetings held in its margins or beside it."""
    sents = [s for s in ctx.sents if s.start_char >= ctx.title_end]
    title = ctx.text[:ctx.title_end]
    main_sent: Span | None = None
    for sent in sents:
        if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue  # a heading ("Ms X, Governor of the Y Council") tells of no meeting
        if _MEETING_NOUN.search(sent.text) or any(t.lemma_ in {"meet", "attend", "visit"} for t in sent):
            has_actor = persons_in(ctx, sent.start_char, sent.end_char) or find_roles(sent.text) or any(
                t.lemma_ in {"attend", "participate", "meet", "hold", "host", "gather", "take", "visit"} for t in sent)
            if has_actor:
                main_sent = sent
                break
    if main_sent is None and not _MEETING_NOUN.search(title):
        return [], {}
    in_title = _meeting_label(title)
    in_text = _meeting_label(main_sent.text) if main_sent is not None else None
    if in_title and len(in_title.split()) > 1 or not in_text:
        label = in_title or "Meeting"  # a headline names the meeting best, unless it only says "Council"
    else:
        label = in_text
    if main_sent is not None and label == "Meeting" and any(t.lemma_ == "meet" for t in main_sent) \
            and len(persons_in(ctx, main_sent.start_char, main_sent.end_char)) == 2:
        label = "Bilateral meeting"  # "A met with B"
    lead = next((s for s in sents if not _is_dateline(s.text)), None)
    if lead is main_sent:
        lead = None
    place = None if _kind(label) == "phone" else _meeting_place(ctx, main_sent, lead)
    when = _meeting_when(ctx, main_sent, lead)
    main = Meeting(label=label, kind=_kind(label), date=when, place=place)
    meetings = [main]
    sentence_meeting: dict[int, int] = {}
    side_people: set[int] = set()
    for sent in sents:
        if sent is main_sent:
            continue
        margins = _MARGINS.search(sent.text)
        own = _own_meeting_phrase(sent, margins)
        people = persons_in(ctx, sent.start_char, sent.end_char)
        if own and people:
            label_side = _meeting_label(own) or "Meeting"
            side = Meeting(label=label_side, kind=_kind(label_side), date=main.date, place=_place_in(
                ctx, sent.start_char, sent.end_char) or main.place, part_of=0 if margins else None)
            side.attendees = list(people)
            side_people.update(people)
            meetings.append(side)
            sentence_meeting[sent.start_char] = len(meetings) - 1
    _attendance(ctx, meetings, main_sent, side_people)
    _separate_encounters(ctx, sides, meetings, main_sent, sentence_meeting)
    _conveners(ctx, meetings, main_sent)
    _meeting_topics(ctx, meetings, main_sent, sentence_meeting)
    return meetings, sentence_meeting


_UMBRELLA_KINDS = {"visit", "summit", "council", "conference", "multilateral", "event"}


def _separate_encounters(ctx: Context, sides: list[EncounterSides], meetings: list[Meeting], main_sent: Span | None,
                         sentence_meeting: dict[int, int]) -> None:
    """Several encounters told in different sentences with different named people are separate meetings
    ("Minister X met A ... Later that day, Minister X met with B"); those met only there leave the main one.

    Each is held where its own sentence says if that is a city, else where the main meeting is, else at
    the venue its sentence names; it is part of the main meeting when that is a visit, summit or session.
    An encounter of a writer the text does not name ("On 3 May I met X") is a meeting of its own
    only when its sentence dates it otherwise than the main meeting.
    """
    groups: list[tuple[Span, frozenset[int], tuple[int, ...]]] = []
    dated_apart = False  # an encounter of an unnamed writer on a day of its own
    for side in sides:
        people = frozenset(side.actor + side.other)
        if any(ctx.persons[p].name is None for p in people) or any(g[1] == people for g in groups):
            continue
        if not side.actor:
            if _meeting_date(ctx, side.sent.start_char, side.sent.end_char) in {None, meetings[0].date}:
                continue
            dated_apart = True
        groups.append((side.sent, people, side.other))
    if len(groups) < 2 and not dated_apart:
        return
    main = meetings[0]
    in_main = set(persons_in(ctx, main_sent.start_char, main_sent.end_char)) if main_sent is not None else set()
    moved: set[int] = set()
    for sent, people, others in groups:
        if main_sent is not None and sent.start_char == main_sent.start_char or sent.start_char in sentence_meeting:
            continue
        own = _place_in(ctx, sent.start_char, sent.end_char)
        place = own if own is not None and own.label in gz.CITIES else (main.place or own)
        company = _companions(ctx, sent, people)
        meetings.append(Meeting(label="Bilateral meeting", kind="bilateral",
                                date=_meeting_date(ctx, sent.start_char, sent.end_char) or main.date, place=place,
                                attendees=sorted(people | company), part_of=0 if main.kind in _UMBRELLA_KINDS else None))
        sentence_meeting[sent.start_char] = len(meetings) - 1
        moved.update(p for p in others + tuple(company) if p not in in_main)
    main.attendees = [p for p in main.attendees if p not in moved]


def _companions(ctx: Context, sent: Span, people: frozenset[int]) -> set[int]:
    """People the next sentence says accompanied someone of an encounter ("She was accompanied by A and B").
    (In the encounter's own sentence, "X, accompanied by Y, met Z", they are in its subject already.)"""
    following = next((s for s in ctx.sents if s.start_char >= sent.end_char), None)
    found: set[int] = set()
    for tok in following if following is not None else ():
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if tok.lemma_ != "accompany" or agent is None or subject is None:
            continue
        who = resolve_subject(ctx, sorted(subject.subtree, key=lambda t: t.i), {"speaker": None}, countries=False)
        if people.intersection(who):
            found.update(p for p in persons_in(ctx, agent.idx, max(t.idx + len(t) for t in agent.subtree))
                         if p not in people)
    return found


def _meeting_place(ctx: Context, main_sent: Span | None, lead: Span | None) -> Place | None:
    """Where the main meeting was: its sentence, the headline, the dateline, the lead, a hosting city,
    else the first city the text puts someone in. (A call has no one place: the caller skips it.)"""
    finders: list[Callable[[], Place | None]] = [
        lambda: _place_in(ctx, main_sent.start_char, main_sent.end_char) if main_sent is not None else None,
        lambda: _place_in(ctx, 0, ctx.title_end),
        lambda: _dateline_place(ctx),
        lambda: _place_in(ctx, lead.start_char, lead.end_char) if lead is not None else None,
        lambda: _hosting_city(ctx),
        lambda: _first_city(ctx),
    ]
    return next((place for find in finders if (place := find()) is not None), None)


def _meeting_when(ctx: Context, main_sent: Span | None, lead: Span | None) -> date | None:
    """The main meeting's date from its sentence, else the headline, else the lead."""
    spans = [(s.start_char, s.end_char) for s in (main_sent,) if s is not None] + [(0, ctx.title_end)]
    spans += [(s.start_char, s.end_char) for s in (lead,) if s is not None]
    # then the first body sentences that tell of the same time (not background)
    spans += [(max(s.start_char, ctx.title_end), s.end_char) for s in ctx.sents[:8]
              if s.end_char > ctx.title_end and s is not main_sent and s is not lead and not _OTHER_TIME.search(s.text)]
    return next((when for start, end in spans if (when := _meeting_date(ctx, start, end)) is not None), None)


def _is_dateline(line: str) -> bool:
    """'Ljubljana, 14 March 2024' or '30.06.2008': a line that only says where and when."""
    text = line.strip()
    dates = explicit_dates(text)
    if not dates or "\n" in text:
        return False
    rest = "".join(ch for i, ch in enumerate(text) if not any(d.start <= i < d.end for d in dates))
    return len(rest.strip(" ,–-")) <= 30

def _first_city(ctx: Context) -> Place | None:
    """The first known city the body places someone 'in' (not in sentences about other times)."""
    for sent in ctx.sents:
        if sent.start_char < ctx.title_end or _OTHER_TIME.search(sent.text):
            continue
        m = next((c for c in gz.CITY_FINDER.finditer(sent.text) if sent.text[:c.start()].endswith("in ")
                  and not _modifies_noun(ctx, sent.start_char + c.start(1), sent.start_char + c.end(1))), None)
        if m:
            return Place(m.group(1), gz.CITIES[m.group(1)])
    return None

def _hosting_city(ctx: Context) -> Place | None:
    m = re.search(r"\b([A-Z][\w]+) hosted\b", ctx.text)
    if m and m.group(1) in gz.CITIES:
        return Place(m.group(1), gz.CITIES[m.group(1)])
    return None

def _own_meeting_phrase(sent: Span, margins: re.Match[str] | None) -> str | None:
    """A meeting this sentence introduces besides the main one ('a trilateral meeting was held ...')."""
    text = sent.text
    if margins:
        rest = text[:margins.start()] + " " + text[margins.end():]
    else:
        rest = text
    if re.search(r"\bhad (?:already |previously )?(?:held|met)\b", rest) or _OTHER_TIME.search(rest):
        return None
    if not margins and not re.search(r"\b(?:held|attend|attended|participated in|took part in)\s+(?:an?|the)\s+"
                                     r"(?:[\w-]+\s+){0,4}meeting\b(?!s)", rest):
        return None
    m = re.search(r"\b(?:an?|the)\s+((?:[\w-]+\s+){0,3}meeting\b(?!s)(?:\s+of\s+(?:the\s+)?[A-Z0-9][\w-]*(?:\s+[a-zA-Z][\w-]*){0,3})?)",
                  rest)
    if not m:
        return None
    if margins is None and re.match(r"\s*with\b", rest[m.end():]) and re.search(r"\bfirst\b", m.group(1)):
        return None
    return m.group(1)

_PARTICIPATION = re.compile(r"\b(?:participat\w*|attend\w*|present|took part|take part|joined|join|"
                            r"represent\w*|headed by|hosted|host|moderat\w*|chaired)\b")

def _attendance(ctx: Context, meetings: list[Meeting], main_sent: Span | None, side_people: set[int]) -> None:
    """People the document places at the main meeting.

    Named in the meeting's sentence, acting in the document (a subject, a speaker) or listed
    among the participants; not people only mentioned about other times or side meetings.
    """
    main = meetings[0]
    main_people = set(persons_in(ctx, main_sent.start_char, main_sent.end_char)) if main_sent is not None else set()
    actors = _actors(ctx) | ctx.speakers
    for i, cluster in enumerate(ctx.clusters):
        if i in side_people and i not in main_people:
            continue
        sents = [span.sent for m in cluster.mentions
                 if (span := ctx.doc.char_span(m.start, m.end, alignment_mode="expand")) is not None]
        if i in main_people:
            main.attendees.append(i)
        elif sents and all(_OTHER_TIME.search(s.text) for s in sents):
            continue
        elif i in actors or any(_PARTICIPATION.search(s.text) for s in sents):
            main.attendees.append(i)

def _actors(ctx: Context) -> set[int]:
    """People who are the subject of some verb in the document."""
    found: set[int] = set()
    for tok in ctx.tokens:
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "acl":
            found.update(resolve_subject(ctx, subject_of(tok), {"speaker": None}, countries=False))
    return found

_PRESIDENCY = re.compile(r"\b[Tt]he (" + "|".join(map(re.escape, gz.DEMONYMS)) + r") [Pp]residency\b")

def _conveners(ctx: Context, meetings: list[Meeting], main_sent: Span | None) -> None:
    text = ctx.text
    main = meetings[0]
    for m in re.finditer(r"\b(?:convened|chaired|hosted|organi[sz]ed|presided over)\s+by\s+(?:the\s+)?", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 100])
    for m in re.finditer(r"\b[Tt]he host of the \w+(?:,| was)\s+(?:the\s+)?", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 140])
    for m in re.finditer(r"\bat the initiative of\s+", text):
        _add_convener(ctx, main, m.end(), text[m.end():m.end() + 80])
    for m in re.finditer(r"\bvisit(?: by [^.]{0,80}?)? to\s+", text[: ctx.title_end + 400]):
        persons = persons_in(ctx, m.end(), m.end() + 60)
        if persons:
            _add_person_convener(main, persons[0])
    for m in re.finditer(r"\bunder the auspices of the (\w+) [Pp]residency", text):
        code = gz.DEMONYMS.get(m.group(1))
        if code:
            _add_org_convener(main, Org(gz.country_label(code), code))
    for m in _PRESIDENCY.finditer(text):
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        head = span[-1]
        if head.dep_ in {"nsubj", "nsubjpass"} or (head.head.dep_ in {"nsubj"} and head.dep_ == "prep"):
            code = gz.DEMONYMS[m.group(1)]
            _add_org_convener(main, Org(gz.country_label(code), code))
    for m in re.finditer(r"\b(?:[Tt]he\s+)?(Ministry of [A-Z][\w ]+?|Ministry of the [A-Z]\w+) organi[sz]ed\b", text):
        _add_org_convener(main, Org(m.group(1)))

def _add_convener(ctx: Context, meeting: Meeting, start: int, window: str) -> None:
    persons = persons_in(ctx, start, start + len(window))
    first_person_at = min((m.start for c in persons for m in ctx.clusters[c].mentions if m.start >= start), default=None)
    stop = re.search(r"[.;]|\bwhere\b|\bwhich\b|\bwas\b", window)
    limit = start + (stop.start() if stop else len(window))
    orgs: list[Org] = []
    chunk = ctx.text[start:limit]
    for part in re.split(r",\s+|\s+and\s+(?:the\s+)?", chunk):
        part = part.strip()
        part = re.sub(r"^the\s+", "", part)
        body = gz.body_for(part)
        code = gz.country_code(part)
        if body:
            orgs.append(Org(body))
        elif code:
            orgs.append(Org(gz.country_label(code), code))
        elif re.match(r"(?:[A-Z]\w+\s+)*(?:Ministry|Institute|Bank|Office|Government|Agency|Centre|Foundation)\b", part):
            orgs.append(Org(re.sub(r"^(?:" + "|".join(gz.DEMONYMS) + r")\s+", "", part) if part.split()[0] in gz.DEMONYMS else part))
        elif re.match(r"(\w+) [Pp]residency", part) and gz.DEMONYMS.get(part.split()[0]):
            code = gz.DEMONYMS[part.split()[0]]
            orgs.append(Org(gz.country_label(code), code))
    if first_person_at is not None and first_person_at < limit + 60 and (not orgs or first_person_at - start < 60):
        _add_person_convener(meeting, persons[0])
        return
    for org in orgs:
        _add_org_convener(meeting, org)

def _add_person_convener(meeting: Meeting, person: int) -> None:
    if person not in meeting.convener_persons:
        meeting.convener_persons.append(person)

def _add_org_convener(meeting: Meeting, org: Org) -> None:
    if org not in meeting.convener_orgs:
        meeting.convener_orgs.append(org)

def _meeting_topics(ctx: Context, meetings: list[Meeting], main_sent: Span | None, sentence_meeting: dict[int, int]) -> None:
    """Topics of the title and of the sentences that tell about a meeting: its own, and those after it that are
    not set at another time, until the text turns to another meeting."""
    own = {ctx.home.lower()} if ctx.home else set()

    def add(meeting: Meeting, sent: Span, start: int, end: int) -> None:
        hits = topics_in(ctx.doc, ctx.scheme, sent, start, end, own, ctx.rule_topics, discussion=True)
        known = [h.topic_id for h in hits if h.topic_id in ctx.scheme.topics]
        made = [h.topic_id for h in hits if h.topic_id not in ctx.scheme.topics]
        for t in ctx.scheme.most_specific(known) + made:
            if t not in meeting.topics:
                meeting.topics.append(t)

    title = ctx.doc.char_span(0, ctx.title_end, alignment_mode="contract") if ctx.title_end else None
    if title is not None:
        add(meetings[0], title, 0, ctx.title_end)
    current = 0  # the meeting the text is telling about: the last one a sentence was set in
    for sent in ctx.sents:
        idx = sentence_meeting.get(sent.start_char)
        if main_sent is not None and sent.start_char == main_sent.start_char:
            current = 0
        if idx is not None:
            current = idx
            add(meetings[idx], sent, sent.start_char, sent.end_char)
        elif sent.start_char >= ctx.title_end and (not OTHER_TIME.search(sent.text) or any(
                t.lemma_ in lx.DISCUSS_VERBS for t in sent)):
            add(meetings[current], sent, sent.start_char, sent.end_char)  # what the meeting told about was about
    for meeting in meetings:  # a visit covers what its meetings covered
        if meeting.part_of is not None:
            whole = meetings[meeting.part_of]
            whole.topics.extend(t for t in meeting.topics if t not in whole.topics)

