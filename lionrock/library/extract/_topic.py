"""A remand or release stated at the end of a chain of clauses whose one subject opens the
sentence (issue #16, sixteenth round, `extract23`): 陳以晉因…協助他人逃脫，被控…，三項罪名
成立，判囚十個月，自今年6月15日起還柙; 陳虹秀在混亂街頭…，卻被控暴動罪，主審法官裁定表證不
成立當庭釋放. Chinese carries the topic through the commas, so the distance alone (more
than 40 characters) is little reason to doubt it: such a fact loses 0.1 for the earlier
clause and 0.1 for the distance, not 0.1 and 0.2. Only when the name is the sentence's
one name, written in its first clause, and no quotation, speaker or clause of its own
(而, 但, 另外) comes between; not when the chain names someone else (與財務總監蔡達英).

Example:
    topic_penalty(hit, folded, groups, people, penalty)  # 0.3 → 0.2 for 陳以晉…還柙
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, clause_start
from lionrock.library.extract._text import zh

TOPIC_KINDS = frozenset({"custody", "released"})
#: What may come before the opening subject in its clause: a description ending in 的
#: (被指是「頭號梁粉」的前行政會議成員), a role or an age, with no comma.
LEAD = re.compile(zh(r"^[^,;:，；：。「」]{0,30}$"))
#: A subject of its own between them (而, 但, a quotation, a speaker's verb).
OWN_TOPIC = re.compile(zh(r"[「」]|[,，]\s*(?:而|但|惟|另外|此外|同時)|表示|指出|認為|稱"))


def topic_penalty(
    hit: Hit, f: str, groups: list[list[NameHit]], people: list[NameHit], penalty: float
) -> float:
    """The penalty of a custody or release whose people are the sentence's one name, written
    in its first clause, with only its own clauses between: at most 0.2."""
    if hit.kind not in TOPIC_KINDS or penalty <= 0.2 or len(groups) != 1 or len(groups[0]) != 1:
        return penalty
    name = groups[0][0]
    if people != groups[0] or name.end > hit.start or clause_start(f, name.start) != 0:
        return penalty
    if not LEAD.match(f[: name.start]) or OWN_TOPIC.search(f[name.end : hit.start]):
        return penalty
    return 0.2
