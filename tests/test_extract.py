"""Extraction rules on short, made-up press releases (real English pipeline).

Each case is one behaviour a user relies on; the texts are written for the test, not taken
from the corpus.
"""
from __future__ import annotations

from datetime import date

import pytest
from conftest import extract, person

from polgraph.models import Org

pytestmark = pytest.mark.slow


def test_title_before_name_and_post_wordings_are_one_post() -> None:
    ex = extract(
        "Minister at the informal meeting\n\n"
        "Interior Minister Janez Novak attended the informal meeting of interior ministers in Vienna. "
        "Mr Novak stressed that Slovenia supports stronger police cooperation. "
        "The Minister of the Interior, Janez Novak, also met journalists.\n")
    novak = ex.persons[person(ex, "Janez Novak")]
    assert len(ex.persons) == 1, [p.label for p in ex.persons]
    assert [p.role_title for p in novak.posts] == ["Minister of the Interior"]
    assert novak.posts[0].org is not None and novak.posts[0].org.country_code == "SI"


def test_surname_honorific_and_pronoun_resolve_to_the_full_name() -> None:
    ex = extract(
        "Prime Minister Ana Kos in Brussels\n\n"
        "Slovenian Prime Minister Ana Kos attended the European Council summit in Brussels. "
        "Ms Kos emphasised the importance of strengthening control of the external borders. "
        "She also underlined that the enlargement of the EU to the Western Balkans must continue.\n")
    kos = person(ex, "Ana Kos")
    assert len([p for p in ex.persons if p.name]) == 1
    topics = {p.topic for p in ex.positions if p.holder == kos}
    assert {"external-border-control", "eu-enlargement"} <= topics, topics


def test_counterparts_by_country_are_people_known_by_post() -> None:
    ex = extract(
        "Interior ministers in Sofia\n\n"
        "State Secretary Marko Zupan attended the Justice and Home Affairs Council in Sofia on 3 March 2021. "
        "In the margins of the meeting, State Secretary Zupan met with his counterparts from Croatia, "
        "Austria and Hungary.\n")
    zupan = person(ex, "Marko Zupan")
    met = [ex.persons[b if a == zupan else a] for a, b in ex.meets if zupan in (a, b)]
    codes = {p.posts[0].org.country_code for p in met if p.posts and p.posts[0].org}
    assert codes == {"HR", "AT", "HU"}
    assert all(p.name is None and p.posts[0].role_title == "State Secretary" for p in met)


def test_named_counterpart_with_nationality() -> None:
    ex = extract(
        "Foreign Minister meets Croatian counterpart\n\n"
        "Foreign Minister Tina Bele met with her Croatian counterpart Ivan Horvat in Zagreb today.\n")
    bele, horvat = person(ex, "Tina Bele"), person(ex, "Ivan Horvat")
    assert (bele, horvat) in ex.meets or (horvat, bele) in ex.meets
    assert ex.persons[horvat].posts[0].org.country_code == "HR"  # type: ignore[union-attr]
    own = ex.persons[bele].posts[0].org
    assert own is None or own.country_code != "HR"  # the text never says which state she serves


def test_meeting_date_place_and_convener() -> None:
    ex = extract(
        "Ministers in Bucharest\n\n"
        "Interior Minister Janez Novak attended an informal meeting of the Justice and Home Affairs Council "
        "in Bucharest on 7 February 2019. The Romanian Presidency suggested closer police cooperation.\n")
    meeting = ex.meetings[0]
    assert meeting.date == date(2019, 2, 7)
    assert meeting.place is not None and meeting.place.label == "Bucharest" and meeting.place.country_code == "RO"
    assert [o.country_code for o in meeting.convener_orgs] == ["RO"]
    assert person(ex, "Janez Novak") in meeting.attendees


