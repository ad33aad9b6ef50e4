"""The ceiling of a learned second pass (issue #16, extract52): of the dev split's misses
(draws 1 to 35), how many could a candidate generator reach, reading one sentence at a time:
the labelled quote's sentence names the person (the name finder `extract_text` uses), has
a trigger of the fact's kind, and states its value (`extract_learned.py`). The rest are
counted by why not: name not found (written there, or not), name only in another
sentence, no trigger of the kind, value unreadable.

Example: PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/extract_reach.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict

from extract import LABELS, read_articles, record_gazetteer
from extract_learned import TRIGGERS, candidates

from lionrock.fold import fold
from lionrock.library.extract import extract_text
from lionrock.library.extract._groups import names_lengthened, names_uncut
from lionrock.library.extract._text import Sentence, sentences

DRAWS = range(1, 36)  # never 36 and 37 (being labelled blind)
Fact = tuple[str, str, str, str]


def dev_rows() -> list[dict]:
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["split"] == "dev" and int(row.get("draw", 1)) in DRAWS:
            rows.append(row)
    return rows


def quote_sentences(quote: str, every: list[Sentence]) -> list[Sentence]:
    """The article's sentences the labelled quote is (or is part of, or spans)."""
    q = quote.strip()
    out = [s for s in every if s.text.strip() and (s.text.strip() in q or q[:25] in s.text)]
    return out


def main() -> None:
    rows = dev_rows()
    gold: set[Fact] = set()
    quotes: dict[Fact, list[str]] = defaultdict(list)
    articles = {r["article"] for r in rows}
    for r in rows:
        if r["kind"]:
            fact = (r["article"], r["person"], r["kind"], r["value"] or "")
            gold.add(fact)
            quotes[fact].append(r.get("quote") or "")
    names, _store = record_gazetteer()
    texts = read_articles(articles)
    why: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    misses = 0
    for article, (published, body, title) in sorted(texts.items()):
        ours = {
            p.key()
            for p in extract_text(
                article_id=article, body=body, published=published, names=names, title=title
            )
        }
        every = list(sentences(body))
        folded_all = "".join(s.folded for s in every)
        for fact in sorted(f for f in gold - ours if f[0] == article):
            misses += 1
            _a, person, kind, value = fact
            reason = "no quote sentence"
            for q in quotes[fact]:
                for s in quote_sentences(q, every):
                    found = names_uncut(
                        s, names_lengthened(s, names.find(s.text, s.folded), folded_all), folded_all
                    )
                    named = person in {h.name for h in found} or fold(person) in {
                        h.name for h in found
                    }
                    trig = any(p.search(s.folded) for p, _v in TRIGGERS[kind])
                    cands = {
                        (c.person.name, c.kind, c.value)
                        for c in candidates(s.folded, s.text, found)
                    }
                    if (person, kind, value) in cands or (fold(person), kind, value) in cands:
                        reason = "reachable"
                    elif named and trig:
                        r2 = "value unreadable"
                    elif named:
                        r2 = "no trigger of the kind"
                    elif person in s.text or fold(person) in s.folded:
                        r2 = "name written but not found" + ("" if trig else " (no trigger either)")
                    else:
                        r2 = "name in another sentence" + ("" if trig else " (no trigger either)")
                    if reason != "reachable":
                        reason = (
                            r2
                            if reason == "no quote sentence"
                            else min(reason, r2, key=ORDER.index)
                        )
                if reason == "reachable":
                    break
            why[reason] += 1
            by_kind[kind][reason] += 1
            if len(sys.argv) > 1:
                print(reason, *fact, sep="\t")
    print(f"dev misses (draws 1-35): {misses}")
    for reason, n in why.most_common():
        print(f"  {reason}: {n}")
    for kind, counts in sorted(by_kind.items()):
        print(kind, dict(counts.most_common()))


ORDER = [
    "reachable",
    "value unreadable",
    "no trigger of the kind",
    "name written but not found",
    "name written but not found (no trigger either)",
    "name in another sentence",
    "name in another sentence (no trigger either)",
    "no quote sentence",
]

if __name__ == "__main__":
    main()
