"""Compare two person names across Chinese scripts and romanizations, with an explanation.

Chinese names (Han characters, or romanized names made mostly of Chinese syllables) are
compared syllable by syllable, in every order the names may be written in
(`names.parse_name`): a character against a romanized syllable through its Cantonese
(Jyutping and Hong Kong style) and Mandarin (pinyin) readings, two characters through
OpenCC's traditional-to-simplified mapping, two romanized syllables through their Cantonese
keys or a character read both ways. Every syllable must agree: one syllable apart is a
different person ("CHAN, Tai Man" is not "CHAN, Tai Wai"). Other names go to
nomenklatura's logic-v2 name matcher, in process, with a layer for transliteration
variants, initials and relatives' shared names (`western.py`). Agreeing birth dates raise
the score and conflicting ones lower it.

Example:
    >>> compare("李家超", "Lee Ka-chiu").match
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rigour.text.distance import jaro_winkler

from lionrock.errors import LionRockError
from lionrock.sanctions.names import Order, ParsedName, Syllable, parse_name
from lionrock.sanctions.romanize import pinyin_to_canto
from lionrock.sanctions.western import compare_western

THRESHOLD = 0.7
ENGLISH_AGREE = 0.9  # Jaro-Winkler similarity at which two English given names agree
SURNAME_ONLY = 0.55  # only the surname can be compared ("LAM, Carrie" vs 林鄭月娥)
DOB_EXACT_BONUS = 0.2
DOB_PARTIAL_BONUS = 0.05
DOB_CONFLICT_PENALTY = 0.35  # a full name match with a conflicting date falls below 0.7
MAX_NAMES = 50  # names per side compared; a subject with more keeps the first 50


@dataclass(frozen=True, slots=True)
class Subject:
    """Who is compared: one or more names and any known birth dates (`YYYY[-MM[-DD]]`)."""

    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()

    @classmethod
    def of(cls, value: str | Mapping[str, Any] | Subject) -> Subject:
        """A Subject from a name, a `{"name", "birth_date"}` object, or a Subject.

        Example: `Subject.of({"name": "李家超", "birth_date": "1957-12-07"})`.
        """
        if isinstance(value, Subject):
            return value
        if isinstance(value, str):
            return cls((value,))
        if not isinstance(value, Mapping):
            raise LionRockError("a name must be a string or an object with a 'name'")
        names = _strings(value.get("name")) + _strings(value.get("names"))
        names += _strings(value.get("alias"))
        dates = _strings(value.get("birth_date")) + _strings(value.get("birthDate"))
        if not names:
            raise LionRockError("a name object needs a non-empty 'name'")
        return cls(tuple(names), tuple(dates))


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in items):
        raise LionRockError("names and birth dates must be strings")
    return tuple(v.strip() for v in items if v.strip())


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A score in [0, 1], the judgement against the threshold, and why."""

    score: float
    match: bool
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "match": self.match,
            "explanation": self.explanation,
            "details": self.details,
        }


@dataclass(slots=True)
class _NameScore:
    score: float
    left: str
    right: str
    method: str
    reasons: list[str]


def compare(
    left: str | Mapping[str, Any] | Subject,
    right: str | Mapping[str, Any] | Subject,
    *,
    threshold: float = THRESHOLD,
) -> MatchResult:
    """Compare two persons by name (and birth date when both have one).

    Example: `compare("CHAN, Tai Man", "CHAN, Tai Wai").match` is False.
    """
    a, b = Subject.of(left), Subject.of(right)
    best: _NameScore | None = None
    for lname in a.names[:MAX_NAMES]:
        for rname in b.names[:MAX_NAMES]:
            found = compare_names(lname, rname)
            if best is None or found.score > best.score:
                best = found
            if best.score >= 1.0:
                break
    if best is None:
        best = _NameScore(0.0, "", "", "none", ["no names"])
    score, dob_note = _adjust_for_dates(best.score, a.birth_dates, b.birth_dates)
    reasons = [*best.reasons, dob_note] if dob_note else best.reasons
    score = max(0.0, min(1.0, score))
    text = f"{best.left!r} ~ {best.right!r} [{best.method}]: " + "; ".join(reasons)
    details = {
        "left": best.left,
        "right": best.right,
        "method": best.method,
        "name_score": round(best.score, 4),
        "reasons": reasons,
    }
    return MatchResult(score, score >= threshold, text, details)


def warm_up() -> None:
    """Load the reading tables and nomenklatura now, not on the first comparison."""
    compare("李家超", "Lee Ka-chiu")
    compare("IVANOV, Sergei", "Sergey IVANOV")


@lru_cache(maxsize=65536)
def compare_names(left: str, right: str) -> _NameScore:
    """Score two single names, without birth dates."""
    a, b = parse_name(left), parse_name(right)
    if (not a.orders and not a.english) or (not b.orders and not b.english):
        return _NameScore(0.0, left, right, "none", ["a name has no letters or characters"])
    if a.chinese and b.chinese:
        return _compare_chinese(a, b)
    if a.han or b.han:
        return _NameScore(
            0.0, left, right, "han-latin", ["the romanized name is not made of Chinese syllables"]
        )
    return _compare_western(left, right)


def _method(a: ParsedName, b: ParsedName) -> str:
    if a.han and b.han:
        return "han-han"
    return "han-latin" if a.han or b.han else "latin-latin"


