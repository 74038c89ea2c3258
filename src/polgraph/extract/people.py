"""People and their posts: role titles next to names, spaCy PERSON entities, surname references.

A *mention* is a stretch of text naming a person; mentions are grouped into people by name
(a surname or a trailing part of a full name refers to the full name in the same document).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract import names
from polgraph.models import Org, Post

_NOT_NAME = {
    "The", "A", "An", "In", "At", "On", "During", "This", "That", "These", "Those", "He", "She", "It", "They",
    "We", "I", "Our", "His", "Her", "Their", "Its", "Today", "Tomorrow", "Yesterday", "After", "Before",
    "Following", "Minister", "Ministers", "Ministry", "President", "Prime", "State", "Secretary", "Council",
    "Commission", "European", "Union", "EU", "Presidency", "Government", "Republic", "Federal", "Mr", "Mrs",
    "Ms", "Dr", "Also", "And", "But", "While", "However", "Regarding", "According", "With", "For", "From",
    "By", "To", "Of", "As", "When", "Where", "Both", "All", "Each", "Interior", "Foreign", "Home", "Affairs",
    "Deputy", "General", "Director", "Commissioner", "Ambassador", "Police", "Chancellor", "Head", "Office",
    "Agency", "Schengen", "Covid", "COVID", "Brexit", "Western", "Eastern", "Central", "Southern", "Northern",
    "Balkans", "Balkan", "Mediterranean", "Africa", "Europe", "Asia", "Slovenia", "Summit", "Conference",
    "Meeting", "Process", "Strategy", "Pact", "Regulation", "Code", "Convention", "Treaty", "Agreement",
    "Square", "Castle", "Centre", "Center", "Palace", "Hall", "Forum", "Day", "Week", "Dear", "Support",
    "Alliance", "NATO", "Gymnich", "Quadrilaterale", "Strait", "Sea", "Island", "Permanent", "Representative",
    "Chief", "Prosecutor", "Managing", "Executive", "High", "Vice", "King", "Queen", "Mayor", "Governor",
    "Department", "Directorate", "Ministerial", "Embassy", "Cabinet", "Parliament", "Senate", "Congress",
    "National", "International", "Joint", "Statement", "Press", "Release", "Readout",
}


def _third_person(lemma: str) -> str:
    """ "holds", "discusses", "carries": the present tense a title is written in."""
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"



# Verbs of the genre in a title's present tense: "Wang Lin Holds Talks with ..." ends the name at "Holds"
_HEADLINE_VERBS = frozenset(_third_person(lemma) for lemma in (lx.TAKING_PART_VERBS | lx.ENCOUNTER_VERBS
                                                                 | lx.DISCUSS_VERBS | lx.SPEECH_VERBS
                                                                 | set(lx.REPORTING_VERBS)))
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"}
_WORD = r"[^\W\d_][\w'’.\-]*"


@dataclass(frozen=True)
class RoleMention:
    """A role title found in text, with what it says about the organisation."""

    start: int
    end: int
    title: str  # canonical role title
    org: Org | None
    plural: bool = False
    countries: tuple[str, ...] = ()  # for plural roles: "of Slovenia, Croatia and Italy"


@dataclass
class NameMention:
    start: int
    end: int
    tokens: tuple[str, ...]
    role: RoleMention | None = None
    strong: bool = False  # found next to a title or honorific, or as a multi-token PERSON entity


@dataclass
class PersonCluster:
    """One person of a document: the fullest name and every mention of it."""

    tokens: tuple[str, ...]
    mentions: list[NameMention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def first_offset(self) -> int:
        return min(m.start for m in self.mentions)


# ---------------------------------------------------------------- role titles

def _portfolio_alternation() -> str:
    words = sorted({w for ws in gz.PORTFOLIOS.values() for w in ws}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


_PORT = _portfolio_alternation()
_PWORD = "(?:" + "|".join(gz.PORTFOLIO_WORDS) + ")"
_DEMONYM = "|".join(sorted(map(re.escape, gz.DEMONYMS), key=len, reverse=True))
_OFFICE = "|".join(re.escape(t) for t, _ in sorted(gz.OFFICES, key=lambda o: len(o[0]), reverse=True))
_COUNTRY_NAMES = "|".join(sorted(map(re.escape, gz.country_names()), key=len, reverse=True))
_BODY_NAMES = "|".join(sorted({re.escape(a) for v in gz.BODIES.values() for a in v if len(a) > 3 or a.isupper()},
                              key=len, reverse=True))  # "UN", "WHO": acronyms match only in capitals
# A nationality before an office ("the Chilean and Peruvian Trade Ministers"), matched backwards
# from where the office starts: searching the text for offices first is much faster.
_PRE_RE = re.compile(
    r"(?:(?:former|new|then|current)\s+)?"
    r"(?P<dem>" + _DEMONYM + r"|" + _COUNTRY_NAMES + r")(?:\s+and\s+(?P<dem2>" + _DEMONYM + r"))?"
    r"(?:[ \t]+\n?|\n)[ \t]*\Z")  # on the office's line or the one before (not past a blank line: a headline)
_ROLE_RE = re.compile(
    r"(?P<core>"
    r"(?:(?:1st|First|Second)\s+)?(?:Deputy\s+)?Prime\s+Mini?sters?"  # "Prime Minster": a common typo
    r"|(?P<pf>(?i:" + _PORT + r"))\s+[Mm]inisters?"
    r"|(?P<pfw>(?!Union\b)" + _PWORD + r"(?:[ \t]+(?:and[ \t]+)?" + _PWORD + r"){0,2})[ \t]+Ministers?"  # "Trade Minister", "Energy and Climate Minister"
    r"|(?P<office4>(?:Deputy\s+|Assistant\s+|Union\s+)?[Mm]inisters?(?:\s+of\s+State)?|Secretary\s+of\s+State|(?:Cabinet\s+)?Secretary)"
    r"\s+(?:of|for)\s+(?:the\s+)?(?P<pf3>" + _PWORD + r"(?:(?:,\s+|\s+and\s+|\s+|\s+of\s+)" + _PWORD + r"){0,6})"
    r"|[Mm]inisters?\s+(?:(?:of|for)\s+(?:the\s+)?|responsible\s+for\s+)(?P<pf2>(?i:" + _PORT + r"))"
    r"(?:,\s+European Union and Cooperation)?"
    r"|(?P<pfs>(?:Foreign|Defen[cs]e|Home|Treasury|Health|Commerce|Energy|Education|Transportation|Cabinet))\s+Secretary"
    r"|(?:European\s+)?Commissioner(?:\s+for\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*(?:(?:,\s+|\s+and\s+)[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)*)?"
    r"|" + _OFFICE + r"s?"
    r"|colleagues?|counterparts?"
    r"|(?P<lower>ambassador|prime minister|minister|president|chancellor|governor|mayor|senator|premier)"
    r"(?=[ \t]+(?:(?:Mr|Mrs|Ms|Dr)\.?[ \t]+)?[A-Z][a-z])"  # "thanked ambassador Ana Lima": before a name only
    r"|[Ee]uropean\s+commissioner"
    r"|(?P<bodypre>" + _BODY_NAMES + r")\s+(?:[Pp]resident|Secretary[- ]General|Director[- ]General|Commissioner)"
    r")"
    r"(?P<post>\s+(?:of|to)\s+(?:the\s+)?(?:(?P<dem3>" + _DEMONYM + r")\s+(?P<inst>Police|Government|Ministry of \w+)"
    r"|(?:Republic\s+of\s+)?(?:[a-z]+\s+)?(?P<ofc>" + _COUNTRY_NAMES + r")(?![\w-])"  # "of neighbouring Hungary"
    r"|(?P<ofb>" + _BODY_NAMES + r")(?:\s+\([A-Z]+\))?"
    # "of the Executive Board of the Maritime Safety Agency": a body's name ends in its head noun
    r"|(?P<ofo>(?:[A-Z][\w-]+\s+)*(?:Government|Police|Ministry|Office|Agency|Bank|Institute|Board|Committee|"
    r"Court|Assembly|Centre|Center|Fund|Organization|Organisation|Authority)"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w-]+\s+)*[A-Z][\w-]+)?)))?",
    re.UNICODE,
)


def _canonical_title(core: str, portfolio: str | None) -> str:
    core_norm = re.sub(r"\s+", " ", core).strip()
    if portfolio:
        # one title for the wordings of the same portfolio ("Interior Minister", "Minister of the Interior");
        # a portfolio of other words keeps them ("External Affairs Minister": Minister of External Affairs)
        p = re.sub(r"\s+", " ", portfolio.lower())
        for title, words in gz.PORTFOLIOS.items():
            if p in words and set(re.sub(r"^the ", "", p).split()) <= set(title.lower().split()):
                return title
        written = re.sub(r"\s+", " ", portfolio)
        return "Minister of " + written[0].upper() + written[1:]
    if re.match(r"(?:(?:1st|First|Second)\s+)?(?:Deputy\s+)?Prime Mini?sters?", core_norm):
        t = re.sub(r"s$", "", core_norm).replace("Minster", "Minister")
        return t[0].upper() + t[1:]
    low = core_norm.lower()
    if low == "european commissioner":
        return "Commissioner"
    body_office = re.match(r"(?:" + _BODY_NAMES + r")\s+(.+)$", core_norm)
    if body_office:  # "NATO Secretary General" -> "Secretary General" (of NATO)
        return body_office.group(1)[0].upper() + body_office.group(1)[1:]
    if low.startswith(("european commissioner", "commissioner")):
        return re.sub(r"^European\s+", "", core_norm)
    if low in {"colleague", "colleagues", "counterpart", "counterparts"}:
        return "counterpart"
    t = re.sub(r"(?<=[a-z])s$", "", core_norm) if low.endswith(("ministers", "presidents", "secretaries")) else core_norm
    t = t.replace("Secretarie", "Secretary")
    return t[0].upper() + t[1:]


def _org_for(m: re.Match[str], pre: re.Match[str] | None, title: str) -> tuple[Org | None, tuple[str, ...]]:
    countries: list[str] = []
    for g in ("dem", "dem2"):
        if pre is not None and pre.group(g):
            countries.append(gz.country_code(pre.group(g)) or "")
    if m.group("dem3"):
        countries.append(gz.country_code(m.group("dem3")) or "")
    if (m.group("post") or "").split()[:1] == ["to"]:
        pass  # "Ambassador to Japan", "Permanent Representative to the EU": where one is sent, not whose
    elif m.group("ofc"):
        countries.append(gz.country_code(m.group("ofc")) or "")
    elif m.group("ofb"):
        body = gz.body_for(m.group("ofb"))
        if body and not countries:
            return Org(body), ()
    elif m.group("ofo") and not countries:
        return Org(m.group("ofo")), ()
    countries = [c for c in countries if c]
    if m.group("bodypre") and not countries:
        body = gz.body_for(m.group("bodypre"))
        return (Org(body), ()) if body else (None, ())
    if countries:
        return Org(gz.country_label(countries[0]), countries[0]), tuple(countries)
    core = re.sub(r"\s+", " ", m.group("core")).lower()
    for office, default in gz.OFFICES:
        if default and any(t == office.lower() or t.startswith(office.lower() + " ") for t in (title.lower(), core)):
            return Org(default), ()
    if m.group("bodypre"):
        body = gz.body_for(m.group("bodypre"))
        return (Org(body), ()) if body else (None, ())
    return None, ()


def find_roles(text: str) -> list[RoleMention]:
    """Role titles such as 'Chilean Trade Minister' or 'Minister of Finance of the Republic of Ghana'."""
    return list(_find_roles(text))


@lru_cache(maxsize=8192)
def _find_roles(text: str) -> tuple[RoleMention, ...]:
    roles = []
    for m in _ROLE_RE.finditer(text):
        core = m.group("core")
        pre = _PRE_RE.search(text, max(0, m.start() - 60), m.start())
        if core[0].islower() and core.lower().startswith("minister") and not m.group("pf2"):
            # lower-case "ministers" in prose is a role only with a portfolio or nationality
            if not (pre or m.group("pf")):
                continue
        office = m.group("office4")
        if (office and not re.fullmatch(r"[Mm]inisters?", office)) or m.group("pfs"):
            # "Secretary of State for Trade", "Minister of State for Health", "Defence Secretary": as written
            title = re.sub(r"\s+", " ", core).replace("Ministers", "Minister")
            title = title[0].upper() + title[1:]
        else:
            title = _canonical_title(core, m.group("pf") or m.group("pfw") or m.group("pf2") or m.group("pf3"))
        org, countries = _org_for(m, pre, title)
        end = m.end("post") if m.group("post") else m.end("core")
        plural = bool(re.search(r"\b(?:[Mm]inisters|Presidents|colleagues|counterparts|Secretaries)\b", core))
        if m.group("ofc") and plural:
            more = re.compile(r"(?:,\s*|\s+and\s+)(" + _COUNTRY_NAMES + r")(?![\w-])")
            while (n := more.match(text, end)) is not None:
                countries = countries + (gz.country_code(n.group(1)) or "",)
                end = n.end()
        plural = plural or bool(pre and pre.group("dem2"))
        start = pre.start("dem") if pre else m.start("core")
        if org is None:
            owner = re.search(r"\b([A-Z][\w-]+)['’]s\s+(?:[a-z]+\s+){0,3}$", text[max(0, start - 60):start])
            if owner:
                code = gz.country_code(owner.group(1))
                org = Org(gz.country_label(code), code) if code else Org(gz.body_for(owner.group(1)) or owner.group(1))
        roles.append(RoleMention(start, end, title, org, plural, countries))
    return tuple(_share_state(text, roles))


def _share_state(text: str, roles: list[RoleMention]) -> list[RoleMention]:
    """Offices joined by 'and' share the state the last one names
    ("Deputy Premier and Minister of Trade of Peru")."""
    for k in range(len(roles) - 2, -1, -1):
        first, second = roles[k], roles[k + 1]
        if first.org is None and second.org is not None and re.fullmatch(r"\s*(?:and|&|,)\s*", text[first.end:second.start]):
            roles[k] = RoleMention(first.start, first.end, first.title, second.org, first.plural, second.countries)
    for k in range(len(roles) - 1):  # "his Kenyan counterpart, Trade Minister X": the office is the counterpart's
        first, second = roles[k], roles[k + 1]
        if first.title == "counterpart" and first.org is not None and second.org is None and not first.plural \
                and re.fullmatch(r"\s*,\s*(?:the\s+)?", text[first.end:second.start]):
            roles[k + 1] = RoleMention(second.start, second.end, second.title, first.org, second.plural, first.countries)
    return roles


# ---------------------------------------------------------------- names

_NAME_TOKEN = re.compile(r"[ \t]*\n?[ \t]*(" + _WORD + r")")  # a hard-wrapped line may split a name


# Head nouns of organisations' names: a capitalised run ending in one names a body, not a person.
_ORG_HEADS = {"Agency", "News", "Ministry", "Office", "Council", "Committee", "Institute", "University", "Bank",
              "Service", "Services", "Group", "Party", "Foundation", "Association", "Organisation", "Organization",
              "Commission", "Department", "Directorate", "Authority", "Corporation", "Company", "Fund", "Press",
              "Times", "Daily", "Post", "Herald", "Gazette", "Television", "Radio", "Network", "Coalition"}
_STYLE_LINK = {"the", "The"}  # "Senator the Hon Clara Whitfield"


def _word_at(text: str, pos: int) -> re.Match[str] | None:
    return _NAME_TOKEN.match(text, pos)


def _next_word(text: str, pos: int) -> str:
    t = _word_at(text, pos)
    return t.group(1) if t else ""


def _skip_styles(text: str, pos: int) -> int:
    """Past styles of address before a name: 'H.E. Mr', 'Senator the Hon', 'Shri', 'Sheikh'."""
    while (t := _word_at(text, pos)) is not None:
        word, following = t.group(1), _next_word(text, t.end())
        if not (following[:1].isupper() or following in _STYLE_LINK):
            break
        if names.is_style(word) and word[0].isupper() or (word in _STYLE_LINK and names.is_style(following)):
            pos = t.end()
            continue
        break
    return pos


def _name_word(word: str, following: str, *, first: bool, entity_start: bool) -> bool:
    """Can ``word`` be part of a personal name here?"""
    acronym = len(word) > 1 and word.isupper() and word.isalpha()
    if not word[0].isupper() or acronym or word in _ORG_HEADS or gz.body_for(word) or gz.country_code(word):
        return False
    if word in _NOT_NAME:
        # "He Wenjun": a pronoun-like surname only where the statistical NER starts a person's name
        return first and entity_start and len(word) <= 3 and following[:1].isupper() and following not in _NOT_NAME
    if word in _MONTHS:  # "Nora May", not "May 2019"
        return not first and not following[:1].isdigit()
    if first and (names.is_style(word) or names.is_style(word.removesuffix("s")) or gz.CITIES.is_major(word)
                  or word in gz.OFFICE_HEADS):  # "Spokesperson Karen Doyle", "Envoy Ana Lima"
        return False
    return first or word.lower() not in _HEADLINE_VERBS


def scan_name(text: str, pos: int, *, max_tokens: int = 8,
              entity_start: bool = False) -> tuple[int, int, tuple[str, ...]] | None:
    """A personal name starting at ``pos`` (after an optional ', ' and styles of address), on one line.

    Initials are kept ("Amara J. Okonkwo"), generational suffixes and post-nominals end the
    name and are left out ("Rafael T. Moreno Jr.", "Jane Doe MP"), particles join it ("Hamad
    bin Khalid Al Mansouri", "Omar al-Rashid"). ``entity_start``: a name is expected here (an
    office precedes it, or the statistical NER starts a PERSON here).
    """
    m = re.compile(r"[ \t]*,?[ \t]*").match(text, pos)
    i = _skip_styles(text, m.end() if m else pos)
    tokens: list[str] = []
    ends: list[int] = []  # where each token ends
    start = end = i
    while len(tokens) < max_tokens:
        t = _word_at(text, end)
        if not t:
            break
        raw = t.group(1)
        if raw.endswith(("’s", "'s")):
            word = raw[:-2].rstrip(".")
            if word and _name_word(word, "", first=not tokens, entity_start=entity_start):
                tokens.append(word)
                end = t.start(1) + len(word)
                ends.append(end)
            break
        if raw.endswith(("'", "’")):  # a plural possessive ("the Organisations' Affairs") names no one
            return None
        word = raw.rstrip(",")
        following = _next_word(text, t.start(1) + len(word))
        if names.is_initial(word) and (tokens or (len(word) <= 2 and following[:1].isupper())):
            if not word.endswith(".") and not tokens:
                break
            if not tokens:
                start = t.start(1)
            tokens.append(word)
            end = t.start(1) + len(word)
            ends.append(end)
            continue
        closes_sentence = word.endswith(".")
        word = word.rstrip(".")
        if not word or (tokens and names.is_suffix(word)):
            break
        if _name_word(word, following, first=not tokens, entity_start=entity_start and not tokens):
            if not tokens:
                start = t.start(1)
            tokens.append(word)
            end = t.start(1) + len(word)
            ends.append(end)
            if closes_sentence:
                break
        elif tokens and (names.is_particle(word) or names.is_hyphen_particle_name(word)):
            if names.is_hyphen_particle_name(word):  # "Omar al-Rashid"
                tokens.append(word)
                end = t.start(1) + len(word)
                ends.append(end)
                continue
            nxt = _word_at(text, t.end())
            while nxt and names.is_particle(nxt.group(1)):
                nxt = _word_at(text, nxt.end())
            if not nxt or not nxt.group(1)[0].isupper():
                break
            tokens.append(word)
            end = t.start(1) + len(word)
            ends.append(end)
        else:
            break
    while tokens and (names.is_particle(tokens[-1]) or (names.is_initial(tokens[-1]) and len(tokens) > 1)):
        tokens.pop()
        ends.pop()
    if not tokens or all(names.is_initial(t) for t in tokens):
        return None
    end = ends[-1]
    following = _next_word(text, end) if re.match(r"[ \t]", text[end:end + 1]) else ""
    if following in _ORG_HEADS or (following[:1].isupper() and names.is_style(following)) or gz.country_code(" ".join(tokens)) \
            or (gz.CITIES.is_major(tokens[0]) if len(tokens) == 1 else " ".join(tokens) in gz.CITIES):
        return None
    return start, end, tuple(tokens)


def _scan_name_list(text: str, pos: int, count: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """'A B, C D and E F' starting at pos: exactly ``count`` names or nothing."""
    names = []
    i = pos
    for k in range(count):
        found = scan_name(text, i)
        if not found or len(found[2]) < 2:
            return []
        names.append(found)
        i = found[1]
        if k < count - 1:
            sep = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)").match(text, i)
            if not sep:
                return []
            i = sep.end()
    return names


def _preceding_name(text: str, role_start: int) -> tuple[int, int, tuple[str, ...]] | None:
    """'Ana Lima, Commissioner for ...' / 'Jon Berg, the new Prime Minister ...'."""
    window_start = max(0, role_start - 80)
    window = text[window_start:role_start]
    tail = re.search(r",[ \t]+(?:the[ \t]+)?(?:(?:new|former)[ \t]+)?$", window)
    if not tail:
        return None
    words = list(re.finditer(r"\S+", window[:tail.start()]))
    start_word = len(words)
    while start_word > 0 and len(words) - start_word < 8 and (
            words[start_word - 1].group()[0].isupper() or names.is_particle(words[start_word - 1].group())):
        start_word -= 1
    while start_word < len(words):
        found = scan_name(text, window_start + words[start_word].start())
        if found and found[1] == window_start + tail.start() and len(found[2]) >= 2:
            return found
        start_word += 1
    return None


_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?(" + _COUNTRY_NAMES + r")(?![\w-])")


def _state_after_name(text: str, name_end: int, role: RoleMention) -> RoleMention:
    """'Prime Minister Jon Berg of Norway': the state after the name is the office's."""
    if role.org is not None:
        return role
    m = _OF_STATE.match(text, name_end)
    code = gz.country_code(m.group(1)) if m else None
    if code is None:
        return role
    return RoleMention(role.start, role.end, role.title, Org(gz.country_label(code), code), role.plural, (code,))


