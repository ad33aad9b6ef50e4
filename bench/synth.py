"""A deterministic synthetic Hong Kong record, for benchmarks: bilingual persons, events and
organisations, as the `Record`s an importer yields.

Persons carry a Hong Kong-style romanized name ("Chan Tai-man", sometimes with an English
given name: "Peter Chan Tai-man"), a traditional Chinese name of two to four characters,
aliases, a birth date, a nationality, a position and a summary, each in English and Chinese
where that makes sense. The same seed always gives the same records, and `synthetic_records`
stops at exactly the number of statements asked for.

Example:
    from synth import synthetic_records
    records = list(synthetic_records(1000, seed=1))
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from lionrock.errors import Location
from lionrock.sources import Record

SOURCE_ID = "src-bench"
RECORDED_AT = "2026-11-28T00:00:00Z"
RECORDED_BY = "bench"
PATH = "bench"

# (Chinese, Hong Kong government romanization): the commonest surnames in Hong Kong.
SURNAMES = (
    ("陳", "Chan"), ("李", "Lee"), ("張", "Cheung"), ("黃", "Wong"), ("王", "Wong"),
    ("林", "Lam"), ("劉", "Lau"), ("吳", "Ng"), ("楊", "Yeung"), ("何", "Ho"),
    ("梁", "Leung"), ("鄭", "Cheng"), ("周", "Chow"), ("許", "Hui"), ("馬", "Ma"),
    ("羅", "Law"), ("郭", "Kwok"), ("謝", "Tse"), ("朱", "Chu"), ("曾", "Tsang"),
    ("蔡", "Choi"), ("鄧", "Tang"), ("葉", "Yip"), ("袁", "Yuen"), ("譚", "Tam"),
    ("麥", "Mak"), ("盧", "Lo"), ("蘇", "So"), ("莫", "Mok"), ("區", "Au"),
)  # fmt: skip
COMPOUND_SURNAMES = (("歐陽", "Au-yeung"), ("司徒", "Szeto"), ("上官", "Sheung-kwun"))
GIVEN = (
    ("大", "tai"), ("文", "man"), ("志", "chi"), ("明", "ming"), ("偉", "wai"),
    ("國", "kwok"), ("家", "ka"), ("俊", "chun"), ("傑", "kit"), ("美", "mei"),
    ("玲", "ling"), ("慧", "wai"), ("欣", "yan"), ("詠", "wing"), ("思", "sze"),
    ("子", "tsz"), ("浩", "ho"), ("健", "kin"), ("華", "wah"), ("強", "keung"),
    ("穎", "wing"), ("敏", "man"), ("樂", "lok"), ("晴", "ching"), ("澤", "chak"),
    ("鋒", "fung"), ("卓", "cheuk"), ("朗", "long"), ("軒", "hin"), ("詩", "sze"),
    ("雅", "nga"), ("婷", "ting"), ("君", "kwan"), ("寶", "po"), ("德", "tak"),
    ("達", "tat"), ("永", "wing"), ("錦", "kam"), ("耀", "yiu"), ("光", "kwong"),
    ("振", "chun"), ("漢", "hon"), ("輝", "fai"), ("麗", "lai"), ("芬", "fun"),
    ("珊", "shan"), ("琪", "kei"), ("瑩", "ying"), ("超", "chiu"), ("鴻", "hung"),
)  # fmt: skip
ENGLISH_NAMES = (
    "Peter", "Paul", "John", "Mary", "Agnes", "Joshua", "Nathan", "Emily", "Claudia",
    "Raymond", "Gary", "Alvin", "Eddie", "Winnie", "Carol", "Jimmy", "Martin", "Albert",
    "Margaret", "Jeremy", "Kenneth", "Ricky", "Tiffany", "Fergus", "Andrew", "Gordon",
    "Clarisse", "Kalvin", "Frankie", "Vincent", "Stephen", "Michelle", "Karen", "Ivan",
)  # fmt: skip
DISTRICTS = (
    ("Sha Tin", "沙田"), ("Kwun Tong", "觀塘"), ("Yuen Long", "元朗"), ("Tuen Mun", "屯門"),
    ("Wan Chai", "灣仔"), ("Sham Shui Po", "深水埗"), ("Tai Po", "大埔"), ("Sai Kung", "西貢"),
    ("Wong Tai Sin", "黃大仙"), ("Kwai Tsing", "葵青"), ("Tsuen Wan", "荃灣"),
    ("Eastern", "東區"), ("Southern", "南區"), ("Islands", "離島"), ("North", "北區"),
    ("Central and Western", "中西區"), ("Yau Tsim Mong", "油尖旺"), ("Kowloon City", "九龍城"),
)  # fmt: skip
OUTLETS = (
    ("Apple Daily", "蘋果日報"), ("Stand News", "立場新聞"), ("Citizen News", "眾新聞"),
    ("RTHK", "香港電台"), ("InMedia", "獨立媒體"),
)  # fmt: skip
UNIVERSITIES = (
    ("HKU", "香港大學"), ("CUHK", "香港中文大學"), ("PolyU", "香港理工大學"),
    ("HKUST", "香港科技大學"), ("Lingnan University", "嶺南大學"),
)  # fmt: skip
TRADES = (
    ("Nurses", "護士"), ("Teachers", "教師"), ("Journalists", "記者"),
    ("Social Workers", "社工"), ("Bus Drivers", "巴士司機"), ("Speech Therapists", "言語治療師"),
)  # fmt: skip
# Position templates: {d} a district, {o} an outlet, {u} a university (English, Chinese).
POSITIONS = (
    ("District councillor, {d}", "{d}區議員"), ("Journalist, {o}", "{o}記者"),
    ("Teacher, {d}", "{d}教師"), ("Barrister", "大律師"), ("Solicitor", "律師"),
    ("Nurse, {d}", "{d}護士"), ("Union organiser", "工會組織者"),
    ("Student union president, {u}", "{u}學生會會長"), ("Legislative councillor", "立法會議員"),
    ("Pastor, {d}", "{d}牧師"), ("Social worker, {d}", "{d}社工"),
)  # fmt: skip
# What happened to a person: ({date} in English, {zdate} in Chinese).
FATES = (
    ("Arrested on {date} under the National Security Law.", "{zdate}根據《國安法》被捕。"),
    ("Charged with conspiracy to commit subversion on {date}.", "{zdate}被控串謀顛覆國家政權罪。"),
    ("Remanded in custody since {date}.", "自{zdate}起還押候審。"),
    ("Released on bail on {date}.", "{zdate}獲准保釋。"),
    ("Left Hong Kong on {date}; a bounty was later offered for information.",
     "{zdate}離開香港，其後被懸紅通緝。"),
)  # fmt: skip
EVENTS = (
    ("{d} rally arrests", "{d}集會拘捕事件"), ("Police raid on {o}", "警方搜查{o}"),
    ("{d} candlelight vigil", "{d}燭光悼念活動"),
    ("Arrest of {k} activists in {d}", "{d}{k}名社運人士被捕"),
    ("Closure of {o}", "{o}停刊"), ("{u} student union dissolved", "{u}學生會解散"),
)  # fmt: skip
ORGANIZATIONS = (
    ("{d} Community Alliance", "{d}社區聯盟"), ("{d} Residents' Association", "{d}居民協會"),
    ("{u} Alumni Concern Group", "{u}校友關注組"), ("Hong Kong {t} Union", "香港{tz}工會"),
)  # fmt: skip
NATIONALITIES = ("hk", "hk", "hk", "hk", "cn", "gb", "ca", "au", "tw", "us")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's names: romanized, Chinese and the English given name, if any."""

    roman: str  # "Chan Tai-man"
    chinese: str  # "陳大文"
    surname: str  # "Chan"
    given_roman: str  # "Tai-man"
    given_chinese: str  # "大文"
    english: str | None  # "Peter"

    @property
    def full(self) -> str:
        """The name as the press writes it: "Peter Chan Tai-man"."""
        return f"{self.english} {self.roman}" if self.english else self.roman


