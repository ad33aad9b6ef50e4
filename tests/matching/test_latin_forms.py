"""One given name across languages (`latin_forms.py`, `latin_forms.yaml`, issue #14):
Belarusian and Ukrainian forms of Russian names, in given names and patronymics, and
the Arabic form of George. The names are constructed: a listed surname is not needed
to show the rule, and every positive has a negative beside it that must stay apart.
"""

from __future__ import annotations

import pytest

from lionrock.safe_yaml import load_yaml_file
from lionrock.sanctions import compare
from lionrock.sanctions.latin_forms import (
    FORMS_PATH,
    arabic_name,
    common_forms,
    form_table,
    name_forms,
    word_form,
)
from lionrock.sanctions.name_parts import translit_fold


def assert_same(left: str, right: str) -> None:
    for x, y in ((left, right), (right, left)):
        result = compare(x, y)
        assert result.match, result.explanation
        assert result.rule == "name forms across languages", result.explanation


def assert_different(left: str, right: str) -> None:
    for x, y in ((left, right), (right, left)):
        result = compare(x, y)
        assert not result.match, result.explanation


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Belarusian Mikalai, Ukrainian Mykola: Russian Nikolai
        ("Mikalai Ivanavich TSERAZHUK", "Nikolai Ivanovich TSERAZHUK"),
        ("Mykola Ivanovych BONDAR", "Nikolai Ivanovich BONDAR"),
        # Belarusian Uladzimir, Ukrainian Volodymyr: Vladimir
        ("Uladzimir BARSUKOU", "Volodymyr BARSUKOV"),
        # Georgy and George in Arabic (Jurj)
        ("Jurj Haddad Salim", "George Haddad Salim"),
        # Belarusian Volha is Olga, and -auna the Belarusian -ovna
        ("Volha Ivanauna KOVAL", "Olga Ivanovna KOVAL"),
        # French dj for Arabic j, and French ou for w in Tawfiq
        ("Djafar Toufic HADDAD", "Jafar Tawfiq HADDAD"),
    ],
)
def test_given_names_in_sister_languages_match(left: str, right: str) -> None:
    assert_same(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Belarusian Ryhor is Grigory: the fathers agree in the patronymics
        ("Aliaksandr Ryhoravich SAVICH", "Alexander Grigorievich SAVICH"),
        # Belarusian Yauhen (written Yawhen) is Yevgeny
        ("Andrei Yawhenavich BULAU", "Andrey Yevgenievich BULAU"),
        # a patronymic misspelled by one letter still names its father (Grogori)
        ("Alexander Ryhoravich SAVICH", "Aleksandr Grogorievich SAVICH"),
    ],
)
def test_patronymics_of_one_father_match(left: str, right: str) -> None:
    assert_same(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # two names that look alike but are two names: Nikolai is not Mikhail
        ("Nikolai PETRENKO", "Mikhail PETRENKO"),
        # brothers: one father, personal names in different classes
        ("Mikalai Ivanavich TSERAZHUK", "Uladzimir Ivanovich TSERAZHUK"),
        # one person's given name, another's patronymic: the fathers differ
        ("Aliaksandr Ryhoravich SAVICH", "Alexander Vladimirovich SAVICH"),
        # the same given names, other family names
        ("Mykola PETRENKO", "Nikolay KOVALENKO"),
        # Yury is not Georgy, though both come from one Greek name
        ("Yury KHALIL", "George KHALIL"),
        # Olga is not Olena (Yelena), Denis not Dzmitry
        ("Volha KOVAL", "Olena KOVAL"),
        ("Dzianis KOVAL", "Dzmitry KOVAL"),
    ],
)
def test_other_names_stay_apart(left: str, right: str) -> None:
    assert_different(left, right)


def test_a_name_is_rewritten_once_with_its_class_forms() -> None:
    assert word_form("Mikalai") == word_form("Mykola") == "nikolai"
    assert word_form("Ryhoravich") == word_form("Grigoryevich") == "grigorivich"
    assert word_form("Yawhenauna") == "yevgenivna"  # Belarusian feminine -auna
    assert word_form("Djamal") == "jamal"  # French dj at the start: j
    assert word_form("Petrenko") is None
    assert word_form("Ivanovich") is None  # Ivan is written alike everywhere
    assert name_forms("KARPENKA, Mikalai") == "KARPENKA, nikolai"  # the comma is kept


def test_forms_are_compared_only_when_they_bring_parts_together() -> None:
    assert common_forms("Mikalai KARPENKA", "Nikolai KARPENKO") is not None
    # a rewritten part the other name lacks changes nothing: the names as written decide
    assert common_forms("Mikalai KARPENKA", "Ivan KARPENKO") is None
    assert common_forms("Nikolai KARPENKO", "Nikolai KARPENKA") is None


def test_no_spelling_is_in_two_classes() -> None:
    """A spelling in two classes would join two names: the table refuses to load."""
    data = load_yaml_file(FORMS_PATH)
    classes = data["given_names"] + data["feminine_names"]
    seen: dict[str, int] = {}
    for i, spellings in enumerate(classes):
        for spelling in spellings:
            key = translit_fold(spelling)
            assert seen.setdefault(key, i) == i, f"{spelling} is in two classes"
    assert len(form_table().names) == len(seen)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Ali is a-li, Heidar no syllable: read as Chinese, the two spellings of Haidar
        # were two English names; as an Arabic name they are one
        ("Ali Heidar", "Ali Haydar"),
        ("Osama bin Laden", "Usama bin Laden"),
    ],
)
def test_arabic_names_that_spell_syllables_are_compared_as_latin(left: str, right: str) -> None:
    for x, y in ((left, right), (right, left)):
        result = compare(x, y)
        assert result.match, result.explanation


def test_an_arabic_marker_alone_does_not_make_a_chinese_name_arabic() -> None:
    assert arabic_name(("osama", "bin", "laden"), ("osama",))
    assert not arabic_name(("wang", "bin"), ())  # Wang Bin: a Chinese name
    assert not compare("WANG Bin", "WANG Ben").match  # syllables compared, as Chinese
    assert not compare("Ali Hassan", "Ali Hussein").match  # Hasan is not Husayn
    # Only two marked names are compared as Latin names: as one, "HADI, Hadi" would be
    # contained in any name with a Hadi in it.
    assert not compare("HADI, Hadi", "Abu Hadi").match
