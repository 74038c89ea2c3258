"""Who states what, on which topic, for or against: statements in made-up releases of several governments.

The texts are written for the tests (real English pipeline); none is taken from the corpus.
"""
from __future__ import annotations

import pytest
from conftest import extract, person
from rdflib import Graph
from rdflib.namespace import SKOS

from polgraph.build import build_graph
from polgraph.extract.rule_topics import name_key
from polgraph.models import Extraction
from polgraph.vocab import PG

pytestmark = pytest.mark.slow


def stances(ex: Extraction, name: str) -> dict[str, str]:
    who = person(ex, name)
    return {p.topic: p.stance for p in ex.positions if p.holder == who}


def test_a_bare_title_and_both_sides_of_and_are_the_people_holding_them() -> None:
    ex = extract(
        "Foreign Secretary meets Chilean counterpart\n\n"
        "LONDON, 3 March 2022 - Foreign Secretary Jane Holloway met Foreign Minister Andrés Soto of Chile "
        "in London on 2 March.\n\n"
        "The Secretary noted that the United Kingdom sought a closer partnership with Santiago.\n\n"
        "The Secretary and the Foreign Minister committed to continued dialogue on arms control.\n")
    assert "relations-cl-gb" in stances(ex, "Jane Holloway")
    assert "arms-control" in stances(ex, "Andrés Soto")
    assert "arms-control" in stances(ex, "Jane Holloway")


def test_a_family_name_alone_is_its_person_even_where_the_ner_misses_it() -> None:
    ex = extract(
        "Minister visits Ghana\n\n"
        "Accra, 5 May 2021 - Foreign Minister Lena Okafor of Norway met Foreign Minister Kwame Mensah "
        "of Ghana in Accra.\n\n"
        "Okafor and Mensah agreed on the need to expand development cooperation.\n")
    assert "development-cooperation" in stances(ex, "Lena Okafor")
    assert "development-cooperation" in stances(ex, "Kwame Mensah")


def test_a_styled_given_name_is_its_person_and_a_fathers_name_is_not() -> None:
    ex = extract(
        "Foreign Minister receives Omani counterpart\n\n"
        "DOHA, 4 April 2022 - H.E. Sheikh Khalid bin Saeed Al Marri, Minister of Foreign Affairs, received "
        "Mr Hamad bin Khalid Al Busaidi, Foreign Minister of Oman, in Doha today.\n\n"
        "Sheikh Khalid underlined the importance of climate finance for the region.\n")
    assert "climate-finance" in stances(ex, "Khalid bin Saeed Al Marri")
    assert "climate-finance" not in stances(ex, "Hamad bin Khalid Al Busaidi")


def test_a_title_given_a_state_where_no_name_goes_with_it_gives_the_state_to_its_one_holder() -> None:
    ex = extract(
        "Foreign Minister visits Norway\n\n"
        "OSLO, 3 May 2023 - Italy's Foreign Minister has concluded a two-day visit to Norway.\n\n"
        "Foreign Minister Marco Bellini said the talks on climate finance had been useful.\n")
    bellini = ex.persons[person(ex, "Marco Bellini")]
    assert [(p.org.country_code, p.org_assumed) for p in bellini.posts if p.org] == [("IT", False)]


def test_concluding_a_visit_is_no_statement_and_concluding_that_is() -> None:
    ex = extract(
        "Minister ends visit to Peru\n\n"
        "LIMA, 9 June 2022 - Foreign Minister Ana Duarte of Portugal has concluded a visit to Lima to discuss "
        "climate finance with Peruvian officials.\n\n"
        "Minister Duarte concluded that the rule of law had been strengthened.\n")
    assert stances(ex, "Ana Duarte") == {"rule-of-law": "support"}


def test_an_infinitive_after_a_noun_is_what_is_said_not_a_side_clause() -> None:
    ex = extract(
        "Defence Minister meets Chilean counterpart\n\n"
        "CANBERRA, 2 August 2023 - Defence Minister Tom Reilly met Defence Minister Rosa Vial of Chile.\n\n"
        "Minister Reilly stressed their support for Ukraine and ways to strengthen defence cooperation.\n")
    assert "defence-cooperation" in stances(ex, "Tom Reilly")


