"""English forms (issue #16, english21): a pronoun opening a clause after a conjunction is
the one person the sentence named; "charged with the offence" takes the offence an earlier
sentence named; perverting the course of justice is an offence."""

from __future__ import annotations

from lionrock.library.extract import extract_text
from lionrock.library.extract._persons import Gazetteer


def _facts(body: str) -> set[tuple[str, str, str]]:
    names = Gazetteer({"Ted Hui": "p1", "Jimmy Lai": "p2"})
    found = extract_text(article_id="a", body=body, published="2021-01-01", names=names)
    return {(p.person, p.kind, p.value) for p in found}


def test_pronoun_after_a_conjunction_is_the_one_named() -> None:
    body = (
        "The criminal charge that Ted Hui is facing stems from a confrontation with a man "
        "in August this year, when he asked the man to delete the contents of his mobile "
        "phone and was charged by the police with perverting the course of justice."
    )
    assert ("Ted Hui", "charged", "other") in _facts(body)


def test_pronoun_after_but_is_the_one_named() -> None:
    body = (
        "The lawyer representing the defendant in Jimmy Lai's case had agreed to a number "
        "of harsh conditions, such as not leaving home without permission, but he was still "
        "denied bail."
    )
    assert ("Jimmy Lai", "bail_denied", "") in _facts(body)


def test_charged_with_the_offence_named_before() -> None:
    body = (
        "The most prominent news was the arrest of five members of the union for publishing "
        "picture books, which were considered seditious publications.\n"
        "Chairman Lai Man-ling and external vice chairman Yeung Yat-yi were subsequently "
        "charged with the offence, and their application for bail was refused."
    )
    facts = _facts(body)
    assert ("Lai Man-ling", "charged", "sedition") in facts
    assert ("Yeung Yat-yi", "charged", "sedition") in facts


def test_the_offence_of_two_offences_before_is_none() -> None:
    body = (
        "Police arrested them for sedition and for unlawful assembly.\n"
        "Lai Man-ling was charged with the offence."
    )
    assert not {f for f in _facts(body) if f[1] == "charged"}


def test_the_offences_under_a_law_are_read_as_written() -> None:
    body = (
        "Jimmy Lai was arrested for fraud.\nJimmy Lai was charged with the offences under the NSL."
    )
    facts = {f for f in _facts(body) if f[1] == "charged"}
    assert facts == {("Jimmy Lai", "charged", "nsl_unspecified")}


def test_sent_to_a_detention_centre_is_a_remand() -> None:
    body = (
        "Next Media boss Jimmy Lai was sent to a detention centre after being charged with "
        "fraud and denied bail in court."
    )
    facts = _facts(body)
    assert ("Jimmy Lai", "custody", "remanded") in facts
    assert ("Jimmy Lai", "charged", "other") in facts


def test_sent_back_to_remand_is_the_one_sent() -> None:
    body = "The judge refused bail and sent Jimmy Lai back to remand until May."
    assert ("Jimmy Lai", "custody", "remanded") in _facts(body)


def test_a_detention_centre_as_a_figure_is_no_remand() -> None:
    body = "“Hong Kong is more and more like a large detention centre,” Jimmy Lai said."
    assert not {f for f in _facts(body) if f[1] == "custody"}


def test_an_english_article_keeps_the_english_name() -> None:
    names = Gazetteer({"Jimmy Lai": "p2", "黎智英": "p2"})
    body = (
        "原文：黎智英\n"
        "Jimmy Lai was further charged with a count of colluding with foreign powers to "
        "endanger national security, police said on Friday in a statement to the press."
    )
    found = extract_text(article_id="a", body=body, published="2021-01-01", names=names)
    assert {p.person for p in found if p.kind == "charged"} == {"Jimmy Lai"}
