"""Topics made by rule from the parse of a statement, for what no fixed scheme can list.

A country's relations ("relations with Japan", "Kazakh-Chinese ties"), a country's territorial
integrity, a conflict, peace process or situation in a named place ("the war in Ukraine",
"a ceasefire in Gaza") and a named agreement or initiative ("the Good Neighbour Accord") each
become a concept under a fixed parent of the scheme. Ids are made from the country code or
the name, so the same concept gets the same IRI in every document.

Example (with the English pipeline): "She reaffirmed support for the territorial integrity of
Georgia" gives ``territorial-integrity-of-ge`` "Territorial integrity of Georgia", narrower
than ``territorial-integrity``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from polgraph.extract import gazetteer as gz
from polgraph.extract import lexicon as lx
from polgraph.extract.topics import TopicHit, TopicScheme
from polgraph.models import RuleTopic

# The scheme concepts rule-made topics hang under, with the concept used when one is missing.
RELATIONS = "bilateral-relations"
TERRITORIAL_INTEGRITY = "territorial-integrity"
CONFLICTS = "conflicts-and-peace-processes"
NAMED = "named-initiatives"
DETAINED = "political-prisoners"
FALLBACK_PARENT = "foreign-policy"

RELATION_NOUNS = frozenset({"relation", "relations", "relationship", "tie", "ties", "partnership", "friendship",
                            "cooperation", "co-operation", "dialogue", "alliance"})
# Nouns that give a relation only when a state is said to be one ("Japan is our closest partner")
ROLE_NOUNS = frozenset({"ally", "partner", "friend"})
SOVEREIGNTY_NOUNS = frozenset({"sovereignty", "integrity", "independence"})
WAR_NOUNS = frozenset({"war", "conflict", "fighting", "hostility", "hostilities", "violence", "aggression",
                       "invasion", "occupation", "attack", "bombardment", "escalation", "offensive"})
PEACE_NOUNS = frozenset({"peace", "ceasefire", "truce", "settlement", "reconciliation", "negotiation", "solution"})
SITUATION_NOUNS = frozenset({"situation", "crisis", "development", "developments", "stability", "instability",
                             "reconstruction", "recovery"})
# Words that make a capitalised name an agreement or initiative rather than a body
INITIATIVE_HEADS = frozenset({"agreement", "accord", "accords", "treaty", "pact", "initiative", "programme", "program",
                              "plan", "strategy", "partnership", "corridor", "framework", "format", "process",
                              "convention", "charter", "resolution", "protocol", "declaration", "mission", "operation",
                              "compact", "deal", "roadmap", "agenda", "mechanism", "fund", "facility", "project",
                              "group", "forum", "triangle"})
# Words of public authorities and parties: an organisation named with one acts, it is not a topic ...
AUTHORITY_WORDS = frozenset({"ministry", "government", "department", "office", "parliament", "council", "commission",
                             "agency", "embassy", "assembly", "court", "party", "presidency", "cabinet", "senate",
                             "congress", "house", "secretariat", "directorate", "administration", "army", "forces",
                             "police", "service", "committee", "delegation", "mission", "bank", "union", "nations",
                             "organization", "organisation", "fund", "institute"})
# ... and venues ("the Al Noor Executive Airport"), from the venue words the meeting rules use
VENUE_WORDS = frozenset(w.lower() for w in gz.PLACE_HEADS) | {"hotel", "port"}
# ... and offices ("the efforts of the Personal Envoy"), from the gazetteer's office titles
OFFICE_WORDS = frozenset(w.lower() for w in gz.OFFICE_HEADS)
_NOT_SPOKEN_ABOUT = AUTHORITY_WORDS | VENUE_WORDS | OFFICE_WORDS
# Verbs whose object is spoken to or met, not spoken about ("told the agency", "thanked the bank")
ADDRESSING_VERBS = frozenset({"tell", "inform", "brief", "thank", "meet", "receive", "host", "visit", "call", "invite",
                              "ask", "urge", "address", "greet", "congratulate", "assure", "join", "attend"})
NAMED_ENTITY_LABELS = frozenset({"LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})
MAX_LABEL_WORDS = 5


def name_key(name: str) -> str:
    """The id part of a concept named by its words: a slug and a short digest of the exact name, so
    that two spellings of a name ("Lakeside Accord", "Lakeside accord") never share one IRI with two labels."""
    return f"{gz.slug(name)}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"


@dataclass(frozen=True)
class RuleHit:
    """A rule-made topic named in a statement, at character offsets relative to the statement's start."""

    topic: RuleTopic
    start: int
    end: int
    place_at: int = -1  # offset of the word naming the place (-1 for a name: the whole span)
    head: int = -1  # offset of the noun the rule read ("relations", "war"; -1 for a name)
    place: str = ""  # the place's display name ("" for a name)


