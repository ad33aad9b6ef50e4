"""The UI languages and their gettext catalogs (`lionrock/locale/*/LC_MESSAGES/*.po`).

Catalogs are compiled in memory when first used, so a fresh checkout needs no build step
and the `.po` files stay the one source of truth.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import opencc
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


@dataclass(frozen=True, slots=True)
class UILanguage:
    """One language tree of the site.

    `code` is the folder (`/zh-hant/`), `tag` the BCP 47 tag for `lang` and `hreflang`,
    `catalog` the gettext locale, `prefer` the record languages (ISO 639-3) in order of
    preference, and `convert` an OpenCC config applied to the rendered page, if any.
    """

    code: str
    tag: str
    name: str
    catalog: str
    prefer: tuple[str, ...]
    convert: str | None = None
    plain: tuple[str, ...] = ()  # record languages shown without a fallback mark (names)

    @property
    def record_tags(self) -> dict[str, str]:
        """How record languages are tagged on this tree's pages."""
        zh = "zh-Hans" if self.convert == "t2s" else "zh-Hant"
        return {"eng": "en", "zho": zh, "jpn": "ja"}


LANGUAGES: tuple[UILanguage, ...] = (
    UILanguage("en", "en", "English", "en", ("eng",)),
    UILanguage("zh-hant", "zh-Hant", "繁體中文", "zh_Hant", ("zho", "eng")),
    # Japanese writes Chinese names in kanji, so a Chinese name needs no fallback mark.
    UILanguage("ja", "ja", "日本語", "ja", ("jpn", "zho", "eng"), plain=("jpn", "zho")),
    # Derived from the Traditional tree with OpenCC (issue #5, item 2).
    UILanguage("zh-hans", "zh-Hans", "简体中文", "zh_Hant", ("zho", "eng"), convert="t2s"),
)


def catalog_path(locale: str) -> Path:
    """Where the `.po` catalog of `locale` lives. Example: `catalog_path("ja")`."""
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog of `locale`. English's gives words to identifiers (enum
    values such as `serving_sentence`); its other strings are the source strings.

    Example: `translations("ja").gettext("Timeline")` returns `"年表"`.
    """
    path = catalog_path(locale)
    if not path.exists():
        return gettext.NullTranslations()
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalogs_fingerprint() -> bytes:
    """The bytes of every catalog, for builds that must notice a changed translation."""
    return b"".join(p.read_bytes() for p in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")))


@cache
def converter(config: str) -> Any:
    """The OpenCC converter of `config` (e.g. `t2s`), made once."""
    return opencc.OpenCC(config)


def convert_page(html: str, convert: Any) -> str:
    """Convert a page with OpenCC, leaving link targets that hold Han characters as they
    are (a converted URL would point elsewhere)."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = re.sub(r'(?:href|src)="[^"]*[^\x00-\x7f][^"]*"', keep, html)
    text = str(convert.convert(text))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def ui_language(code: str | None) -> UILanguage:
    """The UI language of a language tree's code (`en`, `zh-hant`, `ja`, `zh-hans`);
    English for anything else. Example: `ui_language("ja").tag` is `"ja"`."""
    for language in LANGUAGES:
        if language.code == (code or "").lower():
            return language
    return LANGUAGES[0]
