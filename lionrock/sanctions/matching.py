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

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from lionrock.errors import LionRockError
from lionrock.sanctions.chinese import NameScore, clear_grades, compare_chinese, rule_of
from lionrock.sanctions.korean import compare_korean, korean_pair
from lionrock.sanctions.latin_forms import arabic_name, burmese_names, common_forms, form_table
from lionrock.sanctions.names import parse_name
from lionrock.sanctions.relatives import burmese_apart, burmese_joined, western_name
from lionrock.sanctions.tables import load_tables
from lionrock.sanctions.western import compare_western

__all__ = ["clear_grades"]  # re-exported for the benchmark

THRESHOLD = 0.7
ONE_WORD_CAP = 0.6  # a one-word name or alias ("John") never carries a match on its own
POSSIBLE = 0.5  # from here up to the threshold a pair is a "possible": worth a look
DOB_EXACT_BONUS = 0.2
DOB_PARTIAL_BONUS = 0.05
DOB_CONFLICT_PENALTY = 0.35  # a full name match with a conflicting date falls below 0.7
BURMESE_CAP = 0.6  # a Burmese name is all its words: one left over is another name
BURMESE_RULE = "Burmese names: every word counts"
BURMESE_JOINED_RULE = "Burmese names: a word written apart"
MAX_NAMES = 50  # names per side compared; a subject with more keeps the first 50
# Objects allocated between two young collections while a batch is scored
# (`scoring_batch`); CPython's default is 700.
BATCH_YOUNG = 100_000


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
    """A score in [0, 1], the judgement against the threshold, and why (`details`; the
    `explanation` text is written from them when asked: a batch scores many pairs and
    reads few explanations)."""

    score: float
    match: bool
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        """The two forms compared, the method, and the reasons, in one line."""
        d = self.details
        return f"{d['left']!r} ~ {d['right']!r} [{d['method']}]: " + "; ".join(d["reasons"])

    @property
    def verdict(self) -> str:
        """ "match", "possible" (worth a look: from `POSSIBLE` to the threshold), or "no
        match"."""
        if self.match:
            return "match"
        return "possible" if self.score >= POSSIBLE else "no match"

    @property
    def rule(self) -> str:
        """The rule that decided the score (`details["rule"]`)."""
        return str(self.details.get("rule", ""))

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "match": self.match,
            "verdict": self.verdict,
            "rule": self.rule,
            "explanation": self.explanation,
            "details": self.details,
        }


class RecordNames(Protocol):
    """What the record-aware mode needs of the store (`record.KnownNames`)."""

    def link(self, left: Subject, right: Subject) -> tuple[str, list[str]] | None:
        """("ENTITY", reasons) when both subjects name one entity of the store."""


def compare(
    left: str | Mapping[str, Any] | Subject,
    right: str | Mapping[str, Any] | Subject,
    *,
    threshold: float = THRESHOLD,
    record: RecordNames | None = None,
) -> MatchResult:
    """Compare two persons by name (and birth date when both have one).

    With `record` (record-aware mode, `record.KnownNames`), two names that are names of
    one entity of the store match, whatever their spelling ("John Lee" / 李家超 when the
    record says so); without it, names alone decide.

    Example: `compare("CHAN, Tai Man", "CHAN, Tai Wai").match` is False.
    """
    a, b = Subject.of(left), Subject.of(right)
    best = _best_names(a, b)
    # The record is asked only when the names alone do not match: it can only raise.
    if record is not None and best.score < threshold:
        link = record.link(a, b)
        if link is not None:
            entity, why = link
            best = NameScore(
                1.0, a.names[0], b.names[0], "record", why, f"both are names of {entity}"
            )
    score, dob_note = _adjust_for_dates(best.score, a.birth_dates, b.birth_dates)
    reasons = [*best.reasons, dob_note] if dob_note else best.reasons
    score = max(0.0, min(1.0, score))
    details = {
        "left": best.left,
        "right": best.right,
        "method": best.method,
        "rule": best.rule,
        "name_score": round(best.score, 4),
        "reasons": reasons,
    }
    return MatchResult(score, score >= threshold, details)