def test_alarm_by_something_opposes_it() -> None:
    ex = extract(
        "Statement on the detention of journalists\n\n"
        "OSLO, 5 October 2022 - Foreign Minister Lena Berg said today that Norway was deeply alarmed by the "
        "detention of journalists in Vardania.\n")
    assert stances(ex, "Lena Berg") == {"political-prisoners": "oppose"}


def test_accepting_an_invitation_is_protocol_and_ones_own_state_is_no_topic() -> None:
    ex = extract(
        "Culture Minister visits Nairobi\n\n"
        "NAIROBI, 8 May 2016 - Minister of Culture Reza Karimi of Iran met Minister of Culture Amina Odhiambo "
        "of Kenya in Nairobi.\n\n"
        "Mr Karimi gladly accepted the invitation to attend the forum on climate finance in Mombasa.\n\n"
        "Mr Karimi said Iran and Kenya can cooperate in the fields of art and culture.\n")
    assert set(stances(ex, "Reza Karimi")) == {"culture"}


def test_a_counterpart_named_after_the_post_is_that_person_and_a_province_is_no_person() -> None:
    ex = extract(
        "Foreign Minister Sanz meets Chilean counterpart\n\n"
        "Madrid, 4 October 2023\n\n"
        "The Minister of Foreign Affairs, European Union and Cooperation, Julia Sanz, met today in Madrid with the "
        "Minister of Foreign Affairs of Chile, Rodrigo Fuentes.\n\n"
        "Fuentes thanked Spain for its assistance after the earthquake in the Al Haouz province and invited "
        "Minister Sanz to visit Santiago.\n")
    assert sorted(p.name or "(unnamed)" for p in ex.persons) == ["Julia Sanz", "Rodrigo Fuentes"]


def test_a_family_name_the_model_takes_for_a_place_it_does_not_know_is_its_person() -> None:
    ex = extract(
        "Foreign Minister meets Moroccan counterpart\n\n"
        "Madrid, 4 October 2023\n\n"
        "The Minister of Foreign Affairs, Julio Álvarez, met today in Madrid with the Minister of Foreign Affairs "
        "of Morocco, Youssef El Idrissi.\n\n"
        "Álvarez underlined Spain's support for the efforts of the UN Secretary-General's Personal Envoy to reach "
        "a political solution in Western Sahara.\n")
    assert "peace-process-in-eh" in stances(ex, "Julio Álvarez")


def test_a_title_verb_ends_a_name_and_condemning_terrorism_supports_countering_it() -> None:
    ex = extract(
        "Li Wei Holds Talks with Kenyan Foreign Minister\n\n"
        "On 18 April 2024, Foreign Minister Li Wei held talks with Foreign Minister Grace Wanjiru of Kenya in "
        "Beijing.\n\n"
        "Foreign Minister Li Wei strongly condemned the terrorist attack on the hotel in Mogadishu.\n")
    assert sorted(p.name for p in ex.persons) == ["Grace Wanjiru", "Li Wei"]
    assert stances(ex, "Li Wei") == {"counter-terrorism": "support"}


def test_a_state_called_our_partner_and_a_journalists_state_leave_the_home_state_alone() -> None:
    ex = extract(
        "Prime Minister holds talks with President of Indonesia\n\n"
        "CANBERRA, 12 February 2024 - Prime Minister Daniel Hart welcomed President Budi Santoso of Indonesia to "
        "Parliament House today for the annual leaders' meeting.\n\n"
        "Prime Minister Hart said: \"Indonesia is one of our most important partners.\"\n\n"
        "Prime Minister Hart also raised the case of Australian journalist Mark Ellison, detained in Myanmar.\n")
    hart = ex.persons[person(ex, "Daniel Hart")]
    assert [p.org.country_code for p in hart.posts if p.org] == ["AU"]