_SENT_TO = re.compile(r"\s+to\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}(?=,)")


def find_name_mentions(doc: Doc, roles: list[RoleMention]) -> list[NameMention]:
    """Names next to role titles or honorifics, and PERSON entities of the statistical model."""
    text = doc.text
    mentions: list[NameMention] = []
    for role in roles:
        if role.plural and len(role.countries) > 1:
            dash = re.compile(r"\s*[-–—:]\s*").match(text, role.end)  # "... of Poland and Slovakia - A and B"
            listed = _scan_name_list(text, dash.end() if dash else role.end, len(role.countries))
            for (s, e, toks), cc in zip(listed, role.countries):
                org = Org(gz.country_label(cc), cc)
                mentions.append(NameMention(s, e, toks, RoleMention(role.start, role.end, role.title, org), True))
            continue
        if role.plural:
            continue
        sent_to = _SENT_TO.match(text, role.end)  # "Ambassador of Chile to Peru, Ana Lima"
        after = scan_name(text, sent_to.end() if sent_to else role.end, entity_start=True)  # a name after an office
        gap = text[role.end:after[0]] if after else ""
        # ", Ambassador X": a style between; "Ambassador of Chile to Peru, X": where the ambassador is sent
        bare_gap = " ".join(w for w in gap[sent_to.end() - role.end if sent_to else 0:].split() if not names.is_style(w))
        if after and "\n" not in gap and len(bare_gap) <= 8 and not re.search(r"[;:()]", gap):
            mentions.append(NameMention(after[0], after[1], after[2], _state_after_name(text, after[1], role), True))
            continue
        before = _preceding_name(text, role.start)
        if before:
            mentions.append(NameMention(before[0], before[1], before[2], role, True))
            continue
        # signature: a name on the line just above the role ("Jon Berg\n1st Deputy Prime Minister ...")
        line_start = text.rfind("\n", 0, role.start) + 1
        if text[line_start:role.start].strip() == "" and line_start > 0:
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            found = scan_name(text, prev_start)
            if found and text[found[1]:line_start].strip() == "" and len(found[2]) >= 2:
                mentions.append(NameMention(found[0], found[1], found[2], role, True))
    # honorifics and titles followed by a (sur)name: "Mr Berg", "Minister Lima", "Dr Osei"
    for m in re.finditer(r"\b(?:Mr|Mrs|Ms|Dr|Minister|Secretary|Commissioner|Ambassador|Chancellor|President|"
                         r"Director|Director General|Prosecutor)\.?[ \t]+(?=[^\W\d_])", text):
        found = scan_name(text, m.end())
        if found:
            office = m.group().rstrip(". \t")
            # "Secretary Alan Morgan", "Commissioner Lena Berg": an office alone before a name is the person's title
            titled = RoleMention(m.start(), m.start() + len(office), office, None) if office in gz.OFFICE_HEADS \
                or office == "Director General" else None
            mentions.append(NameMention(found[0], found[1], found[2], titled, True))
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue  # names the model labels otherwise come only through titles above
        found = scan_name(text, ent.start_char, entity_start=True)
        if found and _next_word(text, found[1]).lower() in lx.AREA_WORDS:
            continue  # "the earthquake in the Al Noor province": a place the model took for a person
        if found:
            styled = any(names.is_style(w) for w in text[max(0, found[0] - 12):found[0]].split()[-1:])
            mentions.append(NameMention(found[0], found[1], found[2], None, len(found[2]) >= 2 or styled))
    return _dedupe(mentions)