def _best_names(a: Subject, b: Subject) -> NameScore:
    """The best-scoring pair of names."""
    if len(a.names) == 1 and len(b.names) == 1:  # most comparisons: no loop to run
        return compare_names(a.names[0], b.names[0])
    best: NameScore | None = None
    for lname in a.names[:MAX_NAMES]:
        for rname in b.names[:MAX_NAMES]:
            found = compare_names(lname, rname)
            if best is None or found.score > best.score:
                best = found
            if best.score >= 1.0:
                return best
    return best or NameScore(0.0, "", "", "none", ["no names"], "no names")


def warm_up() -> None:
    """Load the reading tables and nomenklatura now, not on the first comparison, and
    take them out of the garbage collector's sight (`gc.freeze`).

    The tables (Jyutping, pinyin, Wade–Giles, nomenklatura's symbols) are some 350,000
    objects that live as long as the process. Every full collection walked them all, and
    comparisons allocate enough to set one off every few hundred pairs: a quarter of
    the matcher's time went to it (issue #14, bench/matching.py). And the per-syllable
    and per-character tables are built first (`tables.load_tables`), so that a name met
    for the first time costs lookups, not readings worked out.
    """
    load_tables()
    compare("李家超", "Lee Ka-chiu")
    compare("IVANOV, Sergei Borisovich", "Sergey IVANOV")  # logic-v2 and rigour's tables
    if gc.isenabled() and gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