def test_the_secretary_is_the_one_titled_secretary_and_offices_of_other_styles_give_states() -> None:
    ex = extract(
        "Secretary Morgan's Meeting with Philippine Foreign Secretary Reyes\n\n"
        "The following is attributable to Spokesperson Karen Doyle:\n\n"
        "Secretary Alan Morgan met today with Philippine Foreign Secretary Maria Reyes in Washington. "
        "Foreign Secretary Reyes thanked the United States. The Secretary reaffirmed the commitment to arms control.\n\n"
        "Secretary Morgan also spoke with Dr. Peter Otieno, Cabinet Secretary for Foreign Affairs of the Republic of "
        "Kenya.\n")
    assert sorted(p.name for p in ex.persons) == ["Alan Morgan", "Karen Doyle", "Maria Reyes", "Peter Otieno"]
    assert stances(ex, "Alan Morgan") == {"arms-control": "support"}
    states = {p.name: [q.org.country_code for q in p.posts if q.org] for p in ex.persons}
    assert states["Maria Reyes"] == ["PH"] and states["Peter Otieno"] == ["KE"]


def test_a_state_in_the_speakers_reported_words_is_home_and_no_impunity_supports_accountability() -> None:
    ex = extract(
        "Readout of the Prime Minister's call with the Prime Minister of Canada\n\n"
        "10 Downing Street, 3 March 2024\n\n"
        "The Prime Minister, Oliver Grant, spoke to Canadian Prime Minister Marc Tremblay and said the UK would "
        "work closely with Canada on critical minerals. They condemned Iran's destabilising activity.\n\n"
        "Prime Minister Grant underlined that there can be no impunity for war crimes.\n")
    grant = ex.persons[person(ex, "Oliver Grant")]
    assert [p.org.country_code for p in grant.posts if p.org] == ["GB"]
    assert stances(ex, "Oliver Grant")["international-criminal-justice"] == "support"


def test_officials_of_regional_organisations_belong_to_them() -> None:
    ex = extract(
        "Council of Ministers meets in Abuja\n\n"
        "ABUJA, 7 December 2023 - Foreign Minister Amina Bello of Nigeria chaired the Council of Ministers.\n\n"
        "The President of the ECOWAS Commission, Dr. Ibrahim Sow, stressed the need for regional integration. "
        "ASEAN Secretary-General Lina Tran welcomed the cooperation.\n")
    orgs = {p.name: [q.org.label for q in p.posts if q.org] for p in ex.persons}
    assert orgs["Ibrahim Sow"] == ["ECOWAS"] and orgs["Lina Tran"] == ["ASEAN"]


def test_an_office_before_a_style_and_a_name_is_the_persons_and_an_envoy_is_not_of_where_sent() -> None:
    ex = extract(
        "Ghana at the African Union Executive Council\n\n"
        "ACCRA, 7 February 2024 - The Minister of Foreign Affairs of Ghana, Ambassador Ama Owusu, led the "
        "delegation. The Permanent Representative to the African Union, Ambassador Kofi Asante, said that "
        "Ghana supports the reform of the Peace and Security Council.\n")
    posts = {p.name: [(q.role_title, q.org.country_code if q.org else None) for q in p.posts] for p in ex.persons}
    assert posts["Ama Owusu"] == [("Minister of Foreign Affairs", "GH")]
    assert ("Permanent Representative", "GH") in posts["Kofi Asante"]


@pytest.mark.parametrize(("body", "holder", "expected"), [
    ('Minister Alves: "We fully support the reform of the World Trade Organization."', "Rita Alves",
     ("trade-policy", "support")),  # a name and a colon before a quote
    ("The Portuguese minister underlined that energy security remains a priority.", "Rita Alves",
     ("energy-security", "support")),  # an office in lower case after a nationality
    ("The Peruvian side expressed support for Portugal's candidacy to the UN Security Council.", "Jorge Salas",
     ("multilateralism", "support")),  # a state's side
    ("Minister Salas was critical of the new tariffs on copper.", "Jorge Salas", ("trade-defence", "oppose")),
])
def test_more_ways_of_stating_a_view(body: str, holder: str, expected: tuple[str, str]) -> None:
    ex = extract("Minister meets counterpart\n\nLIMA, 3 May 2023 - Foreign Minister Rita Alves of Portugal met "
                 "Foreign Minister Jorge Salas of Peru in Lima.\n\n" + body + "\n")
    assert expected in stances(ex, holder).items()


