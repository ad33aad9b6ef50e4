"""An English surname alone (Tam has been denied bail; Lai was arrested; [HKCT note: Wu
was granted bail …]) stands for the one person of that surname the article has named in
full before it (Tam Tak-chi, Jimmy Lai Chee-ying, Wu Chi-wai), as `surname_mentions` reads
余被控 (issue #16, extract32: 4 such sentences in the unlabelled court-keyword pool, all
facts, none read before).

The surname of an English name is the word before its hyphenated given name (Tam Tak-chi,
Jimmy Lai Chee-ying), else the last of two words (Jimmy Lai, Helena Wong). The lone word
must open a clause and be followed by a verb (was, has, pleaded …), so that Lai's, Chan
and Lee, or a name cut short inside a longer run of capitals are not read.

The full name may stand sentences before, in a sentence no trigger made the rules read
(extract49: "… to charge activist Tam Tak-chi with …. The slogans …. Tam has been denied
bail"; "… sacked law professor Benny Tai …. The senate …. Tai was convicted …"): the
paragraphs before the sentence that write the surname are then searched for it. The
surname stands for someone only when the whole article names one person of it (one
entity, or one spelling when the record does not know the name).

Example: in "Tam Tak-chi was arrested. Tam was denied bail.", Tam is Tam Tak-chi.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lionrock.library.extract._english import ADVERB
from lionrock.library.extract._persons import Gazetteer, NameHit
from lionrock.library.extract._text import Sentence

#: A capitalised word that opens a clause (or a bracketed note: "[HKCT note: Wu …"), an
#: age between commas perhaps (Wong, 24, was jailed; extract49), then a verb of the
#: triggers (the trigger itself is read by the rules).
LONE = re.compile(
    r"(?:^|(?<=[.;:,(\[“\"]\s)|(?<=[(\[“\"]))([A-Z][a-z]{1,9})(?=(?:,\s*\d{1,2},)?\s+(?:"
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


def english_surnames(
    s: Sentence,
    seen: dict[str, NameHit],
    found: list[NameHit],
    body: str = "",
    names: Gazetteer | None = None,
) -> list[NameHit]:
    """Each lone English surname in `s` that no found name covers and that one person the
    article names bears (`seen`, else the paragraphs of `body` written before `s`, read
    with `names`): a hit on that person's full name."""
    if not LONE.search(s.text):
        return []
    extra: list[NameHit] = []
    for m in LONE.finditer(s.text):
        if any(h.start <= m.start() < h.end for h in found):
            continue
        people = _bearers(m.group(1), seen.values())
        if not people and names is not None and body:
            # one person of that surname in the whole article, named before `s`
            people = _bearers(m.group(1), _named_in(m.group(1), body, names))
            if len(people) != 1 or not 0 <= body.find(people[0].name) < s.start:
                people = []
        if len(people) == 1:
            person = people[0]
            extra.append(NameHit(person.name, m.start(), m.end(), person.entity_id, person.known))
    return extra


def _bearers(surname: str, hits: Iterable[NameHit]) -> list[NameHit]:
    """The people (one hit each: by entity, else by spelling) whose name has `surname`."""
    people: dict[str, NameHit] = {}
    for hit in hits:
        if surname_of(hit.name) == surname:
            people.setdefault(hit.entity_id or hit.name, hit)
    return list(people.values())


def _named_in(surname: str, body: str, names: Gazetteer) -> list[NameHit]:
    """The names of the article's paragraphs that write `surname` as a word (only those
    are read: the finder segments Chinese, the costly step)."""
    word = re.compile(r"\b" + re.escape(surname) + r"\b")
    return [
        hit
        for paragraph in body.split("\n")
        if word.search(paragraph)
        for hit in names.find(paragraph)
    ]