def test_relative_date_needs_a_publication_date() -> None:
    text = ("Minister in Ljubljana\n\n{dateline}"
            "Finance Minister Petra Hribar met with the Managing Director of the ESM, Hans Berg, in Ljubljana today.\n")
    undated = extract(text.format(dateline=""))
    assert undated.meetings[0].date is None  # no date the text does not give
    dated = extract(text.format(dateline="Ljubljana, 12 May 2021\n\n"))
    assert dated.document.published == date(2021, 5, 12)
    assert dated.meetings[0].date == date(2021, 5, 12)


def test_negation_gives_oppose_and_evidence_is_verbatim() -> None:
    ex = extract(
        "Minister on Schengen\n\n"
        "Interior Minister Janez Novak attended the Council in Brussels. "
        "\"I am determined that no new border controls should be introduced within the Schengen area,\" "
        "Minister Novak said.\n")
    novak = person(ex, "Janez Novak")
    internal = [p for p in ex.positions if p.holder == novak and p.topic == "internal-border-controls"]
    assert internal and internal[0].stance == "oppose"
    for p in ex.positions:
        assert ex.document.text[p.start:p.end] == p.evidence


def test_country_statement_counts_for_the_person_speaking_for_it() -> None:
    ex = extract(
        "State Secretary in Luxembourg\n\n"
        "State Secretary Marko Zupan attended the Council meeting in Luxembourg. "
        "Slovenia is calling for an overhaul of the Common European Asylum System, Zupan said.\n")
    zupan = person(ex, "Marko Zupan")
    assert any(p.holder == zupan and p.topic == "common-european-asylum-system" for p in ex.positions)


def test_quote_continued_in_a_following_sentence_keeps_its_speaker() -> None:
    ex = extract(
        "Minister in Prague\n\n"
        "Minister Tatjana Kralj attended the meeting in Prague. "
        "\"We are following the situation closely,\" Minister Kralj told her counterparts.\n\n"
        "\"It is therefore paramount to protect the external EU border and to exchange information with Europol.\"\n")
    kralj = person(ex, "Tatjana Kralj")
    assert any(p.holder == kralj and p.topic == "external-border-control" for p in ex.positions)


def test_one_position_per_person_and_topic() -> None:
    ex = extract(
        "Minister on migration\n\n"
        "Interior Minister Janez Novak attended the Council in Brussels. "
        "Mr Novak stressed the importance of the return of migrants. "
        "He underlined again that effective return of migrants is a priority.\n")
    keys = [(p.holder, p.topic) for p in ex.positions]
    assert len(keys) == len(set(keys))


def test_no_meeting_no_invented_place_or_date() -> None:
    ex = extract("Statement\n\nPrime Minister Ana Kos stressed that energy security is a priority for Slovenia.\n")
    assert ex.meetings == []
    assert all(p.meeting is None for p in ex.positions)


def test_hard_wrapped_lines_are_one_sentence() -> None:
    ex = extract(
        "Minister in Brussels\n\n"
        "Interior Minister Janez Novak attended an informal meeting of EU interior\n"
        "ministers in Brussels on 7 February 2019. Minister Novak said that Slovenia\n"
        "strongly supports the control of the external borders of the European Union.\n")
    assert ex.meetings[0].label == "Informal meeting of EU interior ministers"
    evidence = [p.evidence for p in ex.positions if p.topic == "external-border-control"]
    assert evidence and evidence[0].endswith("of the European Union.")


def test_statement_goes_on_in_the_next_sentence_of_its_paragraph() -> None:
    ex = extract(
        "Prime Minister in Brussels\n\n"
        "Prime Minister Ana Kos attended the European Council in Brussels. "
        "Ms Kos underlined the importance of strengthening the external borders. "
        "At the same time it is essential to strengthen cooperation with third countries.\n")
    kos = person(ex, "Ana Kos")
    assert any(p.holder == kos and p.topic == "cooperation-with-third-countries" for p in ex.positions)


