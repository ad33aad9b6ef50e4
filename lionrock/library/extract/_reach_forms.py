"""Two relative-clause shapes whose person the older rules miss, and 被判有罪 (issue #16, reach21).

A court fact can qualify a noun instead of stating it of a name: the rules read the name
before the trigger (passive voice) or the name the clause heads (罪成的社工劉家棟,
`_verdicts.relative_head`). Two more heads name no one by themselves:

- a pronoun (…的李卓人總會上街…，但因8.18及8.31兩案被判囚14個月的他，今年要缺席了; 黎智英…，
  但已罪成的他，明天…): 他 or 她 is the one person the sentence named before the trigger,
  nobody else named between;
- a kind of person after a copula (劉家棟是反送中運動首位阻差辦公罪成的社工): the name right
  before 是 is that person, the clause going on with no punctuation to the trigger.

And a verdict the lexicon lacked: 被判有罪, 被判罪 (他被判有罪，判處…; 諷刺黎智英等人被判罪),
not 被判罪成 (`CONVICTED`'s) nor 被判罪名.

Only the kinds a relative clause states of a past fact: a verdict, a term, a custody state, a
refused bail (not an arrest or a charge, whose 是…被捕的人之一 or 是…被控此罪的人 count or
describe others).

Example:
    pronoun_head(hit, "…李卓人…，但因兩案被判囚14個月的他，今年…", found)  # ([李卓人], 0.15)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: 被判有罪, 被判罪: a conviction (not 被判罪成, 被判罪名成立, read by `CONVICTED`).
FOUND_GUILTY = re.compile(zh(r"被判有?罪(?![成名行狀状])"))
#: The kinds a relative clause states of a past fact of its head.
KINDS = frozenset({"verdict", "sentence", "custody", "bail_denied"})
#: 的他, 的她 closing the relative clause a few words after its trigger (not 他們, 他的,
#: nor 他 as the object of a verb: …判囚的他人).
PRONOUN_AFTER = re.compile(zh(r"[^\s,;:，；：。、「」]{0,12}?的[他她](?![們们的人])"))
#: The head nouns that are a kind of person (罪成的社工, 還柙的人): `GENERIC_HEAD`'s.
PERSON_HEAD = re.compile(
    zh(
        r"的[^\s,;:，；：。、「」]{0,4}?(?:人士|人(?![數次員])|者|社工|記者|學生|議員|律師|青年|少年|女子|男子)"
    )
)
#: The copula right after the name and the words from it to the trigger: 是, 也是, 便是.
COPULA = re.compile(zh(r"(?:也|亦|就|便|正|更|乃)?是[^\s,;:，；：。、「」]{0,20}"))
#: Words in the copula span that make it no identity (是否, 不是, 並非) or a comparison (就像).
NOT_COPULA = re.compile(zh(r"是否|不是|並非|就像"))


def pronoun_head(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """The person a relative clause's pronoun head stands for (被判囚14個月的他), or None."""
    if hit.kind not in KINDS or not PRONOUN_AFTER.match(f, hit.end):
        return None
    before = [n for n in found if n.end <= hit.start]
    if not before or len({n.name for n in before}) != 1:
        return None  # several people named before: which is 他 is not said
    if any(hit.end <= n.start < hit.end + 16 for n in found):
        return None
    return [before[-1]], 0.15


def copula_head(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """The name a copula says is the relative clause's person (劉家棟是…罪成的社工), or None."""
    if hit.kind not in KINDS or not PERSON_HEAD.match(f, hit.end):
        return None
    before = [n for n in found if n.end <= hit.start]
    if not before:
        return None
    name = before[-1]
    gap = f[name.end : hit.start]
    if not COPULA.fullmatch(gap) or NOT_COPULA.search(gap):
        return None
    return [name], 0.1


def guilty_hits(f: str) -> Iterator[Hit]:
    """The verdict hits of 被判有罪 and 被判罪 in a sentence (folded)."""
    for m in FOUND_GUILTY.finditer(f):
        yield Hit("verdict", m.start(), m.end(), "convicted", confidence=0.85)


def reach_head(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """Either shape's person (`pronoun_head`, `copula_head`), or None."""
    return pronoun_head(hit, f, found) or copula_head(hit, f, found)
