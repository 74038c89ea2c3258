"""People of a document and their posts (offices and the states or bodies they belong to)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from polgraph.extract import gazetteer as gz
from polgraph.extract.context import Attribution, Context
from polgraph.extract.people import (
    PersonCluster,
    cluster_people,
    find_roles,
)
from polgraph.models import (
    Meeting,
    Org,
    Person,
    Post,
)


def find_people(ctx: Context) -> list[PersonCluster]:
    """One cluster per person of the document, from the mentions ``polgraph_mentions`` found."""
    return cluster_people(list(ctx.doc._.polgraph_mentions), set(ctx.doc._.polgraph_speakers))


def persons_with_posts(ctx: Context) -> list[Person]:
    """Posts for each person: the most specific title a mention gives, the state or body it belongs to."""
    doc_portfolio = ctx.portfolio
    stated_elsewhere = _states_of_unnamed_titles(ctx)
    persons = []
    for cluster in ctx.clusters:
        titled = [(m.role.title, m.role.org) for m in cluster.mentions if m.role]
        specific = [t for t in titled if t[0] not in {"Minister", "counterpart"}]
        chosen = specific or titled
        posts: list[Post] = []
        for title, org in chosen:
            if title == "Minister" and doc_portfolio:
                title = doc_portfolio
            if org is None:
                org = next((o for t, o in chosen if o is not None and t == title), None)
            if org is None:
                org = next((o for _, o in titled if o is not None and o.country_code), None)
            if org is None:
                org = stated_elsewhere.get(title)
            assumed = org is None and ctx.home is not None and bool(gz.PUBLIC_OFFICE.search(title))
            post = Post(title, org) if not assumed else _home_post(ctx, title)
            if post not in posts:
                posts.append(post)
            elif not post.org_assumed:  # the same post, its state once given by the text: given
                posts[posts.index(post)] = post
        # "Minister" and "Minister of the Interior" of the same state are one post
        posts = [p for p in posts if not (p.role_title in {"Minister", "counterpart"}
                                          and any(q.role_title not in {"Minister", "counterpart"} for q in posts))]
        posts = [p for p in posts if not any(q is not p and q.org == p.org and q.role_title.startswith(p.role_title + " ")
                                             for q in posts)]
        persons.append(Person(cluster.name, posts))
    # a bare "Minister" who meets a counterpart holds the counterpart's office
    if "counterpart" in ctx.text:
        portfolios = {p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title.startswith("Minister ")}
        if len(portfolios) == 1:
            for person in persons:
                person.posts = [Post(next(iter(portfolios)), p.org, p.org_assumed) if p.role_title == "Minister" else p
                                for p in person.posts]
    # a counterpart holds the same office as the person they meet
    main_title = next((p.posts[0].role_title for p in persons if p.posts and p.posts[0].role_title != "counterpart"), None)
    for person in persons:
        person.posts = [Post(main_title, p.org, p.org_assumed) if p.role_title == "counterpart" and main_title else p
                        for p in person.posts]
        person.posts = [p for p in person.posts if p.role_title != "counterpart"]
    return persons

def _states_of_unnamed_titles(ctx: Context) -> dict[str, Org]:
    """The state a title is given where no name goes with it ("Italy's Foreign Minister ended a two-day visit"),
    for titles that one person of the document holds and that no two states are given for."""
    attached = {m.role.start for c in ctx.clusters for m in c.mentions if m.role}
    holders = Counter(t for c in ctx.clusters for t in {m.role.title for m in c.mentions if m.role})
    given: dict[str, set[Org]] = {}
    for role in ctx.doc._.polgraph_roles:
        if role.start not in attached and not role.plural and role.org is not None and role.org.country_code:
            given.setdefault(role.title, set()).add(role.org)
    return {title: next(iter(orgs)) for title, orgs in given.items() if len(orgs) == 1 and holders[title] == 1}


def _home_post(ctx: Context, title: str) -> Post:
    """``title`` in the state the release speaks for, which the text does not give for this office."""
    assert ctx.home is not None
    return Post(title, Org(gz.country_label(ctx.home), ctx.home), org_assumed=True)


def has_stated_org(person: Person) -> bool:
    """Whether the text gives the state or body of one of the person's offices."""
    return any(p.org is not None and not p.org_assumed for p in person.posts)


def stated_state(person: Person) -> str | None:
    """The state the text gives one of the person's offices (not one assumed for it)."""
    return next((p.org.country_code for p in person.posts if p.org and p.org.country_code and not p.org_assumed), None)


def signer_from_the_organising_side(ctx: Context, meetings: list[Meeting]) -> None:
    """Whoever signs a release about a meeting, with no state of their own given, speaks for the state that organised it."""
    hosts = [o for o in (meetings[0].convener_orgs if meetings else []) if o.country_code]
    if len(hosts) != 1:
        return
    for idx in ctx.signers:
        person = ctx.persons[idx]
        if has_stated_org(person):
            continue
        person.posts = [p.with_org(hosts[0], assumed=True) for p in person.posts]

def post_for_unposted_speaker(ctx: Context, attributions: list[Attribution]) -> None:
    """A minister's office named without a name ("Foreign Minister after the meeting: ...")
    belongs to the main speaker when that speaker has no office of their own."""
    portfolio = ctx.portfolio
    if not portfolio:
        return
    said = Counter(h for a in attributions for h in a.holders if not ctx.persons[h].posts)
    if not said:
        return
    speaker = said.most_common(1)[0][0]
    ctx.persons[speaker].posts = [_home_post(ctx, portfolio) if ctx.home else Post(portfolio)]

def document_portfolio(ctx: Context) -> str | None:
    """A minister's portfolio stated without a name, in the title or for a group of ministers."""
    candidates = [r for r in find_roles(ctx.text[: max(ctx.title_end, 1)]) if r.title.startswith("Minister ")]
    if not candidates:
        candidates = [r for r in find_roles(ctx.text) if r.plural and r.title.startswith("Minister ")]
    return candidates[0].title if candidates else None

def _said_to_be_ours(subject: Token) -> bool:
    """ "Japan is one of our closest partners": a state the speaker calls theirs is another state."""
    said = [c for c in subject.head.children if c.dep_ == "attr"]
    said += [o for n in said for p in n.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return subject.head.lemma_ == "be" and any(c.lower_ == "our" for n in said for c in n.children)


def affiliation_from_own_words(ctx: Context, attributions: list[Attribution]) -> None:
    """A person whose office names no state speaks for the state that is the subject in their quoted words."""
    quotes = ctx.quotes
    for a in attributions:
        for idx in a.holders:
            person = ctx.persons[idx]
            if not person.posts or has_stated_org(person):
                continue
            for tok in a.sent:
                if tok.dep_ != "nsubj" or not any(q[0] <= tok.idx < q[1] for q in quotes) or _said_to_be_ours(tok):
                    continue
                code = gz.country_code(tok.text)
                if code:
                    person.posts = [p.with_org(Org(gz.country_label(code), code), assumed=True) for p in person.posts]
                    break