def person_name(rng: random.Random) -> PersonName:
    """A random Hong Kong name with two to four Chinese characters."""
    roll = rng.random()
    if roll < 0.04:
        surname_zh, surname = rng.choice(COMPOUND_SURNAMES)
    elif roll < 0.08:  # a married woman's two surnames: 陳李美玲, "Chan Lee Mei-ling"
        (husband_zh, husband), (own_zh, own) = rng.sample(SURNAMES, 2)
        surname_zh, surname = husband_zh + own_zh, f"{husband} {own}"
    else:
        surname_zh, surname = rng.choice(SURNAMES)
    length = 1 if roll >= 0.08 and rng.random() < 0.1 else 2
    given = rng.sample(GIVEN, length)
    given_zh = "".join(g[0] for g in given)
    given_roman = "-".join(g[1] for g in given).capitalize()
    english = rng.choice(ENGLISH_NAMES) if rng.random() < 0.3 else None
    return PersonName(
        roman=f"{surname} {given_roman}",
        chinese=surname_zh + given_zh,
        surname=surname,
        given_roman=given_roman,
        given_chinese=given_zh,
        english=english,
    )


def random_date(rng: random.Random, first_year: int, last_year: int) -> str:
    """An ISO date between the two years (days up to 28, so every month has them)."""
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def chinese_date(iso: str) -> str:
    """`2021-01-06` as `2021年1月6日`."""
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def _fill(rng: random.Random, templates: tuple[str, str]) -> tuple[str, str]:
    """Fill a bilingual template's places with one district, outlet, university or trade."""
    district, outlet = rng.choice(DISTRICTS), rng.choice(OUTLETS)
    university, trade, count = rng.choice(UNIVERSITIES), rng.choice(TRADES), rng.randint(2, 60)
    english = templates[0].format(d=district[0], o=outlet[0], u=university[0], t=trade[0], k=count)
    chinese = templates[1].format(d=district[1], o=outlet[1], u=university[1], tz=trade[1], k=count)
    return english, chinese