def test_opposing_a_delay_supports_the_topic_and_a_host_marks_the_other_side() -> None:
    ex = extract(
        "Prime Minister at the summit in Tirana\n\n"
        "Prime Minister Marjan Novak attended the summit in Tirana, hosted by Albanian Prime Minister Edi Rama. "
        "\"I strongly oppose any further delay in opening accession negotiations with the candidate countries,\" "
        "the Prime Minister said.\n")
    novak = person(ex, "Marjan Novak")
    stances = {p.stance for p in ex.positions if p.holder == novak and p.topic == "eu-enlargement"}
    assert stances == {"support"}
    own = ex.persons[novak].posts[0].org
    assert own is None or own.country_code != "AL"  # the host is the other side
    assert person(ex, "Edi Rama") in ex.meetings[0].convener_persons


def test_phone_call_on_a_weekday_with_an_unlisted_portfolio() -> None:
    ex = extract(
        "Minister of Defence holds phone call with Polish counterpart\n\n"
        "Ljubljana, 14 March 2024\n\n"
        "Minister of Defence Anja Petek held a telephone conversation on Tuesday with the Polish Minister of "
        "National Defence, Tomasz Zielinski.\n")
    petek, zielinski = person(ex, "Anja Petek"), person(ex, "Tomasz Zielinski")
    call = ex.meetings[0]
    assert call.kind == "phone" and call.place is None  # a call has no one place
    assert call.date == date(2024, 3, 12)  # the Tuesday before the publication date
    assert (petek, zielinski) in ex.meets or (zielinski, petek) in ex.meets
    assert ex.persons[zielinski].posts[0].org.country_code == "PL"  # type: ignore[union-attr]


def test_dateline_opening_the_lead_resolves_yesterday() -> None:
    ex = extract(
        "Minister meets Commissioner\n\n"
        "Ljubljana, 12 March 2019 – Interior Minister Janez Novak met yesterday with the European Commissioner "
        "for Home Affairs, Maria Lind, in Ljubljana.\n")
    assert ex.meetings[0].date == date(2019, 3, 11)


def test_offices_of_international_bodies_and_name_particles() -> None:
    ex = extract(
        "Minister meets NATO Secretary General\n\n"
        "The Minister of Foreign and European Affairs, Dr. Tanja Fajon, met with NATO Secretary General "
        "Jens Stoltenberg in Brussels. European Commission President Ursula von der Leyen joined by video link.\n")
    stoltenberg = ex.persons[person(ex, "Jens Stoltenberg")]
    assert (stoltenberg.posts[0].role_title, stoltenberg.posts[0].org) == ("Secretary General", Org("NATO"))
    leyen = ex.persons[person(ex, "Ursula von der Leyen")]
    assert leyen.posts[0].org == Org("European Commission")
    # a ministry's name is kept as the government writes it, not translated to another ministry's
    assert ex.persons[person(ex, "Tanja Fajon")].posts[0].role_title == "Minister of Foreign and European Affairs"


def test_name_split_by_a_hard_line_break_and_a_generic_headline() -> None:
    ex = extract(
        "Minister at the Council\n\n"
        "On 3 May 2022 the Slovenian Minister of the Interior Janez\n"
        "Novak attended the Justice and Home Affairs Council in Luxembourg. Minister\n"
        "Novak stressed that Slovenia supports the Pact on Migration and Asylum.\n")
    assert [p.name for p in ex.persons] == ["Janez Novak"]
    assert ex.meetings[0].label == "Justice and Home Affairs Council"
    assert ex.meetings[0].date == date(2022, 5, 3)


