"""English reporting (extract49, issue #16): a lone surname whose full name stands
sentences before, "the arrests of A and B", "charge NAME with", a term written before
"jail term", a surname in capitals, and the cases the rules must leave alone. Short
excerpts of dev articles (hkcnews-32517, 33767, 38440, 41407) and made-up negatives."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer()


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-02-01")


def test_a_surname_alone_is_the_person_named_sentences_before() -> None:
    # the full name two sentences back, in a sentence no trigger makes the rules read
    body = (
        "On Tuesday, the council sacked law professor Benny Tai for misconduct. "
        "The senate found earlier there were not enough grounds for dismissal. "
        "Tai was convicted of public nuisance charges with a 16-month jail term last year."
    )
    found = facts(body)
    assert ("Benny Tai", "verdict", "convicted") in found
    assert ("Benny Tai", "sentence", "16") in found


def test_a_surname_two_people_bear_is_no_one() -> None:
    body = (
        "The council sacked Benny Tai. Later it thanked Alan Tai for his work. "
        "The senate met. Tai was convicted of public nuisance."
    )
    assert not facts(body)


def test_charge_name_with_an_offence() -> None:
    body = (
        "Yesterday police revived the colonial era sedition law to charge activist "
        "“Fast Beat” Tam Tak-chi with the crime of “uttering seditious words”."
    )
    assert facts(body) == {("Tam Tak-chi", "charged", "sedition")}


def test_an_intended_or_denied_charge_is_no_fact() -> None:
    assert not facts("Police may charge Tam Tak-chi with sedition.")
    assert not facts("Prosecutors did not charge Tam Tak-chi with sedition.")


def test_the_arrests_of_a_list() -> None:
    body = "We analyse the August 10, 2020 arrests of Jimmy Lai and Agnes Chow under the NSL."
    found = facts(body)
    assert ("Jimmy Lai", "arrested", "") in found
    assert ("Agnes Chow", "arrested", "") in found


def test_a_term_before_jail_term() -> None:
    assert facts("Tam Tak-chi was handed a 40-month jail term on Wednesday.") == {
        ("Tam Tak-chi", "sentence", "40")
    }
    # a maximum, a possibility and a suspended term are not sentences
    assert not facts("Tam Tak-chi faces a 10-year jail term.")
    assert not facts("Tam Tak-chi could be handed a two-year jail term.")
    assert not facts("Tam Tak-chi was given a three-month prison sentence, suspended for a year.")


def test_a_surname_in_capitals_and_an_adverb() -> None:
    body = "A former legislator, KWOK Ka-ki, was instantly arrested; bail application declined."
    found = facts(body)
    assert ("KWOK Ka-ki", "arrested", "") in found
    assert ("KWOK Ka-ki", "bail_denied", "") in found


def test_a_surname_with_an_age_between_commas() -> None:
    body = (
        "Activist Joshua Wong spoke on Monday. The rally ended. "
        "Wong, 24, was jailed for 13.5 months."
    )
    assert ("Joshua Wong", "sentence", "13.5") in facts(body)
