"""One given name across languages and transliterations: Mikalai is Nikolai, Ryhoravich
is Grigorievich, Jurj is George (issue #14).

`translit_fold` (name_parts.py) brings together spellings of one name in one language
that different transliteration systems wrote (Sergey/Siarhei, Janukowytsch/Yanukovych).
It cannot bring together a name's forms in sister languages: Belarusian Mikalai and
Ukrainian Mykola are Russian Nikolai, but no spelling rule turns one into the other
without also joining names that are different (Nikolai is not Mikhail). Those forms are
listed as data, in `latin_forms.yaml`: classes of spellings of one name.

`name_forms` rewrites a name with each given name in a class replaced by the name of its
class, and each patronymic by the patronymic of that class (`Ryhoravich` and
`Grogorievich`, OFAC's misspelling of `Grigorievich`, both become `grigorivich`). The
rewrite is worked out once per name. `common_forms` returns the rewritten pair only when
the rewriting brings a part of one name to a part of the other: the matcher then
compares the rewritten names with all its rules, the rules that tell relatives apart
among them (`western.compare_western`), and keeps the better score.

Example:
    >>> name_forms("Mikalai KARPENKOV")
    'nikolai KARPENKOV'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rigour.text.distance import levenshtein

from lionrock.safe_yaml import load_yaml_file
from lionrock.sanctions.name_parts import PATRONYMIC_RE, translit_fold
from lionrock.sanctions.romanize import fold_latin

FORMS_PATH = Path(__file__).with_name("latin_forms.yaml")
WORD_RE = re.compile(r"[^\W\d_]+")
# A patronymic: the father's name, a linking vowel and the suffix (Ivan-ovich, Ryhor-avich,
# Oleksandr-ovych, Ivan-ivna, Yauhen-auna): the stem is what comes before the suffix.
PATRONYMIC_SUFFIX_RE = re.compile(r"(?:[aeioy]?(?:vich|vych|vitch|witsch|wytsch|wich|vic))$")
FEMININE_SUFFIX_RE = re.compile(r"(?:[aeioy]?(?:vna|wna)|auna|euna|ichna)$")
VOWELS = frozenset("aeiouy")
MIN_FUZZY_STEM = 6  # a father's name this long may be misspelled by one letter (Grogori)


@dataclass(frozen=True, slots=True)
class FormTable:
    """The classes of `latin_forms.yaml`, keyed by folded spelling."""

    names: dict[str, str]  # translit_fold(spelling) -> the class's name
    stems: dict[str, str]  # the same, with final vowels dropped (patronymic stems)
    onsets: dict[str, str]  # a name's first letters -> the same sound in other systems
    arabic: frozenset[str]  # words that mark a name as Arabic (`arabic_name`)
    burmese: frozenset[str]  # words that mark a name as Burmese (`burmese_name`)
    burmese_words: frozenset[str]  # the other words of Burmese names
    burmese_honorifics: frozenset[str]


@lru_cache(maxsize=1)
def form_table() -> FormTable:
    """The table of name forms, loaded once.

    Example: `form_table().names[translit_fold("mykola")]` is `"nikolai"`.
    """
    data = load_yaml_file(FORMS_PATH)
    names: dict[str, str] = {}
    stems: dict[str, str] = {}
    # A woman's name makes no patronymic: its stem would read as the man's (Valentina,
    # Valentin), so feminine classes are looked up as names only.
    for spellings, patronymic in [(c, True) for c in data["given_names"]] + [
        (c, False) for c in data.get("feminine_names") or ()
    ]:
        head = str(spellings[0])
        for spelling in spellings:
            key = translit_fold(str(spelling))
            if names.get(key, head) != head:
                raise ValueError(f"latin_forms.yaml: {spelling!r} is in two classes")
            if patronymic and stems.get(_stem_key(key), head) != head:
                raise ValueError(f"latin_forms.yaml: {spelling!r} reads as another class")
            names[key] = head
            if patronymic:
                stems[_stem_key(key)] = head
    onsets = {str(k): str(v) for k, v in (data.get("onsets") or {}).items()}
    arabic, burmese, words, honorifics = (
        frozenset(str(w) for w in data.get(key) or ())
        for key in ("arabic_markers", "burmese_markers", "burmese_words", "burmese_honorifics")
    )
    return FormTable(names, stems, onsets, arabic, burmese, words, honorifics)


def _stem_key(folded: str) -> str:
    return folded.rstrip("aeiouy")


@lru_cache(maxsize=65536)
def word_form(word: str) -> str | None:
    """The class name of a given name or the class patronymic of a patronymic, or None
    when the word is in no class.

    Example: `word_form("Ryhoravich")` is `"grigorivich"`.
    """
    folded = fold_latin(word)
    table = form_table()
    if PATRONYMIC_RE.search(folded):
        return _patronymic_form(folded, table)
    found = table.names.get(translit_fold(folded))
    if found is not None:
        return found
    for onset, other in table.onsets.items():
        if folded.startswith(onset) and folded[len(onset) : len(onset) + 1] in VOWELS:
            respelled = other + folded[len(onset) :]
            return table.names.get(translit_fold(respelled), respelled)
    return None


def _patronymic_form(folded: str, table: FormTable) -> str | None:
    feminine = FEMININE_SUFFIX_RE.search(folded)
    suffix = feminine or PATRONYMIC_SUFFIX_RE.search(folded)
    if suffix is None:
        return None
    stem = _stem_key(translit_fold(folded[: suffix.start()]))
    head = table.stems.get(stem)
    if head is None and len(stem) >= MIN_FUZZY_STEM:
        near = [h for s, h in table.stems.items() if levenshtein(s, stem, max_edits=1) <= 1]
        head = near[0] if len(set(near)) == 1 else None
    if head is None:
        return None
    return _stem_key(head) + ("ivna" if feminine else "ivich")


# An apostrophe before a consonant (`Tu'ma`, `Mu'la`: Arabic ʿayn or hamza) is in no
# Chinese romanization: pinyin's apostrophe comes before a, o or e (Xi'an), Wade–Giles's
# marks aspiration before the vowel (Ch'ing, T'ai).
ARABIC_APOSTROPHE_RE = re.compile(r"[^\W\d_]['’ʼʻ`](?![aeiouy])[^\W\d_]", re.IGNORECASE)


def arabic_name(tokens: tuple[str, ...], english: tuple[str, ...], written: str = "") -> bool:
    """Whether a Latin name read as Chinese syllables is an Arabic name: one of its words
    is an Arabic marker (`latin_forms.yaml`), or an apostrophe in it comes before a
    consonant (`written`, the name as written: `Tou'ma`), and another word is no Chinese
    syllable.

    Example: `arabic_name(("osama", "bin", "laden"), ("osama",))` is True;
    `arabic_name(("wang", "bin"), ())` is False; `arabic_name(("bassam", "tou", "ma"),
    ("bassam",), "Bassam Tou'ma")` is True.
    """
    if not english:
        return False
    return not form_table().arabic.isdisjoint(tokens) or bool(ARABIC_APOSTROPHE_RE.search(written))


def burmese_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two Latin names (their words) are Burmese names: one has a Burmese marker
    (`latin_forms.yaml`), and the other one too, or only words of Burmese names.

    Example: `burmese_names(("oo", "mya", "tun"), ("oo", "tun", "tun"))` is True;
    `burmese_names(("chan", "tai", "man"), ("chan", "tai", "man"))` is False.
    """
    table = form_table()
    marked = [not table.burmese.isdisjoint(t) for t in (a, b)]
    if not any(marked):
        return False
    words = table.burmese | table.burmese_words | table.burmese_honorifics
    return all(m or words.issuperset(t) for m, t in zip(marked, (a, b), strict=True))


