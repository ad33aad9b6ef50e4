"""The learned second pass of issue #16 (extract52), as an experiment: candidate facts of
one sentence and their features, for `extract_reach.py` (the ceiling) and
`extract_train.py` (a logistic regression trained on the dev labels). Not shipped: held
out (draws 31-35) it added no right fact at a threshold precise enough (docs/extract.md).

A candidate is every (named person, kind whose trigger the sentence carries, value the
sentence states), read the way the rules read (the same triggers, the offences after any
被控, the terms of `_text.py`), that the rules did not propose; its features are strings
(the kind, jieba's words between the name and the trigger and around them, which comes
first, how far apart, how many names, request and denial words, the name's list, what the
rules proposed in the sentence).

Example: [c.kind for c in candidates(fold(t), t, names.find(t))] is ["sentence"] for
t = 周庭被判囚10個月。
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lionrock.library.extract._abroad import abroad_sentence
from lionrock.library.extract._groups import names_lengthened, names_uncut
from lionrock.library.extract._lexicon import (
    HONG_KONG,
    MAINLAND,
    NOT_A_FACT,
    TRIGGER,
    named_as_official,
    offences_in,
)
from lionrock.library.extract._patterns import (
    ACQUITTED,
    ARREST_ACTIVE,
    ARREST_PASSIVE,
    BAIL_DENIED,
    BAIL_GRANTED,
    CHARGE,
    CHARGED_BY,
    CONVICTED,
    PLEA_GUILTY,
    PLEA_NOT,
    RELEASED,
    REMANDED,
    SENTENCE,
    SERVING,
    SUSPENDED,
)
from lionrock.library.extract._persons import Gazetteer, NameHit, _tokenizer
from lionrock.library.extract._rules import Proposal
from lionrock.library.extract._subjects import Context, name_groups
from lionrock.library.extract._text import (
    TERM_EN,
    TERM_ZH,
    Sentence,
    english_months,
    format_months,
    term_months,
    zh,
)

#: Each kind's triggers, with the value a trigger states by itself ("" when the value is
#: read elsewhere in the sentence: the offence, the term).
TRIGGERS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "arrested": ((ARREST_PASSIVE, ""), (ARREST_ACTIVE, "")),
    "charged": ((CHARGE, ""), (CHARGED_BY, "")),
    "bail_granted": ((BAIL_GRANTED, ""),),
    "bail_denied": ((BAIL_DENIED, ""),),
    "plea": ((PLEA_NOT, "not_guilty"), (PLEA_GUILTY, "guilty")),
    "verdict": ((ACQUITTED, "acquitted"), (CONVICTED, "convicted")),
    "sentence": ((SENTENCE, ""),),
    "custody": ((REMANDED, "remanded"), (SERVING, "serving_sentence")),
    "released": ((RELEASED, ""),),
}
#: How far a term may be from its trigger (判囚…10個月) to be read as its term.
TERM_REACH = 30


@dataclass(frozen=True, slots=True)
class Candidate:
    """One (person, kind, value) a sentence could state, at its nearest trigger."""

    person: NameHit
    kind: str
    value: str
    start: int  # the trigger's span in the folded sentence
    end: int
    statute: str = ""
    section: str = ""


def _terms(folded: str, text: str, at: int) -> list[str]:
    """The terms stated within `TERM_REACH` characters after a trigger (or before it: 13個月
    監禁)."""
    out: list[str] = []
    lo, hi = max(0, at - TERM_REACH), min(len(folded), at + TERM_REACH)
    for m in TERM_ZH.finditer(folded, lo, hi):
        months = term_months(m)
        if months and months < 600:
            out.append(format_months(months))
    for m in TERM_EN.finditer(text, lo, hi):
        months = english_months(m)
        if months and months < 600:
            out.append(format_months(months))
    return out


def _values(
    kind: str, fixed: str, folded: str, text: str, start: int, end: int
) -> list[tuple[str, str, str]]:
    if kind == "charged":
        return [(o.key, o.statute, o.section) for o in offences_in(folded[start : end + 90])]
    if kind == "sentence":
        return [(t, "", "") for t in dict.fromkeys(_terms(folded, text, end))]
    return [(fixed, "", "")]


def candidates(folded: str, text: str, found: list[NameHit]) -> Iterator[Candidate]:
    """Every (person, kind, value) the sentence could state, each at the trigger nearest
    the name.

    Example: `[c.value for c in candidates(fold(t), t, names.find(t))]` is `["10"]` for
    t = 周庭被判囚10個月。
    """
    if not found:
        return
    best: dict[tuple[str, str, str], tuple[int, Candidate]] = {}
    for kind, patterns in TRIGGERS.items():
        for pattern, fixed in patterns:
            for m in pattern.finditer(folded):
                values = _values(kind, fixed, folded, text, m.start(), m.end())
                for person in found:
                    gap = (
                        m.start() - person.end
                        if person.end <= m.start()
                        else person.start - m.end()
                    )
                    for value, statute, section in values:
                        key = (person.name, kind, value)
                        kept = best.get(key)
                        if kept is None or abs(gap) < kept[0]:
                            cand = Candidate(
                                person, kind, value, m.start(), m.end(), statute, section
                            )
                            best[key] = (abs(gap), cand)
    for _gap, cand in best.values():
        yield cand


#: Words read on each side: between the name and the trigger (at most), and around them.
BETWEEN_WORDS = 6
AROUND = 8  # characters segmented before the name and after the trigger
PLURAL = re.compile(zh(r"分別|各|均|全部|等\d*人|[二兩三四五六七八九十\d]+人"))
PRONOUN = re.compile(zh(r"他|她|其"))
QUOTE_OPEN = re.compile(r"[「『“][^」』”]*$")
LISTED = re.compile(zh(r"\s*(?:[（(][^）)]{0,12}[）)])?\s*(?:、|及|和|與)"))


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate with its features and the model's probability."""

    candidate: Candidate
    features: tuple[str, ...]
    probability: float