def _dedupe(mentions: list[NameMention]) -> list[NameMention]:
    """One mention per text stretch, preferring those that carry a role, then a role that names a state
    ("her counterpart, Mr X, Minister for Trade of Kenya": the second)."""
    def informative(m: NameMention) -> int:
        if m.role is None:
            return 0
        return 1 + (m.role.title != "counterpart") + 2 * bool(m.role.org and m.role.org.country_code)

    best: dict[tuple[int, int], NameMention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start), -informative(m))):
        covering = next((b for b in best.values() if b.start <= m.start and m.end <= b.end), None)
        if covering is not None:
            if informative(m) > informative(covering) and (covering.start, covering.end) == (m.start, m.end):
                best[(m.start, m.end)] = m
            elif covering.role is None and m.role is not None and m.end == covering.end:
                # "Sheikh Hamad bin Khalid Al Mansouri, Minister of ...": the role found for the name's tail
                best[(covering.start, covering.end)] = NameMention(covering.start, covering.end, covering.tokens,
                                                                   m.role, True)
            continue
        best[(m.start, m.end)] = m
    return sorted(best.values(), key=lambda m: m.start)


def _is_suffix(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    fs, ff = _folded(short), _folded(full)
    return len(fs) < len(ff) and ff[-len(fs):] == fs


def _folded(tokens: tuple[str, ...]) -> list[str]:
    """A name for comparing: folded, initials left out ("Amara J. Okonkwo" is "Amara Okonkwo")."""
    kept = [t for t in tokens if not names.is_initial(t)] if len(tokens) > 2 else list(tokens)
    return [gz.fold(t) for t in kept]


def _later_parts(tokens: tuple[str, ...]) -> list[str]:
    """The words after the first that a mention alone may use for the person: not a parent's name."""
    parents = names.fathers_names(tokens)
    return _folded(tuple(t for i, t in enumerate(tokens) if i > 0 and i not in parents))


def cluster_people(mentions: list[NameMention], speakers: set[int]) -> list[PersonCluster]:
    """Group mentions into people. ``speakers``: start offsets of mentions that act as subjects."""
    clusters: list[PersonCluster] = []
    full = sorted((m for m in mentions if len(m.tokens) >= 2), key=lambda m: -len(m.tokens))
    for m in full:
        if not (m.strong or m.role):
            continue
        same = next((c for c in clusters if _folded(c.tokens) == _folded(m.tokens) or _is_suffix(m.tokens, c.tokens)),
                    None)
        if same is None:
            clusters.append(PersonCluster(m.tokens, [m]))
        else:
            same.mentions.append(m)
    for m in mentions:
        if len(m.tokens) >= 2 and (m.strong or m.role):
            continue
        target = next((c for c in clusters if _is_suffix(m.tokens, c.tokens)
                       or (len(m.tokens) == 1 and gz.fold(m.tokens[0]) in _later_parts(c.tokens))), None)
        if target is None and len(m.tokens) >= 2:
            target = next((c for c in clusters if _folded(c.tokens) == _folded(m.tokens)), None)
        if target is None and len(m.tokens) == 1 and m.strong:  # "Mr Park" of "Park Ji-ho": family name first
            firsts = [c for c in clusters if len(c.tokens) > 1 and _folded(c.tokens)[0] == gz.fold(m.tokens[0])]
            target = firsts[0] if len(firsts) == 1 else None
        if target is None and len(m.tokens) == 1 and (m.start in speakers or (m.strong and m.role)):
            # a surname alone is a person when it speaks or carries a title ("Okonkwo said")
            target = next((c for c in clusters if c.tokens == m.tokens), None)
            if target is None:
                clusters.append(PersonCluster(m.tokens, []))
                target = clusters[-1]
        if target is not None:
            target.mentions.append(m)
    # a one-word person who also appears with a full name is that person: by a later part of the name,
    # else by its first part when no one else has it ("Premier Wang" for "Wang Jun": family name first)
    for c in list(clusters):
        if len(c.tokens) == 1:
            word = gz.fold(c.tokens[0])
            full_c = next((o for o in clusters if o is not c and len(o.tokens) > 1
                           and word in _later_parts(o.tokens)), None)
            if full_c is None:
                firsts = [o for o in clusters if o is not c and len(o.tokens) > 1 and _folded(o.tokens)[0] == word]
                full_c = firsts[0] if len(firsts) == 1 and c.mentions and all(m.strong for m in c.mentions) else None
            if full_c:
                full_c.mentions.extend(c.mentions)
                clusters.remove(c)
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return sorted(clusters, key=lambda c: c.first_offset)
