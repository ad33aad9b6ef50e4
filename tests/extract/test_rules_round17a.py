"""A charged group's members listed apart from its charge (extract29, issue #16): the class
of dev hkcnews-41853, counted over the unlabelled court-keyword pool; each on an invented
sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})

CHARGE = "初選案中，5人被正式落案起訴「串謀顛覆國家政權罪」，明早上庭。"


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-02-28")


def charged(body: str) -> set[tuple[str, str]]:
    return {(person, value) for person, kind, value in facts(body) if kind == "charged"}


def test_the_members_under_a_head_that_names_no_offence_take_the_groups_charge() -> None:
    body = CHARGE + "被起訴5人包括：陳大文、黃子健、李志強、張美琪及何志明。"
    assert charged(body) == {
        (name, "subversion") for name in ("陳大文", "黃子健", "李志強", "張美琪", "何志明")
    }


def test_a_part_of_the_group_remanded_or_counted_as_charged_people() -> None:
    remanded = CHARGE + "因案件被還柙的3人包括：陳大文、黃子健及李志強。"
    assert ("黃子健", "subversion") in charged(remanded)
    resigned = CHARGE + "有2名被控者辭任區議員，包括西貢區黃子健、東區李志強。"
    assert charged(resigned) == {("黃子健", "subversion"), ("李志強", "subversion")}


def test_a_restated_charge_naming_only_the_law_does_not_replace_the_offence() -> None:
    body = (
        CHARGE
        + "被控涉違《國安法》的5人，歸期未可知。"
        + "案中已獲准保釋的2名被告包括：黃子健及李志強。"
    )
    found = charged(body)
    assert ("黃子健", "subversion") in found
    assert ("黃子健", "nsl_unspecified") not in found


def test_a_list_larger_than_every_counted_charge_is_another_group() -> None:
    # the charge counts 5 people: a list of 8 members is not theirs
    body = (
        CHARGE + "被起訴8人包括：黃子健、李志強、張美琪、何志明、梁子軒、林子豪、王美玲及周文傑。"
    )
    assert not charged(body)


def test_no_charge_in_the_article_and_a_part_of_another_group_give_nothing() -> None:
    assert not charged("被起訴5人包括：陳大文、黃子健、李志強、張美琪及何志明。")
    part = CHARGE + "另外被起訴的2人包括：黃子健及李志強。"
    assert ("黃子健", "subversion") not in charged(part)
