"""English forms the Chinese-shaped rules misread (issue #16, english21, counted over the
English court-keyword articles of the archive not in `test`).

- A pronoun that opens a new clause after a conjunction (The charge that Ted Hui is facing
  stems from a confrontation…, when he asked the man… and was charged by the police with
  perverting the course of justice): in English the clause's "he" or "she" is the one person
  the sentence named before it. The Chinese rule that reads a pronoun after a name as
  someone else (陳國誠憶起她被捕) is kept for Chinese and for "he" right after a verb
  (Tam said he was arrested is not this shape: no conjunction).
- An article written in English (under 5% Chinese characters, as `bench/extract_fresh.py`
  selects them) keeps a person's English name as it writes it (Jimmy Lai was further
  charged…), even when a Chinese name of the same record entity stands once in it (a link
  to the Chinese original): the name as the article writes it (docs/extract.md, labels).

Example: `pronoun_opens_clause(gap, re.search(r"\\bhe\\b", gap))` is True for
gap = "the charge that ted hui is facing stems, when he asked".
"""

from __future__ import annotations

import re

#: …, when he; …but she; … and he: a conjunction (a comma before it or not), then the
#: pronoun, at the end of the gap between the name and the trigger.
_OPENS = re.compile(
    r"(?:,\s*|\s)(?:when|but|and|after|while|as|because|although|though|so)\s+(?:he|she)\s+$"
)
#: Latin letters only: a Chinese gap keeps the older reading.
_HAN = re.compile(r"[\u3400-\u9fff]")


def pronoun_opens_clause(gap: str, pronoun: re.Match[str] | None) -> bool:
    """Whether the "he" or "she" found in the (folded) English `gap` between a name and its
    trigger opens a clause of its own after a conjunction."""
    if pronoun is None:
        return False
    head = gap[: pronoun.end()]
    return not _HAN.search(gap) and bool(_OPENS.search(head + " "))


def written_in_english(body: str) -> bool:
    """Whether an article is written in English: under 5% of it Chinese characters."""
    return len(_HAN.findall(body)) < 0.05 * len(body)
