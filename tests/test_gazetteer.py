"""The world gazetteer (GeoNames cities, countryinfo demonyms): lookups and the place finder."""
from __future__ import annotations

from datetime import date

from polgraph.extract import gazetteer as gz
from polgraph.extract.dates import explicit_dates, partial_dates


def test_demonyms_and_state_names_of_the_world() -> None:
    assert gz.country_code("Emirati") == "AE"
    assert gz.country_code("Chilean") == "CL"
    assert gz.country_code("Sri Lankan") == "LK"
    assert gz.country_code("American") == "US"  # the most populous state wins a shared demonym
    assert gz.country_code("Kingdom of Saudi Arabia") == "SA"
    assert gz.country_code("US") == "US"


def test_cities_of_the_world_with_their_states() -> None:
    assert gz.CITIES["Abu Dhabi"] == "AE"
    assert gz.CITIES["Nairobi"] == "KE"
    assert gz.CITIES["New York"] == "US"  # GeoNames says "New York City"; its spelling is kept
    assert gz.CITIES.is_capital("Canberra")
    assert gz.CITIES.is_major("Lagos") and not gz.CITIES.is_major("Bled")


def test_place_finder_reads_runs_of_capitalised_words() -> None:
    def found(text: str) -> list[str]:
        return [p.group(1) for p in gz.CITY_FINDER.finditer(text)]

    assert found("Talks in Santiago, Lima and Quito on Monday") == ["Santiago", "Lima", "Quito"]
    assert found("In Nairobi, Minister Otieno met") == ["Nairobi"]
    assert found("Minister Fatima Martin spoke") == []  # a town's name inside a person's name
    assert found("the Federal Chancellery") == []  # the start of a longer name
    assert found("representatives of Armenia") == []  # a state, though also a Colombian city


def test_day_and_month_take_the_year_the_text_states() -> None:
    assert [d.value for d in partial_dates("met on March 3rd in Lima", date(2022, 3, 10))] == [date(2022, 3, 3)]
    # a release reports the past: a day after its date belongs to the year before
    assert [d.value for d in partial_dates("on 28 December", date(2023, 1, 5))] == [date(2022, 12, 28)]
    assert partial_dates("on 28 December", None) == []
    assert partial_dates("the conference on 17-18 February", date(2022, 1, 30)) == []  # weeks ahead: planned
    assert [d.value for d in explicit_dates("Council, 17-18/07/2017")] == [date(2017, 7, 17)]
    assert explicit_dates("on 05/07/2017") == []  # day-month or month-day: the text does not say