def test_a_title_giving_whose_remarks_they_are_gives_them_the_first_person_words() -> None:
    ex = extract(
        "Foreign Minister Petrov's remarks at a joint news conference with Foreign Minister of Serbia Dragan Ilic\n\n"
        "Moscow, 14 November 2023\n\n"
        "Ladies and gentlemen,\n\n"
        "We have held substantive talks with my colleague Dragan Ilic. We reaffirmed our commitment to the fight "
        "against terrorism.\n")
    assert stances(ex, "Petrov") == {"counter-terrorism": "support"}
    assert stances(ex, "Dragan Ilic") == {}


def test_an_ambassador_named_after_where_sent_and_a_ministry_of_expatriates() -> None:
    ex = extract(
        "Minister receives the Ambassador of the Netherlands\n\n"
        "AMMAN, 4 April 2024 - Deputy Prime Minister and Minister of Foreign Affairs and Expatriates Omar Haddad "
        "received today the Ambassador of the Kingdom of the Netherlands to Jordan, Pieter de Vries.\n\n"
        "The Dutch ambassador praised Jordan's role in delivering aid to Gaza.\n")
    posts = {p.name: [(q.role_title, q.org.country_code if q.org else None) for q in p.posts] for p in ex.persons}
    assert posts["Omar Haddad"] == [("Minister of Foreign Affairs and Expatriates", "JO")]
    assert posts["Pieter de Vries"] == [("Ambassador", "NL")]
    assert "hiv-aids" not in stances(ex, "Pieter de Vries")  # aid is not AIDS


def test_said_with_a_colon_gives_the_speaker_the_paragraphs_that_follow() -> None:
    ex = extract(
        "Defence Minister in Canberra\n\n"
        "Defence Minister Tom Reilly of New Zealand visited Canberra on 4 April 2022.\n\n"
        "Defence Minister Tom Reilly said:\n\n"
        "Our countries share a deep commitment to maritime security in the Pacific.\n\n"
        "The Minister also discussed the weather with his hosts.\n")
    assert "maritime-security" in stances(ex, "Tom Reilly")


def test_a_document_of_remarks_gives_its_first_person_words_to_the_speaker() -> None:
    ex = extract(
        "Remarks by Foreign Minister Maria Lindqvist after talks with the Foreign Minister of Chile\n\n"
        "Stockholm, 4 May 2023\n\n"
        "Today I had very useful talks with my colleague.\n\n"
        "We discussed our bilateral relations.\n\n"
        "Sweden will continue to support the peace process in Colombia. "
        "We are concerned about food insecurity in the Sahel.\n")
    lindqvist = stances(ex, "Maria Lindqvist")
    assert lindqvist.get("peace-process-in-co") == "support"
    assert "bilateral-relations" not in lindqvist  # meeting and discussing are not stances


def test_condemnation_and_concern_oppose_and_an_end_to_violence_opposes_the_conflict() -> None:
    ex = extract(
        "Minister meets Kenyan counterpart\n\n"
        "Tokyo, 12 June 2021 - Minister for Foreign Affairs Hiroshi Tanaka of Japan met Cabinet Secretary "
        "Grace Wanjiru of Kenya in Tokyo.\n\n"
        "Both ministers voiced serious concern over the ballistic missile launches.\n\n"
        "Minister Tanaka urged an immediate end to the violence in Sudan.\n")
    tanaka = stances(ex, "Hiroshi Tanaka")
    assert tanaka.get("arms-control") == "oppose"
    assert tanaka.get("conflict-in-sd") == "oppose"
    assert stances(ex, "Grace Wanjiru").get("arms-control") == "oppose"