def _syllable_grade(x: Syllable, y: Syllable) -> tuple[float, str]:
    """How well two syllables agree (0 when they do not), and why."""
    if x.han and y.han:
        if x.simplified == y.simplified:
            why = "same character" if x.text == y.text else "traditional/simplified forms"
            return 1.0, why
        if x.canto & y.canto and x.pinyin & y.pinyin:
            return 0.8, "variant characters with the same readings"
        return 0.0, "different characters"
    if x.han or y.han:
        han, latin = (x, y) if x.han else (y, x)
        if latin.canto & han.canto:
            readings = ",".join(han.jyutping) or "?"
            return 1.0, f"Cantonese reading (Jyutping {readings})"
        if latin.pinyin & han.pinyin:
            return 1.0, "Mandarin reading (pinyin)"
        return 0.0, "no reading of the character spells it"
    if x.text == y.text:
        return 1.0, "same spelling"
    if x.canto & y.canto:
        return 0.95, "Cantonese spelling variants"
    if any(pinyin_to_canto(p) & y.canto for p in x.pinyin) or any(
        pinyin_to_canto(p) & x.canto for p in y.pinyin
    ):
        return 0.85, "a character is read so in Cantonese and in pinyin"
    return 0.0, "different syllables"


def _grades(lo: Order, ro: Order) -> list[tuple[float, str]]:
    return [_syllable_grade(x, y) for x, y in zip(lo.syllables, ro.syllables, strict=True)]


def _english(a: ParsedName, b: ParsedName) -> tuple[float, str | None, bool]:
    """The adjustment for English given names, a note, and whether they agree."""
    if a.english and b.english:
        best = max(jaro_winkler(x, y) for x in a.english for y in b.english)
        if best >= ENGLISH_AGREE:
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


def _compare_chinese(a: ParsedName, b: ParsedName) -> _NameScore:
    method = _method(a, b)
    eng_adjust, eng_note, eng_agree = _english(a, b)
    best: tuple[float, list[str]] | None = None
    partial = (0.0, ["no syllables to compare"])
    for lo in a.orders:
        for ro in b.orders:
            if len(lo.syllables) != len(ro.syllables):
                continue
            grades = _grades(lo, ro)
            matched = sum(1 for g, _ in grades if g > 0)
            if matched == len(grades):
                score = sum(g for g, _ in grades) / len(grades) - lo.penalty - ro.penalty
                reasons = [
                    _pair(x, y, why)
                    for x, y, (_, why) in zip(lo.syllables, ro.syllables, grades, strict=True)
                ]
                reasons += [o.note for o in (lo, ro) if o.note != "as written"]
                if best is None or score > best[0]:
                    best = (score, reasons)
            elif 0.5 * matched / len(grades) > partial[0]:
                misses = [
                    f"{x.text}≠{y.text} ({why})"
                    for x, y, (g, why) in zip(lo.syllables, ro.syllables, grades, strict=True)
                    if g == 0
                ]
                partial = (0.5 * matched / len(grades), [f"syllables differ: {', '.join(misses)}"])
    if best is not None:
        score, reasons = best
        if a.length == 1 and not eng_agree:
            score = min(score, 0.6)
            reasons.append("only one syllable to compare: at most 0.6")
        if eng_note:
            reasons.append(eng_note)
        return _NameScore(score + eng_adjust, a.original, b.original, method, reasons)
    surname = _surname_only(a, b, eng_agree)
    if surname is not None:
        return _NameScore(surname[0], a.original, b.original, method, surname[1])
    return _NameScore(partial[0], a.original, b.original, method, partial[1])


def _pair(x: Syllable, y: Syllable, why: str) -> str:
    return f"{x.text}={y.text} ({why})"


def _surname_only(a: ParsedName, b: ParsedName, eng_agree: bool) -> tuple[float, list[str]] | None:
    """A name with only a surname in Chinese ("TANG, Chris") against a fuller one: the
    surname agrees, the rest cannot be compared."""
    short, long = (a, b) if a.length <= b.length else (b, a)
    if short.length == long.length or short.length == 0:
        return None
    for so in short.orders:
        for lo in long.orders:
            grade, why = _syllable_grade(so.syllables[0], lo.syllables[0])
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


def _compare_western(left: str, right: str) -> _NameScore:
    """Names that are not Chinese: nomenklatura's logic-v2 and the western layer."""
    score, reasons = compare_western(left, right)
    return _NameScore(score, left, right, "latin-latin", reasons)


def _adjust_for_dates(
    score: float, left: Iterable[str], right: Iterable[str]
) -> tuple[float, str | None]:
    """Raise the score when birth dates agree, lower it when they conflict."""
    lefts, rights = [d[:10] for d in left if d], [d[:10] for d in right if d]
    if not lefts or not rights:
        return score, None
    best: tuple[int, str, str] | None = None
    for x in lefts:
        for y in rights:
            if x.startswith(y) or y.startswith(x):
                shared = min(len(x), len(y))
                if best is None or shared > best[0]:
                    best = (shared, x, y)
    if best is None:
        pairs = f"{'/'.join(lefts)} vs {'/'.join(rights)}"
        return (
            score - DOB_CONFLICT_PENALTY,
            f"birth dates conflict ({pairs}): -{DOB_CONFLICT_PENALTY}",
        )
    if best[0] >= 10:
        return score + DOB_EXACT_BONUS, f"birth dates agree ({best[1]}): +{DOB_EXACT_BONUS}"
    return score + DOB_PARTIAL_BONUS, (
        f"birth dates agree to {(best[0] == 4 and 'the year') or 'the month'} "
        f"({best[1]} / {best[2]}): +{DOB_PARTIAL_BONUS}"
    )