def _country(tokens: list[Token]) -> str | None:
    text = " ".join(t.text for t in tokens if t.dep_ not in {"det", "case"} and t.text not in {"’s", "'s"})
    return gz.country_code(re.sub(r"^the\s+", "", text))


def _place_of(tok: Token) -> tuple[str, str, int] | None:
    """(id part, display name, offset) of the country or named place a token (or its name phrase) names."""
    phrase = [t for t in tok.subtree if t.i == tok.i or t.i < tok.i and t.dep_ in {"compound", "amod", "det", "case"}] \
        if tok.pos_ == "PROPN" else [tok]  # a name's words come before its head
    code = _country(phrase) or (gz.CAPITAL_OF.get(tok.text) if tok.ent_type_ != "PERSON" else None)
    if code:
        return code.lower(), gz.country_label(code), tok.idx
    if tok.ent_type_ in {"GPE", "LOC"} and tok.pos_ == "PROPN":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and len(ent) <= 4 and ent[-1].lemma_.lower() not in INITIATIVE_HEADS:
            name = re.sub(r"^the\s+", "", ent.text)
            if ent.label_ == "LOC" or name in gz.CITIES:  # a region, or a place GeoNames knows
                return name_key(name), name, tok.idx
    return None


def _places_said_to_be(noun: Token) -> list[tuple[str, str, int]]:
    """The state said to be an ally or partner: "Japan is our closest partner", "no closer ally than Japan"."""
    found = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        noun = noun.head.head  # "Japan is one of our closest partners"
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found += [p for c in noun.head.children if c.dep_ == "nsubj" and (p := _place_of(c))]
    for prep in (c for c in noun.subtree if c.dep_ == "prep" and c.lower_ == "than"):
        found += [p for c in prep.children if c.dep_ == "pobj" and (p := _place_of(c))]
    return found


def _places_around(noun: Token) -> list[tuple[str, str, int]]:
    """Places a noun is about: "relations with X", "X's war", "the X-Y relationship", "the X conflict"."""
    found: list[tuple[str, str, int]] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"with", "between", "in", "of", "on", "against", "to", "for",
                                                     "inside", "within", "across", "around", "near"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                for t in (obj, *obj.conjuncts):
                    place = _place_of(t)
                    if place:
                        found.append(place)
        elif child.dep_ in {"poss", "compound", "amod", "nmod"}:
            for part in re.split(r"[-–]", child.text) if "-" in child.text or "–" in child.text else [child.text]:
                code = gz.country_code(part)
                if code:
                    found.append((code.lower(), gz.country_label(code), child.idx))
            if "-" not in child.text:
                place = _place_of(child)
                if place and place[0] not in {f[0] for f in found}:
                    found.append(place)
    # "Kazakh-Chinese relations": the tokenizer splits the pair around the hyphen
    left = noun.doc[max(noun.left_edge.i, noun.i - 4):noun.i]
    for t in left:
        code = gz.country_code(t.text) if t.is_title or t.is_upper else None
        if code and code.lower() not in {f[0] for f in found} and any(x.text in {"-", "–"} for x in left):
            found.append((code.lower(), gz.country_label(code), t.idx))
    return found


def _peace_process(tok: Token) -> bool:
    """ "the peace process", "a political process": a process is one of peace only when it says so."""
    return tok.lemma_ == "process" and any(c.lemma_ in {"peace", "political"} for c in tok.children)


def _hit(topic: RuleTopic, noun: Token, offset: int, place_at: int, place: str) -> RuleHit:
    """The noun's phrase without what is coordinated with it ("the X partnership and the Y agreement")."""
    apart = {t.i for c in noun.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    phrase = [t for t in noun.subtree if t.i not in apart]
    start = phrase[0].idx
    end = phrase[-1].idx + len(phrase[-1])
    return RuleHit(topic, start - offset, end - offset, place_at - offset, noun.idx - offset, place)


def _paired(noun: Token) -> bool:
    """ "relations between Chile and Peru", "the Chilean-Peruvian ties": the noun names its two sides."""
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children) or any(
        x.text in {"-", "–"} or "-" in x.text for x in noun.doc[max(noun.left_edge.i, noun.i - 4):noun.i])


