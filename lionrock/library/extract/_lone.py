"""A lone surname the article cannot resolve still holds its clause (issue #16, extract34).

`_groups.surname_mentions` reads 王在開審時承認… as the one 王 the article names, and gives
up when it names several 陳: then 陳被控一項縱火罪，審訊裁定罪成，判囚2年5個月 had no subject
of its own, and its verdict and term went to the name before it in the sentence (…；王在
開審時承認…；陳被控…: 王國斌 got 陳's 29 months). A name found before such a surname is not
the subject of a trigger after it.
"""

from __future__ import annotations

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._patterns import LONE_SURNAME
from lionrock.library.extract._persons import NameHit


def behind_unresolved(
    f: str, person: NameHit, at: int, found: list[NameHit], seen: dict[str, NameHit]
) -> bool:
    """Whether a lone surname of several people the article names (none of them this
    person's) stands between `person` (found in this sentence) and the trigger at `at`."""
    if not any(person is n for n in found):
        return False
    for m in LONE_SURNAME.finditer(f, person.end):
        surname = m.group(1)
        if m.start() >= at:
            break
        if surname == fold(person.name[:1]) or any(n.start <= m.start() < n.end for n in found):
            continue
        people = {n for n in seen if HAN_RE.match(n[:1]) and fold(n[0]) == surname}
        if len(people) > 1:
            return True
    return False