def _words(text: str) -> list[str]:
    return [w for w in _tokenizer().lcut(text, HMM=False) if w.strip()] if text else []


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(
    c: Candidate, folded: str, found: list[NameHit], ruled: set[tuple[str, str]]
) -> list[str]:
    """The features of one candidate: strings, each weighed by the model.

    `ruled` is the (person, kind) pairs the rules proposed in this sentence.
    """
    k = c.kind
    name = c.person
    before = name.end <= c.start
    lo, hi = (name.end, c.start) if before else (c.end, name.start)
    gap = max(0, hi - lo)
    span = folded[lo:hi] if gap <= 40 else ""
    out = [f"k={k}", f"kv={k}:{c.value if k in ('plea', 'verdict', 'custody') else '*'}"]
    out.append(f"order={k}:{'name-first' if before else 'trigger-first'}")
    out.append(f"dist={k}:{_bucket(gap, (0, 2, 5, 10, 20, 40))}")
    if gap > 40:
        out.append(f"far={k}")
    for w in _words(span)[:BETWEEN_WORDS]:
        out.append(f"btw={k}:{w}")
    if re.search(r"[，,；;]", span):
        out.append(f"comma={k}")
    first, last = (name.start, c.end) if before else (c.start, name.end)
    for i, w in enumerate(_words(folded[max(0, first - AROUND) : first])[-2:][::-1]):
        out.append(f"pre{i}={k}:{w}")
    for i, w in enumerate(_words(folded[last : last + AROUND])[:2]):
        out.append(f"post{i}={k}:{w}")
    names = {h.name for h in found}
    out.append(f"names={k}:{_bucket(len(names), (1, 2, 3, 5))}")
    inside = {h.name for h in found if lo <= h.start < hi and h.name != name.name}
    out.append(f"namesbtw={k}:{_bucket(len(inside), (0, 1, 2))}")
    clause = folded[max(0, min(name.start, c.start) - 12) : c.start]
    if NOT_A_FACT.search(clause):
        out.append(f"notfact={k}")
    if NOT_A_FACT.search(folded):
        out.append(f"notfact-s={k}")
    if PLURAL.search(folded):
        out.append(f"plural={k}")
    if PRONOUN.search(span):
        out.append(f"pronoun={k}")
    if not name.known:
        out.append(f"guessed={k}")
    if SUSPENDED.search(folded):
        out.append(f"suspended={k}")
    if QUOTE_OPEN.search(folded[: name.start]):
        out.append(f"in-quote={k}")
    if found and found[0].name == name.name:
        out.append(f"first-name={k}")
    if LISTED.match(folded, name.end):
        out.append(f"listed={k}")
    kinds = {kind for person, kind in ruled if person == name.name}
    if kinds - {k}:
        out.append(f"rules-other={k}")
        for other in sorted(kinds - {k}):
            out.append(f"rules={k}:{other}")
    if k in kinds:
        out.append(f"rules-same={k}")  # another value of the kind
    if any(kind == k for person, kind in ruled if person != name.name):
        out.append(f"rules-kind-other-person={k}")
    if not ruled:
        out.append("rules-none")
    # a list's members share its facts: the rules found one of them, the rest may follow
    group = next((g for g in name_groups(found, folded) if any(h.name == name.name for h in g)), [])
    out.append(f"group={k}:{_bucket(len(group), (1, 2, 4))}")
    if len(group) > 1 and any((h.name, k) in ruled for h in group if h.name != name.name):
        out.append(f"group-ruled={k}")
    return out