def _of_two(sides: list[tuple[str, str]]) -> tuple[str, str]:
    """(id part, name part) of a concept of two states, the same whichever is named first: ("cl-pe", "Chile-Peru")."""
    (a, a_name), (b, b_name) = sorted(sides)
    return f"{a}-{b}", "-".join(sorted((a_name, b_name)))


def _relations(sides: list[tuple[str, str]]) -> RuleTopic:
    """The relations between two states, one concept whichever side speaks: "Chile-Peru bilateral relations"."""
    key, names = _of_two(sides)
    return RuleTopic(f"relations-{key}", f"{names} bilateral relations", RELATIONS)


def _relation_topics(noun: Token, places: list[tuple[str, str, int]], own_states: set[str]) -> list[tuple[RuleTopic, tuple[str, str, int]]]:
    """Relations a relation noun names, each with the foreign place it was read from. A pair the noun names
    is one relation; otherwise each foreign state is in relation with the speaker's one state, or, when the
    speakers' state is not one known state, with the speaker: "Bilateral relations with Japan"."""
    foreign = [p for p in places if p[0] not in own_states and len(p[0]) == 2]
    if len(foreign) >= 2 and _paired(noun):
        return [(_relations([(p[0], p[1]) for p in foreign[:2]]), foreign[-1])]
    own = [c for c in own_states if len(c) == 2]
    if len(own) == 1:
        own_side = (own[0], gz.country_label(own[0].upper()))
        return [(_relations([own_side, (p[0], p[1])]), p) for p in foreign]
    return [(RuleTopic(f"relations-with-{p[0]}", f"Bilateral relations with {p[1]}", RELATIONS), p) for p in foreign]


# Verbs of discussing, and those that list what was discussed ("covered", "included", "raised")
DISCUSSING = lx.DISCUSS_VERBS | {"consult", "brief", "inform", "cover", "include", "raise"}
ISSUE_NOUNS = frozenset({"issue", "question", "matter", "problem", "file", "dossier", "dispute", "crisis"})
SITE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "during", "near", "inside", "by"})


def _places_discussed(statement: Span, offset: int, own_states: set[str]) -> list[RuleHit]:
    """Places that are the matter of a discussion ("they discussed Afghanistan", "views on Libya and
    Syria"), not where it was held: each gives "Situation in <place>"."""
    hits: list[RuleHit] = []
    for tok in statement:
        if tok.pos_ != "PROPN" or (tok.ent_type_ not in {"GPE", "LOC"} and not gz.country_code(tok.text)) or (
                tok.dep_ == "compound" and tok.head.lemma_ not in ISSUE_NOUNS):
            continue  # a place naming something else ("the Paris Agreement"), unless "the Cyprus question"
        node, discussed = tok, False
        for _ in range(8):
            if node.dep_ == "pobj" and node.head.lower_ in SITE_PREPOSITIONS \
                    and (node.head.head.pos_ in {"VERB", "AUX"} or node.head.head.lemma_ in {"visit", "meeting", "talk"}):
                break  # "met in Paris", "a visit to Cairo"; not "the deployments near Kyiv"
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_ in DISCUSSING and node.pos_ == "VERB":
                discussed = True
                break
        place = _place_of(tok) if discussed else None
        if place is None or place[0] in own_states:
            continue
        code, name, at = place
        if any(h.topic.id == f"situation-in-{code}" for h in hits):
            continue  # "the Horn of Africa": one place, two proper nouns
        hits.append(RuleHit(RuleTopic(f"situation-in-{code}", f"Situation in {name}", CONFLICTS),
                            tok.idx - offset, tok.idx + len(tok) - offset, at - offset, place=name))
    return hits