def test_separate_encounters_are_separate_meetings_of_the_visit() -> None:
    ex = extract(
        "Minister Okonkwo in Geneva\n\n"
        "Minister of Foreign Affairs Amara J. Okonkwo visited Geneva to attend the session of the Human Rights Council.\n\n"
        "On 3 March 2022, Minister Okonkwo met with Jon Berg, Minister of Foreign Affairs of Norway.\n\n"
        "Later that day, Minister Okonkwo met with Ana Lima Santos, Minister of Foreign Affairs of Portugal, "
        "at the Palace of Nations.\n")
    okonkwo, berg, lima = (person(ex, n) for n in ("Amara J. Okonkwo", "Jon Berg", "Ana Lima Santos"))
    bilaterals = [m for m in ex.meetings if m.kind == "bilateral"]
    assert sorted(sorted(m.attendees) for m in bilaterals) == sorted([sorted([okonkwo, berg]), sorted([okonkwo, lima])])
    assert all(m.part_of == 0 for m in bilaterals)  # part of the visit
    assert {ex.persons[berg].posts[0].org.country_code, ex.persons[lima].posts[0].org.country_code} == {"NO", "PT"}
    assert {frozenset(p) for p in ex.meets} >= {frozenset((okonkwo, berg)), frozenset((okonkwo, lima))}


def test_received_by_and_a_counterpart_known_by_nationality() -> None:
    ex = extract(
        "Trade Minister received in Nairobi\n\n"
        "Nairobi, 14 June 2023 - Trade Minister Jon Berg was received by President Amara Diallo at State House "
        "in Nairobi. Minister Berg also met his Kenyan counterpart.\n")
    berg, diallo = person(ex, "Jon Berg"), person(ex, "Amara Diallo")
    assert frozenset((berg, diallo)) in {frozenset(p) for p in ex.meets}
    kenyan = [ex.persons[b if a == berg else a] for a, b in ex.meets if berg in (a, b) and diallo not in (a, b)]
    assert [(p.name, p.posts[0].org.country_code) for p in kenyan] == [(None, "KE")]
    main = ex.meetings[0]
    assert main.place is not None and main.place.label == "Nairobi"  # the city of the venue, not the venue


def test_day_and_month_take_the_year_of_the_dateline_and_planned_meetings_give_no_date() -> None:
    ex = extract(
        "Defence ministers in Lima\n\n"
        "12.05.2021\n"
        "Deputy Minister of Defence Ana Lima Santos met Deputy Minister of Defence of Peru Jon Berg on May 11th in Lima. "
        "They also prepared the forthcoming meeting of defence ministers on 2 June.\n")
    assert ex.meetings[0].date == date(2021, 5, 11)
    assert ex.meetings[0].place is not None and ex.meetings[0].place.label == "Lima"


def test_a_title_reference_completes_the_post_it_refers_to() -> None:
    ex = extract(
        "Call with the Council\n\n"
        "On 3 May 2021, President Lindqvist spoke with President Okafor on the phone. "
        "The President of the European Council stressed the importance of a ceasefire.\n")
    lindqvist = ex.persons[person(ex, "Lindqvist")]
    assert lindqvist.posts and lindqvist.posts[0].org == Org("European Council")


def test_a_post_records_whether_the_text_gives_its_state() -> None:
    ex = extract(
        "Trade Minister receives Kenyan counterpart\n\n"
        "Norway's Minister of Trade Lars Holm received the Kenyan Minister of Trade, Amina Wanjiru, in Oslo "
        "on 4 May 2022. State Secretary Kari Lund also took part in the talks. "
        "Norway supports fair trade rules, Mr Holm said.\n")
    holm, wanjiru, lund = (ex.persons[person(ex, n)].posts[0] for n in ("Lars Holm", "Amina Wanjiru", "Kari Lund"))
    assert holm.org == Org("Norway", "NO") and not holm.org_assumed
    assert wanjiru.org == Org("Kenya", "KE") and not wanjiru.org_assumed
    assert lund.org == Org("Norway", "NO") and lund.org_assumed  # the release's own state, not written for her