def person_values(rng: random.Random) -> list[tuple[str, str, str | None]]:
    """A person's (property, value, language) triples, the English name first."""
    name = person_name(rng)
    values: list[tuple[str, str, str | None]] = [
        ("name", name.full, "eng"),
        ("name", name.chinese, "zho"),
    ]
    aliases = {name.roman.replace("-", " "), f"{name.surname.upper()} {name.given_roman}"}
    if name.english:
        aliases.add(f"{name.english} {name.surname}")
    aliases.discard(name.full)
    values.extend(("alias", alias, "eng") for alias in sorted(aliases))
    if rng.random() < 0.3:
        values.append(("alias", "阿" + name.given_chinese[-1], "zho"))
    born = random_date(rng, 1945, 2004)
    values.append(("birthDate", born, None))
    values.append(("nationality", rng.choice(NATIONALITIES), None))
    position, position_zh = _fill(rng, rng.choice(POSITIONS))
    values.append(("position", position, "eng"))
    values.append(("position", position_zh, "zho"))
    fate, fate_zh = rng.choice(FATES)
    when = random_date(rng, 2020, 2025)
    summary = f"{name.full} ({name.chinese}), born {born[:4]}, {position[0].lower()}{position[1:]}."
    values.append(("summary", f"{summary} {fate.format(date=when)}", "eng"))
    fate_zh = fate_zh.format(zdate=chinese_date(when))
    summary_zh = f"{name.chinese}，{born[:4]}年出生，{position_zh}。{fate_zh}"
    values.append(("summary", summary_zh, "zho"))
    return values


