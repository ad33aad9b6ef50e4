"""Hong Kong and Macau spellings of surnames that the dictionaries' readings do not give
(issue #14).

A surname often has a reading of its own: 區 is keoi1 as a word and Au as a surname, 單
is daan1 and Sin, 翟 is dik6 and Chak. PyCantonese's dictionary and pypinyin give the
word readings, so "AU Kwok-kuen" would not match 區國權. The spellings below come from
source tables, never from memory of single names, and only those the readings miss are
listed (the others, such as 陳 Chan or 葛 Kot, are spelled by the readings already):

- The Hong Kong column (Hong Kong government Cantonese romanization) of the table of
  the Hundred Family Surnames' romanizations in Wikipedia ("List of common Chinese
  surnames"; zh: 漢姓羅馬字標注), as kept in Matthewow/Chinese_surname_corpus,
  `corpus.json` (commit 9cc0cc64b7c4d4f787adc98db97794290d84c635, 2021-03-23). 晏 has
  no Hong Kong spelling there; its Macau one, Ngan, is taken. 官 is the second
  character of the compound surname 上官, spelled "Sheungkwun".
- 區: Wikipedia, "Ou (surname)": "Ou is the pinyin romanization of the Chinese surnames
  區 and 歐 ... They are commonly romanized as Au or Ao in Cantonese."

A spelling here is a surname's: it is read so only as the first syllable of a reading,
the surname (`chinese.py`). Keys are simplified characters (OpenCC `t2s`), so that a
name in either script finds them.

Example:
    >>> surname_spells("区", "au")
    True
"""

from __future__ import annotations

from lionrock.sanctions.names import Syllable, _han_syllable
from lionrock.sanctions.systems import ACROSS_LANGUAGES, LANGUAGE, SPELLING_VARIANT

# Simplified character -> the Hong Kong (or Macau) spellings its readings do not give.
HK_SURNAMES: dict[str, tuple[str, ...]] = {
    "区": ("au", "ao"),  # Wikipedia "Ou (surname)"
    "葛": ("quat",),  # table: Kot/Quat
    "费": ("pei",),
    "杜": ("tao", "toe"),  # table: To/Tao/Toe
    "蓝": ("nam",),  # table: Lam/Nam
    "支": ("tze",),  # table: Chi/Tze
    "管": ("kwun",),
    "官": ("kwun",),  # table: 上官 Sheungkwun
    "卢": ("loo",),  # table: Lo/Lu/Loo
    "郁": ("yuk",),
    "单": ("sin",),
    "羿": ("yik",),
    "松": ("chung",),
    "蓬": ("pang",),
    "翟": ("chak",),
    "逄": ("fung",),
    "弘": ("wung",),
    "阙": ("kuit",),
    "聂": ("lip",),  # table: Nip/Lip
    "亢": ("hong",),
    "况": ("kwong",),
    "佘": ("sheh",),
    "晏": ("ngan",),  # table: Macau column (no Hong Kong spelling)
}
SOURCE_NOTE = "Hong Kong surname spelling"


def surname_spells(simplified: str, spelling: str) -> bool:
    """Whether `spelling` (folded, lowercase) is a Hong Kong or Macau spelling of the
    surname written `simplified` that the readings miss.

    Example: `surname_spells("单", "sin")` is True; `surname_spells("单", "tan")` False.
    """
    return spelling in HK_SURNAMES.get(simplified, ())


def surnames_spelled(spelling: str) -> tuple[str, ...]:
    """The surnames (simplified) that `spelling` spells in the table.

    Example: `surnames_spelled("kwun")` is `("管", "官")`.
    """
    return _BY_SPELLING.get(spelling, ())


def surname_grade(
    x: Syllable, y: Syllable, systems: tuple[str, str] | None = None
) -> tuple[float, str] | None:
    """How two surnames agree through the table, or None.

    A character and the table's spelling of it agree (1.0). Two romanized surnames read
    in two systems (`systems`) agree when one is the table's spelling of a surname that
    a reading of the other spells ("AU" / Jyutping "keoi", both 區): at 0.95 in one
    language, 0.85 across two, as other spellings of one sound or one character do.
    Within one system two spellings stay two names.
    """
    if x.typo or y.typo:
        return None
    if x.han or y.han:
        han, latin = (x, y) if x.han else (y, x)
        if latin.han or not surname_spells(han.simplified, latin.text):
            return None
        return 1.0, f"{SOURCE_NOTE} of {han.text}"
    if systems is None or systems[0] == systems[1]:
        return None
    grade = SPELLING_VARIANT if LANGUAGE[systems[0]] == LANGUAGE[systems[1]] else ACROSS_LANGUAGES
    for spelled, other in ((x, y), (y, x)):
        for char in surnames_spelled(spelled.text):
            han = _han_syllable(char, char)
            if other.canto & han.canto or other.pinyin & han.pinyin:
                why = f"{SOURCE_NOTE} of {char} ({spelled.text}), read {other.text}"
                return grade, why
    return None


_BY_SPELLING: dict[str, tuple[str, ...]] = {}
for _char, _spellings in HK_SURNAMES.items():
    for _spelling in _spellings:
        _BY_SPELLING[_spelling] = (*_BY_SPELLING.get(_spelling, ()), _char)