def test_first_person_report_of_an_unnamed_official_dates_each_meeting() -> None:
    ex = extract(
        "Report of the Secretary General\n\n12 June 2019\n\nMeetings in Vienna\n\n"
        "Ms Hanna Virtanen, President of the Nordic Council\n\n"  # a heading, not a meeting
        "On 3 June I met with Ms Hanna Virtanen, President of the Nordic Council. "
        "We discussed support for regional projects.\n\n"
        "On 5 June, I met Mr Jonas Berg, Minister of Justice of Sweden. He was accompanied by Ms Aino Laine "
        "and Mr Olli Rantanen. We spoke about the reform of the courts.\n")
    virtanen, berg = person(ex, "Hanna Virtanen"), person(ex, "Jonas Berg")
    company = {person(ex, "Aino Laine"), person(ex, "Olli Rantanen")}
    by_date = {m.date: set(m.attendees) for m in ex.meetings}
    assert len(by_date) == len(ex.meetings) == 2, by_date
    assert by_date.get(date(2019, 6, 3)) == {virtanen}, by_date  # "I" is not the first person met
    assert by_date.get(date(2019, 6, 5)) == {berg} | company, by_date  # those accompanying him were there
    assert ex.meets == []  # the two met the writer, not each other



def test_a_capital_datelining_the_release_gives_its_leader_a_state() -> None:
    ex = extract(
        "PRIME MINISTER RECEIVES CALL FROM NORWEGIAN PRIME MINISTER\nNairobi: 3 March 2023\n\n"
        "Prime Minister Daniel Mwangi received a telephone call from Norwegian Prime Minister Erik Dahl today. "
        "The two leaders discussed the drought in Somalia. Prime Minister Mwangi underlined the importance of a "
        "stable Somalia for Kenya. He noted the support of Kenya for the peace talks in Somalia and the work of "
        "relief agencies in Somalia.\n")
    post = ex.persons[person(ex, "Daniel Mwangi")].posts[0]
    assert post.org == Org("Kenya", "KE") and post.org_assumed  # the text never writes "Kenyan Prime Minister"
    assert ex.persons[person(ex, "Erik Dahl")].posts[0].org == Org("Norway", "NO")


def test_a_full_name_written_again_is_a_mention_of_the_same_person() -> None:
    import spacy

    from polgraph.extract import mentions  # noqa: F401  (registers the component)

    nlp = spacy.blank("en")  # no NER: only an office or a style marks a name
    nlp.add_pipe("polgraph_mentions")
    doc = nlp("Head of State Aigerim Sadykova-Nurlan received the Finnish envoy in the capital. "
              "Aigerim Sadykova-Nurlan praised the talks. \"We trust our partners,\" said Aigerim Sadykova-Nurlan. "
              "The envoy thanked Aigerim Sadykova-Nurlanova.")
    found = [(doc.text[m.start:m.end], m.role.title if m.role else None) for m in doc._.polgraph_mentions]
    assert found == [("Aigerim Sadykova-Nurlan", "Head of State"), ("Aigerim Sadykova-Nurlan", None),
                     ("Aigerim Sadykova-Nurlan", None)]  # not the longer name of someone else


def test_people_met_on_a_visit_are_of_the_state_visited() -> None:
    ex = extract(
        "Chilean Foreign Minister in Ghana\n\n"
        "Foreign Minister of Chile Ana Rojas, who is on an official visit to Ghana, met the Minister of Trade, "
        "Kwame Mensah, in Accra on 2 May 2022.\n")
    rojas = ex.persons[person(ex, "Ana Rojas")].posts[0]
    mensah = ex.persons[person(ex, "Kwame Mensah")].posts[0]
    assert rojas.org == Org("Chile", "CL")  # not the headline's last word, a blank line above her office
    assert mensah.org == Org("Ghana", "GH") and mensah.org_assumed


def test_a_visit_to_a_capital_named_by_its_first_word() -> None:
    ex = extract(
        "Trade Secretary in Washington\n\n"
        "Secretary of State for Trade Emma Clarke has concluded a two-day visit to Washington, DC where she held "
        "talks with Commerce Secretary John Miller on steel tariffs. The United States is our largest trading "
        "partner, the Trade Secretary said.\n")
    assert ex.persons[person(ex, "John Miller")].posts[0].org == Org("United States", "US")
    assert ex.persons[person(ex, "Emma Clarke")].posts[0].org is None  # the visitor is not of the state visited