def probability(feats: Iterable[str], bias: float, weights: dict[str, float]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def scored(
    s: Sentence,
    found: list[NameHit],
    proposed: set[tuple[str, str, str]],
    ruled: set[tuple[str, str]],
    model: tuple[float, dict[str, float]] = (0.0, {}),
) -> Iterator[Scored]:
    """The sentence's candidates the rules did not propose (`proposed`: their (person,
    kind, value) in the article), each with its probability."""
    bias, weights = model
    for c in candidates(s.folded, s.text, found):
        if (c.person.name, c.kind, c.value) in proposed:
            continue
        feats = features(c, s.folded, found, ruled)
        yield Scored(c, tuple(feats), probability(feats, bias, weights))


def article_candidates(
    every: list[Sentence],
    names: Gazetteer,
    context: Context,
    proposals: list[Proposal],
    model: tuple[float, dict[str, float]] = (0.0, {}),
) -> Iterator[tuple[Sentence, Scored]]:
    """Every candidate of the article's sentences that the rules did not propose, scored.

    Only a sentence with a trigger is read (names are found once per sentence: the finder
    remembers them), and not one the rules leave out whole: a question, a mainland or
    foreign case.
    """
    proposed = {(p.person, p.kind, p.value) for p in proposals}
    for s in every:
        f = s.folded
        if (
            not TRIGGER.search(f)
            or s.text.endswith(("？", "?"))
            or ((context.mainland or MAINLAND.search(f)) and not HONG_KONG.search(f))
            or abroad_sentence(f)
        ):
            continue
        found = names_uncut(
            s, names_lengthened(s, names.find(s.text, f), context.text), context.text
        )
        found = [
            h
            for h in found
            if h.name
            and (h.name in context.defendants or not named_as_official(h.name, context.text))
        ]
        if not found:
            continue
        ruled = {
            (p.person, p.kind)
            for p in proposals
            if p.paragraph == s.paragraph and p.quote in s.text
        }
        for one in scored(s, found, proposed, ruled, model):
            if one.candidate.kind == "sentence" and one.candidate.person.name in context.suspended:
                continue
            yield s, one