def event_values(rng: random.Random, persons: list[str]) -> list[tuple[str, str, str | None]]:
    """An event's triples: a bilingual name, a date, a place, a summary and who was involved."""
    name, name_zh = _fill(rng, rng.choice(EVENTS))
    when = random_date(rng, 2020, 2025)
    district, district_zh = rng.choice(DISTRICTS)
    values: list[tuple[str, str, str | None]] = [
        ("name", name, "eng"),
        ("name", name_zh, "zho"),
        ("date", when, None),
        ("location", f"{district}, Hong Kong", "eng"),
        ("summary", f"{name} on {when}, in {district}.", "eng"),
        ("summary", f"{chinese_date(when)}，{district_zh}：{name_zh}。", "zho"),
    ]
    for person in rng.sample(persons, min(len(persons), rng.randint(1, 3))):
        values.append(("involved", person, None))
    return values


def organization_values(rng: random.Random) -> list[tuple[str, str, str | None]]:
    """An organisation's triples: bilingual names, an abbreviation, a date and a summary."""
    name, name_zh = _fill(rng, rng.choice(ORGANIZATIONS))
    abbreviation = "".join(w[0] for w in name.split() if w[0].isupper())
    founded = random_date(rng, 1970, 2019)
    return [
        ("name", name, "eng"),
        ("name", name_zh, "zho"),
        ("abbreviation", abbreviation, "eng"),
        ("incorporationDate", founded, None),
        ("country", "hk", None),
        ("summary", f"{name}, founded {founded[:4]}; dissolved after 2021.", "eng"),
        ("summary", f"{name_zh}，成立於{founded[:4]}年，2021年後解散。", "zho"),
    ]


def source_values() -> list[tuple[str, str, str | None]]:
    """The one Article every synthetic fact cites (itself included)."""
    return [
        ("title", "Synthetic Hong Kong record for benchmarks", "eng"),
        ("publisher", "Lion Rock benchmarks", "eng"),
        ("publishedAt", "2026-11-28", None),
    ]


def _records(entity_id: str, schema: str, values: list[tuple[str, str, str | None]],
             line: int) -> list[Record]:  # fmt: skip
    return [
        Record(
            entity_id=entity_id,
            schema=schema,
            prop=prop,
            value=value,
            location=Location(PATH, line + offset, prop),
            source_id=SOURCE_ID,
            review="published",
            lang=lang,
            recorded_by=RECORDED_BY,
            recorded_at=RECORDED_AT,
        )
        for offset, (prop, value, lang) in enumerate(values)
    ]


def synthetic_records(statements: int, *, seed: int = 1) -> Iterator[Record]:
    """Exactly `statements` records: the source, then persons (about 90%), events and
    organisations, each entity's name first so that a cut-off last entity is still valid.

    Example: `sum(1 for _ in synthetic_records(1_000_000))` is 1,000,000.
    """
    source = _records(SOURCE_ID, "Article", source_values(), 1)
    if statements < len(source):
        raise ValueError(f"at least {len(source)} statements are needed for the source")
    rng = random.Random(seed)
    persons: list[str] = []
    emitted = 0
    index = 0
    batch = source
    while True:
        yield from batch[: statements - emitted]
        emitted += min(len(batch), statements - emitted)
        if emitted >= statements:
            return
        index += 1
        roll = rng.random()
        if roll < 0.05 and persons:
            entity_id, schema = f"bench-event-{index:07d}", "Event"
            batch = _records(entity_id, schema, event_values(rng, persons[-1000:]), emitted + 1)
        elif roll < 0.10:
            entity_id, schema = f"bench-org-{index:07d}", "Organization"
            batch = _records(entity_id, schema, organization_values(rng), emitted + 1)
        else:
            entity_id, schema = f"bench-person-{index:07d}", "Person"
            batch = _records(entity_id, schema, person_values(rng), emitted + 1)
            persons.append(entity_id)