def test_rule_made_topics_are_written_with_a_label_and_a_broader_concept() -> None:
    ex = extract(
        "Minister in Tbilisi\n\n"
        "Tbilisi, 2 February 2020 - Foreign Minister Ana Ruiz of Spain met Foreign Minister Levan Beridze "
        "of Georgia in Tbilisi.\n\n"
        "Minister Ruiz reaffirmed Spain's support for the territorial integrity of Georgia and welcomed "
        "the Lakeside Accord.\n")
    ruiz = stances(ex, "Ana Ruiz")
    assert ruiz.get("territorial-integrity-of-ge") == "support"
    assert f"named-{name_key('Lakeside Accord')}" in ruiz
    graph = build_graph([ex])
    made = {t.id for t in ex.topics}
    assert "territorial-integrity-of-ge" in made
    for topic in made:
        node = next(o for s, o in graph.subject_objects(PG.onTopic) if str(o).endswith("/" + topic))
        assert graph.value(node, SKOS.broader) is not None
        assert graph.value(node, SKOS.prefLabel) is not None


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from polgraph.extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize(("sentence", "own", "expected"), [
    ("Kenya attached great importance to its relations with Japan.", {"ke"}, {"relations-jp-ke"}),
    ("She praised the Kazakh-Chinese relations.", {"us"}, {"relations-cn-kz"}),  # the pair named, not the speaker's
    ("She praised the Kazakh-Chinese relations.", {"kz"}, {"relations-cn-kz"}),
    ("The United States sought a stable relationship with Beijing.", {"us"}, {"relations-cn-us"}),
    ("Norway is our closest ally and a trusted defence partner.", {"us"}, {"relations-no-us"}),
    ("He welcomed the talks between Chile and Peru.", {"us"}, set()),  # talks are no relation noun
    ("He welcomed the improving relations between Chile and Peru.", {"us"}, {"relations-cl-pe"}),
    ("She valued the ties with Japan and Brazil.", {"us"}, {"relations-jp-us", "relations-br-us"}),
    ("She valued the ties with Japan.", set(), {"relations-with-jp"}),  # a speaker of no known state
    ("They backed the Japan-India partnership.", {"gb"}, {"relations-in-jp"}),  # no name left: a relation
    ("They discussed the Chile-Peru conflict.", {"gb"}, {"conflict-cl-pe"}),  # one conflict of two states
    ("She condemned Russia's illegal war of aggression against Ukraine.", {"se"}, {"conflict-in-ua"}),
    ("Ghana is one of our closest partners.", {"au"}, {"relations-au-gh"}),
    ("She underlined Spain's support for the efforts of the Personal Envoy to reach a political solution in "
     "Western Sahara.", {"es"}, {"peace-process-in-eh"}),  # an office is no topic
    ("The Minister called for the immediate release of Maria Kovalenko and Ivan Petrenko.", {"us"},
     {f"release-of-{name_key('Maria Kovalenko and Ivan Petrenko')}"}),
    ("Russia should release American citizens Tom Haller and Jim Boyd.", {"us"},
     {f"release-of-{name_key('Tom Haller and Jim Boyd')}"}),
    ("He welcomed the release of the annual report.", {"us"}, set()),  # no one held
    ("We deepened our cooperation through the ORCA trilateral pact.", {"gb"},
     {f"named-{name_key('ORCA trilateral pact')}"}),
    ("He reaffirmed support for the territorial integrity of Georgia.", {"es"}, {"territorial-integrity-of-ge"}),
    ("He condemned the war against Ukraine and called for a ceasefire in Gaza.", {"fr"},
     {"conflict-in-ua", f"peace-process-in-{name_key('Gaza')}"}),
    ("They welcomed the Good Neighbour Accord and UN Security Council Resolution 2250.", {"fr"},
     {f"named-{name_key('Good Neighbour Accord')}", f"named-{name_key('UN Security Council Resolution 2250')}"}),
    ("Relations with Japan are excellent.", {"jp"}, set()),  # one's own state is no relation
    ("The Secretary raised concerns about the actions against Baltic Wave Radio and its journalists.", {"us"},
     {f"named-{name_key('Baltic Wave Radio')}"}),
    ("He told the Nordlys Broadcasting Corporation that the talks were useful.", {"us"}, set()),  # spoken to
])
def test_rule_made_topics_from_the_parse(nlp, sentence: str, own: set[str], expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    from polgraph.extract.rule_topics import find_rule_topics

    doc = nlp(sentence)
    assert {h.topic.id for h in find_rule_topics(doc[:], 0, own)} == expected


def test_relations_of_two_states_are_one_concept_whichever_side_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    from polgraph.extract.rule_topics import find_rule_topics

    chile = find_rule_topics(nlp("Chile values its partnership with Peru.")[:], 0, {"cl"})
    peru = find_rule_topics(nlp("Peru reaffirmed the strength of its ties with Chile.")[:], 0, {"pe"})
    assert [h.topic for h in chile] == [h.topic for h in peru]
    assert chile[0].topic.label == "Chile-Peru bilateral relations"


def test_places_discussed_are_topics_of_the_meeting_but_not_where_it_was_held(nlp) -> None:  # type: ignore[no-untyped-def]
    from polgraph.extract.rule_topics import find_rule_topics

    doc = nlp("In Vienna, the ministers discussed Afghanistan and exchanged views on Libya.")
    found = {h.topic.id for h in find_rule_topics(doc[:], 0, set(), discussion=True)}
    assert {"situation-in-af", "situation-in-ly"} <= found
    assert "situation-in-at" not in found  # Austria, where they met, is no topic
    doc = nlp("The Minister raised her concerns regarding the continued troop movements in and near Moldova.")
    assert "situation-in-md" in {h.topic.id for h in find_rule_topics(doc[:], 0, set(), discussion=True)}


def test_a_scheme_concept_over_the_word_a_rule_reads_wins() -> None:
    ex = extract(
        "Minister in Berlin\n\n"
        "Berlin, 4 May 2022 - Foreign Minister Ana Ruiz of Spain attended the Berlin Process summit in Berlin.\n\n"
        "Minister Ruiz welcomed the continuation of the Berlin Process.\n")
    ruiz = stances(ex, "Ana Ruiz")
    assert "berlin-process" in ruiz
    assert not any(t.startswith("peace-process-in") for t in ruiz)


def test_a_view_or_position_of_a_person_or_state_is_their_statement() -> None:
    ex = extract(
        "Foreign Minister meets Argentine counterpart\n\n"
        "Oslo, 3 May 2023 - Foreign Minister Lena Berg of Norway met Foreign Minister Pablo Ruiz of Argentina "
        "in Oslo.\n\n"
        "Minister Berg's view is that the sanctions should remain in place.\n\n"
        "Argentina's position was that the fisheries agreement must be renewed.\n")
    assert stances(ex, "Lena Berg").get("sanctions") == "support"
    assert "fisheries" in stances(ex, "Pablo Ruiz")


def test_two_spellings_of_a_name_in_two_documents_are_two_concepts_with_one_label_each() -> None:
    texts = [f"Minister in Lima\n\nLima, 2 May 2021 - Foreign Minister Ana Ruiz of Spain met Foreign Minister "
             f"Jorge Salas of Peru in Lima.\n\nMinister Ruiz welcomed the {name}.\n"
             for name in ("Lakeside Accord", "Lakeside accord")]
    graph = Graph()
    for text in texts:  # one graph per document, merged as a store merges them
        graph += build_graph([extract(text)])
    named = {o for o in graph.objects(None, PG.onTopic) if "/named-" in str(o)}
    assert len(named) == 2
    for node in named:
        assert len(list(graph.objects(node, SKOS.prefLabel))) == 1
