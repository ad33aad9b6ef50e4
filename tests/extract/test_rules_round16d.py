"""Classes of English sentences (HKFP-style digests, English inside Chinese articles) that
extract24 (issue #16) found missed in its dev draw 20 and over the unlabelled
court-keyword pool; each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

RECORD = Gazetteer({"陳大文": "lr-test-0", "Victor Kwan Ka-yan": "lr-test-judge"})


def facts(body: str, names: Gazetteer | None = None) -> set[tuple[str, str, str]]:
    return triples(body, names or Gazetteer({}), "2021-07-30")


def test_an_adverb_between_the_auxiliary_and_the_arrest() -> None:
    body = (
        "Activist Chan Tai-man, who is already serving a sentence, was also arrested in the sweep."
    )
    assert ("Chan Tai-man", "arrested", "") in facts(body)


def test_an_adverb_between_the_auxiliary_and_the_charge() -> None:
    body = "The producer, Wong Siu-ming, was subsequently charged with sedition last week."
    assert ("Wong Siu-ming", "charged", "sedition") in facts(body)


def test_a_second_name_after_its_role_is_in_the_list() -> None:
    body = (
        "On Friday, publisher Cheung Chi-keung and Chief Editor Law Ka-ho were formally "
        "charged with colluding with foreign forces."
    )
    found = facts(body)
    assert ("Cheung Chi-keung", "charged", "collusion") in found
    assert ("Law Ka-ho", "charged", "collusion") in found  # Law, as in Security Law


def test_a_lowercase_role_joins_the_list_and_both_share_the_bail() -> None:
    body = (
        "Chairman Ho Mei-ling and external vice chairman Yip Wing-sze were charged with "
        "sedition, and their application for bail was refused by the court."
    )
    found = facts(body)
    assert {("Ho Mei-ling", "bail_denied", ""), ("Yip Wing-sze", "bail_denied", "")} <= found
    assert ("Yip Wing-sze", "charged", "sedition") in found


def test_a_verb_after_and_does_not_join_a_second_name() -> None:
    body = "Chan Tai-man was arrested and later told reporter Lee Siu-fung about it."
    found = facts(body)
    assert ("Chan Tai-man", "arrested", "") in found
    assert not any(person == "Lee Siu-fung" for person, _, _ in found)


def test_a_remand_stated_as_a_state() -> None:
    body = "Former lawmaker Lam Kwok-wai, who is still in remand, applied to attend a funeral."
    assert ("Lam Kwok-wai", "custody", "remanded") in facts(body)


def test_an_official_title_before_a_name_is_not_stripped() -> None:
    body = "Chief Magistrate Kwok Wai-ming refused bail to the defendant."
    assert not any(person.endswith("Wai-ming") for person, _, _ in facts(body))


def test_a_record_name_after_a_judge_is_the_judge() -> None:
    body = (
        "Their application for bail was refused by the appointed judge, Victor Kwan Ka-yan, "
        "and they were held in custody."
    )
    assert not any(person == "Victor Kwan Ka-yan" for person, _, _ in facts(body, RECORD))