def find_rule_topics(statement: Span, offset: int, own_states: set[str], *, discussion: bool = False) -> list[RuleHit]:
    """Rule-made topics a statement names; ``own_states``: lower-case codes of the speakers' states.
    With ``discussion``, the places it says were discussed are topics too."""
    hits: list[RuleHit] = _places_discussed(statement, offset, own_states) if discussion else []
    for tok in statement:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if lemma in RELATION_NOUNS or lemma in ROLE_NOUNS:
            places = _places_around(tok) if lemma in RELATION_NOUNS else _places_said_to_be(tok)
            for topic, (_, name, at) in _relation_topics(tok, places, own_states):
                hits.append(_hit(topic, tok, offset, at, name))
        elif lemma in SOVEREIGNTY_NOUNS:
            for code, name, at in _places_around(tok):
                if len(code) == 2:
                    hits.append(_hit(RuleTopic(f"territorial-integrity-of-{code}", f"Territorial integrity of {name}",
                                               TERRITORIAL_INTEGRITY), tok, offset, at, name))
        elif lemma in WAR_NOUNS | PEACE_NOUNS | SITUATION_NOUNS or _peace_process(tok):
            kind = "conflict" if lemma in WAR_NOUNS else "situation" if lemma in SITUATION_NOUNS else "peace"
            label = {"conflict": "Conflict in {}", "peace": "Peace process in {}", "situation": "Situation in {}"}[kind]
            places = _places_around(tok)
            if kind == "conflict" and len(places) > 1 and _paired(tok) and all(len(p[0]) == 2 for p in places[:2]):
                key, names = _of_two([(p[0], p[1]) for p in places[:2]])  # "the Chile-Peru conflict": one conflict
                _, name, at = places[1]
                hits.append(_hit(RuleTopic(f"conflict-{key}", f"{names} conflict", CONFLICTS), tok, offset, at, name))
                continue
            if kind == "conflict" and len(places) > 1:
                places = places[-1:]  # "Russia's war against Ukraine": where it is fought
            for code, name, at in places:
                prefix = {"conflict": "conflict", "peace": "peace-process", "situation": "situation"}[kind]
                hits.append(_hit(RuleTopic(f"{prefix}-in-{code}", label.format(name), CONFLICTS), tok, offset, at, name))
    hits.extend(_named_initiatives(statement, offset))
    hits.extend(_releases(statement, offset))
    return _innermost_conflicts(hits)


def _innermost_conflicts(hits: list[RuleHit]) -> list[RuleHit]:
    """Without a conflict whose phrase holds another: "Russia's war of aggression against Ukraine" is the
    conflict in Ukraine, which the inner phrase names."""
    wars = [(h.start, h.end) for h in hits if h.topic.id.startswith("conflict-")]
    return [h for h in hits if not h.topic.id.startswith("conflict-")
            or not any(h.start <= a and b <= h.end and (a, b) != (h.start, h.end) for a, b in wars)]


RELEASE_WORDS = frozenset({"release", "free", "freeing", "liberation"})


def _people_in(phrase: Token) -> list[Span]:
    """PERSON entities a noun phrase names ("American citizens Ana Lima and Jon Berg")."""
    inside = {t.i for t in phrase.subtree}
    return [e for e in phrase.doc.ents if e.label_ == "PERSON" and e.start in inside]


def _releases(statement: Span, offset: int) -> list[RuleHit]:
    """The release of named people held ("called for the release of Ana Lima", "should free Jon Berg"):
    "Release of Ana Lima", under *Political prisoners*."""
    hits = []
    for tok in statement:
        if tok.lemma_.lower() not in RELEASE_WORDS:
            continue
        if tok.pos_ == "NOUN":
            held = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                    if o.dep_ == "pobj"]
        elif tok.pos_ == "VERB":
            held = [c for c in tok.children if c.dep_ == "dobj"]
        else:
            continue
        people = [e for o in held for e in _people_in(o)]
        if not people:
            continue
        names = [re.sub(r"['’]s$", "", e.text) for e in people]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        start, end = min(e.start_char for e in people), max(e.end_char for e in people)
        hits.append(RuleHit(RuleTopic(f"release-of-{name_key(joined)}", f"Release of {joined}", DETAINED),
                            start - offset, end - offset))
    return hits


