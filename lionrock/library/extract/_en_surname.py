"""An English surname alone (Tam has been denied bail; Lai was arrested; [HKCT note: Wu
was granted bail …]) stands for the one person of that surname the article has named in
full before it (Tam Tak-chi, Jimmy Lai Chee-ying, Wu Chi-wai), as `surname_mentions` reads
余被控 (issue #16, extract32: 4 such sentences in the unlabelled court-keyword pool, all
facts, none read before).

The surname of an English name is the word before its hyphenated given name (Tam Tak-chi,
Jimmy Lai Chee-ying), else the last of two words (Jimmy Lai, Helena Wong). The lone word
must open a clause and be followed by a verb (was, has, pleaded …), so that Lai's, Chan
and Lee, or a name cut short inside a longer run of capitals are not read.

Example: in "Tam Tak-chi was arrested. Tam was denied bail.", Tam is Tam Tak-chi.
"""

from __future__ import annotations

import re

from lionrock.library.extract._english import ADVERB
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import Sentence

#: A capitalised word that opens a clause (or a bracketed note: "[HKCT note: Wu …"), then
#: a verb of the triggers (the trigger itself is read by the rules).
LONE = re.compile(
    r"(?:^|(?<=[.;:,(\[“\"]\s)|(?<=[(\[“\"]))([A-Z][a-z]{1,9})(?=\s+(?:"
    + ADVERB
    + r"\s+)?(?:was|were|has|had|is|pleaded|pled|admitted|denied|remains|remained)\b)"
)


def surname_of(name: str) -> str | None:
    """Tam Tak-chi → Tam, Jimmy Lai Chee-ying → Lai, Jimmy Lai → Lai; a Chinese name, a
    single word or a longer run with no hyphen → None.

    Example: `surname_of("Jimmy Lai Chee-ying")` is `"Lai"`.
    """
    parts = name.split()
    if not all(re.fullmatch(r"[A-Z][A-Za-z'-]*", p) for p in parts):
        return None
    for i, part in enumerate(parts[1:], 1):
        if "-" in part:
            return parts[i - 1]
    return parts[-1] if len(parts) == 2 else None


def english_surnames(s: Sentence, seen: dict[str, NameHit], found: list[NameHit]) -> list[NameHit]:
    """Each lone English surname in `s` that no found name covers and that one person the
    article has named (`seen`) bears: a hit on that person's full name."""
    if not LONE.search(s.text):
        return []
    by_surname: dict[str, list[NameHit]] = {}
    for hit in seen.values():
        if surname := surname_of(hit.name):
            by_surname.setdefault(surname, []).append(hit)
    extra: list[NameHit] = []
    for m in LONE.finditer(s.text):
        people = by_surname.get(m.group(1), [])
        if len(people) == 1 and not any(h.start <= m.start() < h.end for h in found):
            person = people[0]
            extra.append(NameHit(person.name, m.start(), m.end(), person.entity_id, person.known))
    return extra
