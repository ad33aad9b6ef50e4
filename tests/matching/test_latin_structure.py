"""More classes of Latin-script variation from the latin-latin development pairs (issue
#14, branch match10): generational suffixes, the Arabic article written joined, a
consonant put before a name, personal names that `latin_forms.yaml` tells apart, second
given names, brothers named after their grandfather, and women's names in Belarusian and
Ukrainian. The names are invented, but for the UK list's `AL SEHRI` entry; each positive
has beside it the negative that must stay apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.sanctions import compare
from lionrock.sanctions.latin_forms import word_form
from lionrock.sanctions.matching import RULES_WESTERN
from lionrock.sanctions.name_parts import same_name_part, western_name
from lionrock.sanctions.relatives import structural_conflict
from tests.matching.test_latin_classes import assert_different, assert_same


def test_a_generational_suffix_is_set_aside() -> None:
    name = western_name("BRANNIGAN SENIOR, Patrick")
    assert name.tokens == ("brannigan", "patrick") and name.generation == "senior"
    assert western_name("Patrick BRANNIGAN Jr.").generation == "junior"
    assert_same(
        "BRANNIGAN, Patrick Joseph", "BRANNIGAN SENIOR, Patrick", "a generational suffix set aside"
    )
    assert_same("Patrick BRANNIGAN Jr.", "Patrick BRANNIGAN", "a generational suffix set aside")


def test_two_generations_of_one_name_are_father_and_son() -> None:
    assert_different("BRANNIGAN SENIOR, Patrick", "BRANNIGAN JUNIOR, Patrick")
    assert_different("Patrick BRANNIGAN Jr", "Patrick BRANNIGAN Sr")
    result = compare("Patrick BRANNIGAN Jr", "Patrick BRANNIGAN Sr")
    assert "the generations differ (junior / senior)" in result.explanation


def test_the_arabic_article_written_joined() -> None:
    # The UK list writes one person "Turki Muserref M. AL SEHRI" and "Musherref Alshehri".
    result = compare("Turki Muserref M. AL SEHRI", "Musherref Alshehri")
    assert result.match and result.rule == "the Arabic article written joined", result.explanation
    assert "'musherref al shehri'" in result.explanation
    # The rest of the joined part must be the other's part after its article: another
    # family name stays another name.
    assert_different("Turki Muserref M. AL SEHRI", "Musherref Alzahrani")
    assert_different("Nasser Alghamdi", "Nasser Al Dosari")


@pytest.mark.parametrize(("left", "right"), [("erkan", "serkan"), ("amer", "samer")])
def test_a_consonant_put_before_a_name_makes_another_name(left: str, right: str) -> None:
    assert not same_name_part(left, right)
    assert_different("DEMIRCAN, Erkan", "DEMIRCAN, Serkan")


def test_a_glide_put_before_a_name_is_a_transliteration() -> None:
    assert same_name_part("yevgeny", "evgeny")


def test_personal_names_the_form_table_tells_apart() -> None:
    # Aleksandr and Aleksei are two classes: brothers, however near rigour reads them.
    assert word_form("Aleksandr") != word_form("Aleksey")
    assert_different("PETRENKO, Aleksandr Mikhaylovich", "PETRENKO, Aleksey Mikhaylovich")
    assert_different("Valentina GRINKEVICH", "Valentin GRINKEVICH")
    assert_same(
        "PETRENKO, Aleksandr Mikhaylovich",
        "PETRENKA, Aliaksandr Mikhailavich",
        "name forms across languages",
    )


def test_second_given_names_that_differ_are_namesakes() -> None:
    assert_different("SALGADO ORTIZ, Jose Luis", "SALGADO ORTIZ, Jose Maria")
    result = compare("SALGADO ORTIZ, Jose Luis", "SALGADO ORTIZ, Jose Maria")
    assert "the second given names differ" in result.explanation
    # One given name, or an initial, says nothing of the second: left to the other rules.
    assert compare("SALGADO ORTIZ, Jose Luis", "SALGADO ORTIZ, Jose").match
    assert (
        structural_conflict(
            western_name("SALGADO ORTIZ, Jose Luis"), western_name("SALGADO ORTIZ, Jose L")
        )
        is None
    )


def test_brothers_one_named_after_the_grandfather() -> None:
    # Karim is the grandfather's name in the other's chain: still another personal name.
    assert_different("AL-HASANI, Karim Nasir Karim Yusuf", "AL-HASANI, Tariq Nasir Karim Yusuf")
    assert compare(
        "AL-HASANI, Karim Nasir Karim Yusuf", "AL-HASANI, Karim Nasser Karim Yousef"
    ).match


def test_womens_names_and_patronymics_in_belarusian() -> None:
    assert word_form("Valiantsina") == word_form("Valentina") == "valentina"
    assert word_form("Siarhiejeuna") == word_form("Sergeevna")  # Belarusian -eŭna
    assert_same(
        "Valiantsina Mikalaeuna HRYNKEVICH",
        "Valentina Nikolaevna GRINKEVICH",
        "name forms across languages",
    )
    assert_same("Sviatlana TSIKHANOUSKAYA", "Svetlana TIKHANOVSKAYA", "name forms across languages")
    # A father's name is a man's: the patronymic reads through Valentin's class.
    assert word_form("Valiantsinauna") == word_form("Valentinovna") == "valentinivna"
    assert_different("Valentina Nikolaevna GRINKEVICH", "Valentina Ivanauna GRINKEVICH")


def test_every_latin_rule_is_in_the_docs_table() -> None:
    """docs/matching.md's rule table names every rule the Latin-script layer reports."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "matching.md").read_text("utf-8")
    table = {line.split("|")[1] for line in text.splitlines() if line.startswith("| `")}
    named = " ".join(table)
    missing = [rule for _, rule in RULES_WESTERN if f"`{rule}`" not in named]
    assert not missing, missing


@pytest.mark.parametrize(
    ("left", "right", "rule"),
    [
        ("Turki Muserref M. AL SEHRI", "Musherref Alshehri", "the Arabic article written joined"),
        ("Patrick BRANNIGAN Jr.", "Patrick BRANNIGAN", "a generational suffix set aside"),
    ],
)
def test_match_explain_names_the_rule(left: str, right: str, rule: str) -> None:
    result = CliRunner().invoke(main, ["match", left, right, "--explain"])
    assert result.exit_code == 0, result.output
    assert f"rule: {rule}" in result.output
