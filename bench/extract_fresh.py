"""Print the suggestions the rules make on a fresh random draw of court-keyword articles
that are in neither split of `bench/data/extract-labels.jsonl`, for a person to judge
(issue #16 §5). Precision only, since the articles are not labelled in full: this is how
classes of false positives were looked for without tuning on the test split (see
docs/extract.md). Seeds 1801–1804 were used, then 1901–1906, then 2001–2003, then 2701 and
2702 (80 articles each, the tenth round); with `en`, only the articles written in English
(under 5% Chinese characters; 110 have a court keyword).

Example: python bench/extract_fresh.py 1801 60
         python bench/extract_fresh.py 1903 40 en
"""

from __future__ import annotations

import json
import random
import re
import sys

from extract import ARCHIVE, LABELS, record_gazetteer
from extract_sample import KEYWORDS

from lionrock.library.extract import extract_text
from lionrock.sources import hkcnews


def english(body: str) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", body)) < 0.05 * len(body)


def main(seed: int, count: int, only_english: bool = False) -> None:
    labelled = {json.loads(line)["article"] for line in LABELS.read_text("utf-8").splitlines()}
    court: dict[str, tuple[str | None, str, str]] = {}
    for doc in hkcnews.articles(str(ARCHIVE)):
        article = getattr(doc, "id", None)
        if article and article not in labelled and any(k in doc.body for k in KEYWORDS):
            if only_english and not english(doc.body):
                continue
            court[article] = (doc.published_at, doc.body, getattr(doc, "title", ""))
    names, _store = record_gazetteer()
    for article in random.Random(seed).sample(sorted(court), count):
        published, body, title = court[article]
        print("##", article, published, title)
        found = extract_text(
            article_id=article,
            body=body,
            published=published,
            names=names,
            min_confidence=0.0,
            title=title,
        )
        for p in found:
            print(f"  {p.confidence:.2f} {p.person} {p.kind} {p.value} | {p.quote[:150]}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:] == ["en"])
