"""The shortcuts taken before a regex (issue #14, speed) give what the regex gives."""

from __future__ import annotations

import pytest

from lionrock.sanctions.names import WG_ASPIRATE_MARKS, parse_name
from lionrock.sanctions.romanize import TONE_RE, split_syllables, without_tone


@pytest.mark.parametrize("mark", list(WG_ASPIRATE_MARKS))
def test_every_aspiration_mark_is_read(mark: str) -> None:
    # Ch'ing is one syllable whichever apostrophe writes it, as without one.
    assert parse_name(f"Chang Ch{mark}ing-kuo").tokens == ("chang", "ching-kuo")


@pytest.mark.parametrize("text", ["lei5", "lei", "ka7", "5", "", "ü", "wai-ming2", "a1\n"])
def test_without_tone_is_the_regex(text: str) -> None:
    assert without_tone(text) == TONE_RE.sub("", text)


def test_tone_numbers_still_split() -> None:
    assert split_syllables("lei5") == ("lei",)
    assert parse_name("lv").tokens == ("lv",)
    assert parse_name("Lv Xin").orders[0].texts == ("lu", "xin")