def _named_by_head(statement: Span, offset: int) -> list[RuleHit]:
    """A proper name before an initiative noun: "the Lakeside protocols", "the Orion mission", "the ORCA
    trilateral pact"."""
    hits = []
    for tok in statement:
        if tok.lemma_.lower() not in INITIATIVE_HEADS or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        names = [c for c in tok.subtree if c.i < tok.i and c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN"]
        if not names:
            continue
        first = min(t.i for n in names for t in n.subtree)
        while first < tok.i and (statement.doc[first].pos_ not in {"PROPN", "NUM"}
                                 or gz.country_code(statement.doc[first].text)):
            first += 1  # "the Slovenian “Bright Harbour” initiative": the name starts at its first proper noun
        if first == tok.i:
            continue  # only states before the noun: "the Japan-India partnership" is a relation
        last = tok.i + 1
        while last < statement.end and statement.doc[last].like_num:  # "Resolution 1929"
            last += 1
        words = [t for t in statement.doc[first:last]]
        if len(words) > MAX_LABEL_WORDS or any(t.pos_ not in {"PROPN", "NOUN", "PUNCT", "SYM", "NUM", "ADJ"}
                                                for t in words) or words[0].pos_ == "ADJ":
            continue
        name = " ".join(re.sub(r"[“”\"«»]", " ", statement.doc[first:last].text).split())
        if gz.country_code(name) or gz.body_for(name) or any(
                gz.country_code(part) for t in words for part in re.split(r"[-–]", t.text) if part):
            continue  # "the Japan-India partnership", "the EU-Japan economic partnership" are relations, not names
        hits.append(RuleHit(RuleTopic(f"named-{name_key(name)}", name, NAMED),
                            words[0].idx - offset, words[-1].idx + len(words[-1]) - offset))
    return hits


def _named_initiatives(statement: Span, offset: int) -> list[RuleHit]:
    """Agreements, programmes and events the statement names ("the Good Neighbour Accord")."""
    hits = _named_by_head(statement, offset)
    covered = [(h.start, h.end) for h in hits]
    for ent in statement.ents:
        words = [w for w in re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE).split()]
        if not words or len(words) > MAX_LABEL_WORDS or (len(words) == 1 and not words[0].isupper()):
            continue  # "the Agreement" alone names nothing; an acronym ("the ABC Pact" as "ABCP") does
        initiative = ent.label_ in NAMED_ENTITY_LABELS or (
            ent.label_ == "ORG" and words[-1].lower().strip("s") in {h.rstrip("s") for h in INITIATIVE_HEADS}) or (
            ent.label_ == "ORG" and (ent.root.dep_ in {"compound", "conj"}
                                     or ent.root.dep_ == "dobj" and ent.root.head.lemma_ not in ADDRESSING_VERBS
                                     or ent.root.dep_ == "pobj" and ent.root.head.lower_ in lx.ABOUT_PREPOSITIONS)
            and not any(w.lower().strip(".,") in _NOT_SPOKEN_ABOUT for w in words))
        if not initiative or gz.country_code(" ".join(words)) or gz.body_for(" ".join(words)) \
                or gz.country_code(words[0].split("-")[0]):
            continue
        name = " ".join(words)
        if any(a < ent.end_char - offset and ent.start_char - offset < b for a, b in covered):
            continue
        hits.append(RuleHit(RuleTopic(f"named-{name_key(name)}", name, NAMED),
                            ent.start_char - offset, ent.end_char - offset))
    return hits


def topics_in(doc: Doc, scheme: TopicScheme, sent: Span, start: int, end: int, own_states: set[str],
              made: dict[str, RuleTopic], *, discussion: bool = False) -> list[TopicHit]:
    """The scheme's labels in ``doc.text[start:end]`` (offsets relative to ``start``), with the rule-made
    topics replacing the general labels they contain ("relations with Chile" is more than "relations"),
    and without one's own state named alone (an Iranian's "Iran and Kenya can cooperate in culture" is about
    culture). Rule-made topics are added to ``made``."""
    evidence = doc.text[start:end]
    hits = [TopicHit(h.topic_id, h.start - start, h.end - start, h.surface)
            for h in doc._.polgraph_topics if start <= h.start and h.end <= end
            and (gz.country_code(h.surface) or "").lower() not in own_states]
    for rule in find_rule_topics(sent, start, own_states, discussion=discussion):
        inside = [h for h in hits if rule.start <= h.start and h.end <= rule.end]
        if rule.topic.broader == NAMED and any(h.start <= rule.start and rule.end <= h.end for h in hits):
            continue  # a name the scheme knows ("the Paris Agreement")
        place = rule.place or rule.topic.label
        if any(place.casefold() in h.surface.casefold() or h.start <= rule.place_at < h.end for h in inside):
            continue  # the scheme has the specific concept ("aggression against Ukraine", "the Lakeside Process")
        topic_id = scheme.id_for_label(rule.topic.label)
        if topic_id is None:
            parent = rule.topic.broader if rule.topic.broader in scheme.topics else FALLBACK_PARENT
            topic_id = rule.topic.id
            made[topic_id] = RuleTopic(topic_id, rule.topic.label, parent)
        # the rule's topic replaces the label of the word it read and what it spans of a name;
        # a subject inside it stays ("cooperation on climate finance" is about climate finance too)
        replaced = [h for h in inside if rule.head < 0 or h.start <= rule.head < h.end]
        hits = [h for h in hits if h not in replaced]
        hits.append(TopicHit(topic_id, rule.start, rule.end, evidence[rule.start:rule.end]))
    return sorted(hits, key=lambda h: (h.start, h.end))