@contextmanager
def scoring_batch() -> Iterator[None]:
    """Score many pairs with the garbage collector's young generation raised to
    `BATCH_YOUNG` objects, and set back after (nested batches keep the outer one's).

    Comparisons fill per-name caches (parsed names, readings, scores: some 55,000
    objects kept in a round of bench/matching.py's 3,677 pairs, most of what they
    allocate) and make no reference cycles, so a collection frees nothing. At 700
    objects a young collection ran every few dozen pairs, every tenth of them walked
    the middle generation, and a full one now and then walked the caches and whatever
    else is long-lived but not frozen (`warm_up`): about an eighth of the matcher's time
    (issue #14). Cycles are still collected, a hundred times less often.

    Example:
        with scoring_batch():
            results = [compare(a, b) for a, b in pairs]
    """
    young, *older = gc.get_threshold()
    if young == 0 or young >= BATCH_YOUNG:  # 0: automatic collection is off
        yield
        return
    gc.set_threshold(BATCH_YOUNG, *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def compare_names(left: str, right: str) -> NameScore:
    """Score two single names, without birth dates. A one-word name ("John", "KHALID")
    names nobody on its own: it is at most a possible (`ONE_WORD_CAP`).

    Cached under one string (`_names_score`): a key tuple of two strings is one more
    object the garbage collector walks, some 3,500 a round of bench/matching.py."""
    return _names_score(f"{len(left)}:{left}{right}")


@lru_cache(maxsize=65536)
def _names_score(key: str) -> NameScore:
    """`compare_names` of the two names joined in `key` (the first's length before
    them)."""
    length, _, names = key.partition(":")
    cut = int(length)
    left, right = names[:cut], names[cut:]
    found = _compare_names(left, right)
    if found.score <= ONE_WORD_CAP:  # nothing to cap: the names' words are not counted
        return found
    one_word = [n for n in (left, right) if _one_word(n)]
    if one_word:
        note = f"{one_word[0]!r} is one word, which cannot carry a match: at most {ONE_WORD_CAP}"
        return NameScore(
            ONE_WORD_CAP, found.left, found.right, found.method, [*found.reasons, note], "one word"
        )
    return found


def _one_word(name: str) -> bool:
    parsed = parse_name(name)
    return not parsed.han and len(parsed.tokens) == 1 and "-" not in parsed.tokens[0]


def _compare_names(left: str, right: str) -> NameScore:
    a, b = parse_name(left), parse_name(right)
    # One name is Korean: both are read as Korean if the other can be.
    korean = korean_pair(left, right) if not a.han and not b.han else None
    if korean:
        score, reasons = compare_korean(*korean)
        return NameScore(score, left, right, "korean", reasons, "Korean names")
    if (not a.orders and not a.english) or (not b.orders and not b.english):
        return NameScore(0.0, left, right, "none", ["a name has no letters or characters"])
    # "OO, Tun Tun" spells Chinese syllables, but is a Burmese name: no family name.
    if not a.han and not b.han and burmese_names(a.tokens, b.tokens):
        return _compare_burmese(left, right)
    # "Osama bin Laden" and "Ali Hassan" spell Chinese syllables, but are Arabic names.
    if a.chinese and b.chinese:
        if not (arabic_name(a.tokens, a.english, left) and arabic_name(b.tokens, b.english, right)):
            return compare_chinese(a, b)
        return _arabic_as_latin(left, right, a.tokens + b.tokens)
    if a.han or b.han:
        return NameScore(
            0.0, left, right, "han-latin", ["the romanized name is not made of Chinese syllables"]
        )
    return _compare_western(left, right)


RULES_WESTERN = (
    ("another first consonant", "another first consonant: another name"),
    ("at most 0.6", "name structure: relatives or namesakes"),
    ("another written first", "the same parts, another written first"),
    ("article written joined", "the Arabic article written joined"),
    ("honorific the other name does not write", "an honorific set aside"),
    ("generational suffix set aside", "a generational suffix set aside"),
    ("one name in other languages", "name forms across languages"),
    ("initials read", "initials"),
    ("vowels written differently", "Arabic vowels written differently"),
    ("th read as the dh", "th read as the dh of ذ or ظ"),
    ("transliterations folded", "transliteration variants"),
    ("spelled closely", "every part spelled closely in the other name"),
    ("the same name parts", "the same name parts, in any order"),
)


def _compare_western(left: str, right: str) -> NameScore:
    """Names that are not Chinese: nomenklatura's logic-v2 and the western layer."""
    score, reasons = compare_western(left, right)
    if score < 1.0:  # Mikalai is Nikolai, Ryhoravich Grigorievich (`latin_forms`)
        forms = common_forms(left, right)
        found = compare_western(*forms) if forms else (0.0, [])
        if forms and found[0] > score:
            score = found[0]
            reasons = [f"one name in other languages ({forms[0]!r} ~ {forms[1]!r})", *found[1]]
    rule = rule_of(reasons, RULES_WESTERN, "nomenklatura logic-v2 name match")
    return NameScore(score, left, right, "latin-latin", reasons, rule)


def _arabic_as_latin(left: str, right: str, tokens: tuple[str, ...]) -> NameScore:
    """Two Arabic names that spell Chinese syllables, compared as Latin-script names; the
    explanation names the words that mark them Arabic (`latin_forms.arabic_name`)."""
    found = _compare_western(left, right)
    marks = sorted(form_table().arabic.intersection(tokens))
    why = f"marked by {', '.join(marks)}" if marks else "an apostrophe before a consonant"
    note = f"Arabic names ({why}): compared as Latin-script names, not Chinese syllables"
    return NameScore(found.score, left, right, found.method, [note, *found.reasons], found.rule)


def _compare_burmese(left: str, right: str) -> NameScore:
    """Burmese names: the Latin-script comparison, at most `BURMESE_CAP` when a word of
    one name is no word of the other (`relatives.burmese_apart`)."""
    found = _compare_western(left, right)
    if found.score <= BURMESE_CAP:
        return found
    honorifics = form_table().burmese_honorifics
    a, b = western_name(left), western_name(right)
    apart = burmese_apart(a, b, honorifics)
    if apart is None:
        joined = burmese_joined(a, b, honorifics)
        if joined is None:
            return found
        reasons = [*found.reasons, joined]
        return NameScore(found.score, left, right, found.method, reasons, BURMESE_JOINED_RULE)
    reasons = [*found.reasons, f"{apart}: at most {BURMESE_CAP}"]
    return NameScore(BURMESE_CAP, left, right, found.method, reasons, BURMESE_RULE)


def _adjust_for_dates(
    score: float, left: tuple[str, ...], right: tuple[str, ...]
) -> tuple[float, str | None]:
    """Raise the score when birth dates agree, lower it when they conflict."""
    if not left or not right:
        return score, None
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