@dataclass(frozen=True, slots=True)
class NameForms:
    """A name rewritten with its parts' class forms, and the forms that changed a part."""

    text: str
    changed: frozenset[str]  # the class forms put in place of a different spelling
    forms: frozenset[str]  # every part of the rewritten name, folded


@lru_cache(maxsize=32768)
def _name_forms(name: str) -> NameForms:
    changed: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        form = word_form(word)
        if form is None:
            return word
        if form != fold_latin(word):
            changed.add(form)
        return form

    text = WORD_RE.sub(replace, name)
    forms = frozenset(fold_latin(w) for w in WORD_RE.findall(text))
    return NameForms(text, frozenset(changed), forms)


def name_forms(name: str) -> str:
    """The name with each given name and patronymic in a class written as its class.

    Example: `name_forms("Andrei Yawhenavich KRYVASHEYEU")` is
    `"andrei yevgenivich KRYVASHEYEU"`.
    """
    return _name_forms(name).text


def common_forms(left: str, right: str) -> tuple[str, str] | None:
    """Both names rewritten (`name_forms`), when the rewriting brings a part of one to a
    part of the other; None otherwise (the names as written say all there is).

    Example: `common_forms("Nikolai KARPENKOV", "Mikalai KARPENKOV")` is
    `("nikolai KARPENKOV", "nikolai KARPENKOV")`.
    """
    a, b = _name_forms(left), _name_forms(right)
    if not (a.changed & b.forms or b.changed & a.forms):
        return None
    return a.text, b.text


def cache_clear() -> None:
    """Clear the per-name caches (the benchmark times a cold start)."""
    word_form.cache_clear()
    _name_forms.cache_clear()
