"""Chinese names compared syllable by syllable (used by `matching.compare_names`).

Both names are read in every order they may be written in (`names.parse_name`), and two
romanized names in every pair of romanization systems they may be read in
(`systems.cross_readings`). A character agrees with a character when they are one
character (OpenCC's simplified form, or a variant form in a regional standard); with a
romanized syllable when one of its Cantonese (Jyutping, folded to Hong Kong style) or
Mandarin (pinyin, Wade–Giles) readings spells it. Every syllable must agree: one syllable
apart is a different person ("CHAN, Tai Man" is not "CHAN, Tai Wai"); two names in
characters one character apart are at most a possible, even when the two characters
sound alike (之/志); a valid syllable replaced by another valid syllable is another name
(Hong/Hang); a token one edit from the other's syllable and no syllable itself is a typo.

Example:
    >>> compare_chinese(parse_name("黃之鋒"), parse_name("黃志鋒")).score
    0.6
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rigour.text.distance import jaro_winkler, levenshtein

from lionrock.sanctions.hk_surnames import SOURCE_NOTE, surname_grade
from lionrock.sanctions.names import (
    Order,
    ParsedName,
    Syllable,
)
from lionrock.sanctions.readings import (
    APART_NOTE,
    apart_from_pinyin,
    joined_orders,
    one_edit_apart,
    typo_orders,
)
from lionrock.sanctions.romanize import chinese_forms, japanese_forms, variant_forms
from lionrock.sanctions.systems import (
    HK,
    LANGUAGE,
    SAME_SPELLING,
    cross_readings,
    latin_grade,
    system_name,
)

HOMOPHONES = "different characters that sound alike"
HOMOPHONE_CAP = 0.6  # Han names one character apart, the characters homophones (之/志)
ONE_SYLLABLE_CAP = 0.6
TYPO = 0.6  # a token one edit from the other side's syllable, and no syllable itself
ENGLISH_AGREE = 0.9  # Jaro-Winkler similarity at which two English given names agree
SURNAME_ONLY = 0.55  # only the surname can be compared ("LAM, Carrie" vs 林鄭月娥)


@dataclass(slots=True)
class NameScore:
    """A score for two single names, the forms compared, the method and rule, and why."""

    score: float
    left: str
    right: str
    method: str
    reasons: list[str]
    rule: str = ""


def _method(a: ParsedName, b: ParsedName) -> str:
    if a.han and b.han:
        return "han-han"
    return "han-latin" if a.han or b.han else "latin-latin"


def _syllable_grade(x: Syllable, y: Syllable) -> tuple[float, str]:
    """How well a character agrees with a character or a romanized syllable (0 when it
    does not), and why. Two romanized syllables are graded by `systems.latin_grade`."""
    # One string for the key: a tuple is one more object for the garbage collector to
    # walk, some 3,000 a round of bench/matching.py (issue #14). Texts hold no tab.
    key = f"{x.text}\t{y.text}\t{x.han:d}{x.typo:d}{y.han:d}{y.typo:d}"
    found = _GRADES.get(key)
    if found is None:
        found = _GRADES[key] = _grade(x, y)
    return found


_GRADES: dict[str, tuple[float, str]] = {}


def clear_grades() -> None:
    """Forget the syllable grades computed so far (benchmarks time them from scratch)."""
    _GRADES.clear()


def _grade(x: Syllable, y: Syllable) -> tuple[float, str]:
    if x.han and y.han:
        if x.simplified == y.simplified:
            why = "same character" if x.text == y.text else "traditional/simplified forms"
            return 1.0, why
        if chinese_forms(x.text) & chinese_forms(y.text):
            return 1.0, "variant forms of one character"
        if _japanese_forms(x, y):
            return 1.0, "variant forms of one character (Japanese shinjitai)"
        if x.canto & y.canto or x.pinyin & y.pinyin:
            return 0.0, HOMOPHONES
        return 0.0, "different characters"
    han, latin = (x, y) if x.han else (y, x)
    if latin.typo:
        return 0.0, "not a syllable"
    if latin.canto & han.canto:
        readings = ",".join(han.jyutping) or "?"
        return 1.0, f"Cantonese reading (Jyutping {readings})"
    if latin.pinyin & han.pinyin:
        return 1.0, "Mandarin reading (pinyin)"
    return 0.0, "no reading of the character spells it"


def _japanese_forms(x: Syllable, y: Syllable) -> bool:
    """Whether one character is the other's Japanese form (吳/呉, 聰/聡), and they do
    not read differently in Cantonese: shinjitai merged some characters that Chinese
    keeps apart (藝 became 芸, itself another character, read wan4), so a form that has
    a reading of its own must share a sound (Cantonese or Mandarin) with the other."""
    jx, jy = japanese_forms(x.text), japanese_forms(y.text)
    if not (y.text in jx or x.text in jy or variant_forms(x.text) & variant_forms(y.text)):
        return False
    if not x.jyutping or not y.jyutping:
        return True
    return bool(x.canto & y.canto or x.pinyin & y.pinyin)


def _single_grade(x: Syllable, y: Syllable) -> tuple[float, str]:
    """Two syllables compared on their own, without the rest of their names."""
    if x.han or y.han:
        return _syllable_grade(x, y)
    if x.typo or y.typo:
        return 0.0, "not a syllable"
    grades = [
        latin_grade(x.text, y.text, sx, sy) for sx, sy in cross_readings(x.systems, y.systems)
    ]
    return max(grades, default=(0.0, "different syllables"))


def _latin_grades(
    lo: Order, ro: Order, full_only: bool = False
) -> Iterable[tuple[list[tuple[float, str]], str | None]]:
    """The grades of two romanized readings' syllables, under each pair of systems the
    names may be read in (`systems.cross_readings`), and a note on that pair. With
    `full_only`, only the pairs of systems under which every syllable agrees (the others
    are left at their first syllable that does not: `_best_reading` needs no more)."""
    if lo.texts == ro.texts:
        yield [(1.0, "same spelling")] * len(lo.texts), None
        return
    texts = list(zip(lo.texts, ro.texts, strict=True))
    left, right = lo.systems, ro.systems
    typos = lo.typos or ro.typos
    plain = False  # a reading of both names in one system other than Hong Kong style
    for sx, sy in cross_readings(left, right):
        if sx == sy != HK:
            # There two spellings agree only when they are one: every such system grades
            # the names alike, and the first reading graded wins a tie.
            if plain:
                continue
            plain = True
        if full_only:
            found = _agreeing_grades(lo, ro, (sx, sy), typos)
            if found is None:
                continue
            grades = found
        elif typos:
            grades = [
                _typo_grade(x, y) if x.typo or y.typo else latin_grade(x.text, y.text, sx, sy)
                for x, y in zip(lo.syllables, ro.syllables, strict=True)
            ]
        else:
            # One spelling agrees in any systems (`latin_grade`), without asking.
            grades = [_SAME if x == y else latin_grade(x, y, sx, sy) for x, y in texts]
        if grades[0][0] == 0:
            grades[0] = surname_grade(lo.syllables[0], ro.syllables[0], (sx, sy)) or grades[0]
        if LANGUAGE[sx] != LANGUAGE[sy]:
            grades = _one_letter_apart(lo, ro, grades, left & right)
            if full_only and not all(g for g, _ in grades):
                continue
        note = None if sx == sy else f"read as {system_name(sx)} and {system_name(sy)}"
        yield grades, note


_SAME = (SAME_SPELLING, "same spelling")


def _agreeing_grades(
    lo: Order, ro: Order, systems: tuple[str, str], typos: bool
) -> list[tuple[float, str]] | None:
    """`_latin_grades`' grades under one pair of systems, as it works them out (the
    surname through `surname_grade` too), or None at the first syllable that does not
    agree."""
    sx, sy = systems
    grades: list[tuple[float, str]] = []
    for x, y in zip(lo.syllables, ro.syllables, strict=True):
        if typos and (x.typo or y.typo):
            grade = _typo_grade(x, y)
        else:
            grade = _SAME if x.text == y.text else latin_grade(x.text, y.text, sx, sy)
        if grade[0] == 0:
            if grades:
                return None
            grade = surname_grade(x, y, systems) or grade
            if grade[0] == 0:
                return None
        grades.append(grade)
    return grades


def _one_letter_apart(
    lo: Order, ro: Order, grades: list[tuple[float, str]], common: frozenset[str]
) -> list[tuple[float, str]]:
    """Two names read in two systems that are spelled alike but for one syllable, and
    that syllable one letter from the other's, both valid in a system both names can be
    read in ("Yu Chun Hsi" / "Yu Chun Hai" in Wade-Giles): the likelier reading is one
    system, and a valid syllable replaced by another."""
    differ = [
        i
        for i, (x, y) in enumerate(zip(lo.syllables, ro.syllables, strict=True))
        if x.text != y.text
    ]
    if len(differ) != 1 or len(lo.syllables) < 2:
        return grades
    x, y = lo.syllables[differ[0]], ro.syllables[differ[0]]
    shared = x.systems & y.systems & common
    if x.typo or y.typo or not shared or levenshtein(x.text, y.text, max_edits=2) > 1:
        return grades
    out = list(grades)
    system = system_name(sorted(shared)[0])
    out[differ[0]] = (0.0, f"two different valid syllables ({system}), the rest spelled alike")
    return out


def _typo_grade(x: Syllable, y: Syllable) -> tuple[float, str]:
    typo, other = (x, y) if x.typo else (y, x)
    if other.typo or not one_edit_apart(typo.text, other.text):
        return 0.0, "not a syllable"
    return TYPO, f"a typo of '{other.text}', which is no syllable: {TYPO}"


def _han_grades(
    lo: Order, ro: Order, full_only: bool = False
) -> tuple[tuple[list[tuple[float, str]], None], ...]:
    """The grades of two readings, one of them or both in characters (one way to grade
    them, as `_latin_grades` yields them); with `full_only`, none unless every syllable
    agrees."""
    if full_only:
        return () if not _han_agree(lo, ro) else _han_grades(lo, ro)
    grades = [_syllable_grade(x, y) for x, y in zip(lo.syllables, ro.syllables, strict=True)]
    if grades[0][0] == 0:  # the surname may be spelled as Hong Kong spells surnames
        grades[0] = surname_grade(lo.syllables[0], ro.syllables[0]) or grades[0]
    return ((grades, None),)


def full_reading(a: ParsedName, b: ParsedName) -> bool:
    """Whether two Chinese names may have a reading in which every syllable agrees, as
    `_best_reading` looks for one (but stopping at the first syllable that disagrees).

    When False, `compare_chinese` scores them below the threshold: a partial reading
    scores at most `HOMOPHONE_CAP`, a surname alone `SURNAME_ONLY`. Two romanized names
    with English names on both sides are compared by them: when they agree, True (a
    surname and agreeing English names score 0.8); when they differ, False. The
    record-aware mode asks this before comparing a name with each of a
    candidate entity's names (`record.KnownNames`), most of which it does not match.

    Example: `full_reading(parse_name("李家超"), parse_name("Lee Ka-chiu"))` is True.
    """
    latin = not a.han and not b.han
    if latin:
        if a.english and b.english:
            # English names that differ take 0.35 from any reading (`_english`), and
            # leave a surname alone at `SURNAME_ONLY`: below the threshold.
            return english_agree(a.english, b.english)
        a, b = apart_from_pinyin(a, b)
    agree = _latin_agree if latin else _han_agree
    for lorders, rorders in _order_sets(a, b):
        for lo in lorders:
            for ro in rorders:
                if len(lo.syllables) == len(ro.syllables) and agree(lo, ro):
                    return True
    return False


def _han_agree(lo: Order, ro: Order) -> bool:
    """`_han_grades` has no 0 (the surname may agree through `surname_grade`)."""
    first = True
    for x, y in zip(lo.syllables, ro.syllables, strict=True):
        if _syllable_grade(x, y)[0] == 0 and not (first and surname_grade(x, y)):
            return False
        first = False
    return True


def _latin_agree(lo: Order, ro: Order) -> bool:
    """One of `_latin_grades`' grade lists may have no 0: under one pair of systems,
    every syllable agrees (`_one_letter_apart`, which only takes agreement away, is
    left out)."""
    if lo.texts == ro.texts:
        return True
    typos = lo.typos or ro.typos
    for sx, sy in cross_readings(lo.systems, ro.systems):
        first = True
        for x, y in zip(lo.syllables, ro.syllables, strict=True):
            if typos and (x.typo or y.typo):
                grade = _typo_grade(x, y)[0]
            else:
                grade = 1.0 if x.text == y.text else latin_grade(x.text, y.text, sx, sy)[0]
            if grade == 0 and not (first and surname_grade(x, y, (sx, sy))):
                break
            first = False
        else:
            return True
    return False


def english_agree(left: Iterable[str], right: Iterable[str]) -> bool:
    """Whether two of two names' English given names are alike (Jaro-Winkler): what
    the record-aware mode's reach asks (`full_reading`, `reach.ReachIndex`). It is
    needed for `_english`'s agreement, not enough: there every English word counts.

    Example: `english_agree(("jon",), ("john",))` is True.
    """
    return any(jaro_winkler(x, y) >= ENGLISH_AGREE for x in left for y in right)


def _english(a: ParsedName, b: ParsedName) -> tuple[float, str | None, bool]:
    """The adjustment for English given names, a note, and whether they agree."""
    if a.english and b.english:
        # Every English word counts: "FERNANDEZ DE LUNA, Gerardo" / "..., Jesus" share
        # Fernandez, but Gerardo is not Jesus. A word on one side only is a name the
        # other leaves out; a word on each side that the other lacks is two names.
        if not (_unmatched(a.english, b.english) and _unmatched(b.english, a.english)):
            return 0.0, f"English names agree ({', '.join(a.english)})", True
        names = f"{'/'.join(a.english)} vs {'/'.join(b.english)}"
        return -0.35, f"English names differ ({names}): -0.35", False
    extra = a.english or b.english
    if extra:
        penalty = min(0.06, 0.02 * len(extra))
        return (
            -penalty,
            f"English name on one side only ({', '.join(extra)}): -{penalty:.2f}",
            False,
        )
    return 0.0, None, False


def _unmatched(these: tuple[str, ...], those: tuple[str, ...]) -> list[str]:
    """The English names of `these` that agree with none of `those`."""
    return [x for x in these if all(jaro_winkler(x, y) < ENGLISH_AGREE for y in those)]


def compare_chinese(a: ParsedName, b: ParsedName) -> NameScore:
    method = _method(a, b)
    latin = not a.han and not b.han
    if latin:
        a, b = apart_from_pinyin(a, b)
    eng_adjust, eng_note, eng_agree = _english(a, b)
    # Scores first, reasons only for the winner: most readings tried are not it.
    best: _Candidate | None = None
    partial: _Candidate | None = None
    for lorders, rorders in _order_sets(a, b):
        best, partial = _best_reading(lorders, rorders, latin, best, partial)
        if best is not None:
            break  # a reading without typos found: typo readings are not tried
    if best is not None:
        score, reasons = best[0], _full_reasons(best)
        if a.length == 1 and not eng_agree:
            score = min(score, ONE_SYLLABLE_CAP)
            reasons.append(f"only one syllable to compare: at most {ONE_SYLLABLE_CAP}")
        if eng_note:
            reasons.append(eng_note)
        rule = rule_of(reasons, RULES_FULL, "same syllables")
        return NameScore(score + eng_adjust, a.original, b.original, method, reasons, rule)
    surname = _surname_only(a, b, eng_agree)
    if surname is not None:
        rule = "surname and English name" if surname[0] > SURNAME_ONLY else "surname only"
        return NameScore(surname[0], a.original, b.original, method, surname[1], rule)
    if partial is None:
        return NameScore(
            0.0, a.original, b.original, method, ["no syllables to compare"], "syllables differ"
        )
    reasons = _partial_reasons(partial)
    rule = rule_of(reasons, RULES_PARTIAL, "syllables differ")
    return NameScore(partial[0], a.original, b.original, method, reasons, rule)


_Candidate = tuple[float, Order, Order, list[tuple[float, str]], str | None]


def _best_reading(
    lorders: tuple[Order, ...],
    rorders: tuple[Order, ...],
    latin: bool,
    best: _Candidate | None,
    partial: _Candidate | None,
    *,
    prune: bool = True,
) -> tuple[_Candidate | None, _Candidate | None]:
    """The best full reading (every syllable agrees) and the best partial one. A full
    reading that scores 1.0 (every syllable the same, as written) cannot be beaten: the
    other readings are not tried. Nor is a reading that cannot beat the best full one
    (its penalties leave it no higher); and once no partial reading of a length can beat
    the best partial one (`_partial_bound`), its readings are graded only for a full one,
    up to their first syllable that disagrees. The first reading of the best score wins,
    as when every reading is graded in full (without `prune`: tests/matching/
    test_speed_paths.py compares the two)."""
    for lo in lorders:
        length = len(lo.syllables)
        for ro in rorders:
            if len(ro.syllables) != length:
                continue
            if not prune:
                full_only = False
            elif best is not None:
                if 1.0 - lo.penalty - ro.penalty <= best[0]:
                    continue  # every syllable the same scores no more than the best
                full_only = True
            else:
                full_only = partial is not None and partial[0] >= _partial_bound(length, latin)
            grader = _latin_grades if latin else _han_grades
            for grades, note in grader(lo, ro, full_only):
                values = [g for g, _ in grades]
                misses = values.count(0)
                if not misses:
                    score = sum(values) / len(grades) - lo.penalty - ro.penalty
                    if best is None or score > best[0]:
                        best = (score, lo, ro, grades, note)
                        if score >= 1.0:
                            return best, partial
                elif best is None:  # once a full reading is found, partials do not count
                    value = _partial_score(grades, misses)
                    if partial is None or value > partial[0]:
                        partial = (value, lo, ro, grades, note)
    return best, partial


def _order_sets(
    a: ParsedName, b: ParsedName
) -> Iterable[tuple[tuple[Order, ...], tuple[Order, ...]]]:
    yield a.orders, b.orders
    if not a.english and not b.english:
        return  # every other reading is of an English token
    longest_a = max((len(o.syllables) for o in a.orders), default=0)
    longest_b = max((len(o.syllables) for o in b.orders), default=0)
    # Two syllables written joined ("Kachiu") leave a name a syllable short too.
    if a.english and longest_a < longest_b:
        yield joined_orders(a), b.orders
    if b.english and longest_b < longest_a:
        yield a.orders, joined_orders(b)
    if a.han or b.han:
        return
    # A typo leaves a name a syllable short (the mistyped token reads as English).
    if a.english and longest_a < longest_b:
        yield typo_orders(a, _syllable_texts(b)), b.orders
    if b.english and longest_b < longest_a:
        yield a.orders, typo_orders(b, _syllable_texts(a))


def _syllable_texts(parsed: ParsedName) -> frozenset[str]:
    return frozenset(s.text for o in parsed.orders for s in o.syllables)


def _partial_bound(length: int, latin: bool) -> float:
    """The most `_partial_score` gives a reading of `length` syllables: one miss, and
    between two names in characters a homophone (two romanized names have none)."""
    if length == 0:
        return 0.0
    one_miss = 0.5 * (length - 1) / length
    return one_miss if latin or length == 1 else max(one_miss, HOMOPHONE_CAP)


def _partial_score(grades: list[tuple[float, str]], misses: int) -> float:
    if misses == 1 and len(grades) > 1 and any(why == HOMOPHONES for _, why in grades):
        return HOMOPHONE_CAP
    return 0.5 * (len(grades) - misses) / len(grades)


def _full_reasons(found: _Candidate) -> list[str]:
    _, lo, ro, grades, note = found
    pairs = zip(lo.syllables, ro.syllables, grades, strict=True)
    reasons = [_pair(x, y, why) for x, y, (_, why) in pairs]
    reasons += [o.note for o in (lo, ro) if o.note != "as written"]
    return reasons + ([note] if note else [])


def _partial_reasons(found: _Candidate) -> list[str]:
    value, lo, ro, grades, _ = found
    pairs = zip(lo.syllables, ro.syllables, grades, strict=True)
    text = ", ".join(f"{x.text}≠{y.text} ({why})" for x, y, (g, why) in pairs if g == 0)
    if value == HOMOPHONE_CAP and HOMOPHONES in text:
        return [
            f"one character differs: {text}; a different name, at most a possible ({HOMOPHONE_CAP})"
        ]
    return [f"syllables differ: {text}"]


def _pair(x: Syllable, y: Syllable, why: str) -> str:
    return f"{x.text}={y.text} ({why})"


#: The rule that decided, by what the reasons say (first found wins).
RULES_FULL = (
    ("English names differ", "English names differ"),
    ("read as a typo", "typo: a token that is no syllable, one edit from the other's"),
    ("joined syllables", "given-name syllables written joined"),
    ("read as an English name", "English given name set apart"),
    ("variant forms", "variant characters"),
    ("traditional/simplified", "traditional/simplified characters"),
    (SOURCE_NOTE, "Hong Kong surname spellings"),
    (APART_NOTE, "given name apart against pinyin's joined one"),
    (" read as ", "one name in two romanization systems"),
    ("Cantonese reading", "character readings"),
    ("Mandarin reading", "character readings"),
)
RULES_PARTIAL = (
    (HOMOPHONES, "homophone characters: at most a possible"),
    ("two different valid syllables", "a valid syllable replaced by another"),
    ("different Cantonese sounds", "a valid syllable replaced by another"),
    ("different Mandarin sounds", "a valid syllable replaced by another"),
)


def rule_of(reasons: list[str], rules: tuple[tuple[str, str], ...], default: str) -> str:
    """The rule that decided: the first of `rules` whose marker the reasons mention."""
    text = "; ".join(reasons)
    return next((rule for marker, rule in rules if marker in text), default)


def _surname_only(a: ParsedName, b: ParsedName, eng_agree: bool) -> tuple[float, list[str]] | None:
    """A name with only a surname in Chinese ("TANG, Chris") against a fuller one: the
    surname agrees, the rest cannot be compared."""
    short, long = (a, b) if a.length <= b.length else (b, a)
    if short.length == long.length or short.length == 0:
        return None
    for so in short.orders:
        for lo in long.orders:
            x, y = so.syllables[0], lo.syllables[0]
            grade, why = surname_grade(x, y) or _single_grade(x, y)
            if grade == 0:
                continue
            surname = _pair(so.syllables[0], lo.syllables[0], why)
            if eng_agree and short.length == 1:
                return 0.8, [
                    f"surname {surname}",
                    "English names agree; the Chinese given name is on one side only",
                ]
            return SURNAME_ONLY, [f"surname {surname}", "the given names cannot be compared"]
    return None
