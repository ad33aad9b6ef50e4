"""`lionrock match`: two names, or a file of pairs with precision, recall and F1."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lionrock.cli import main
from tests.conftest import write


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_two_names_print_score_judgement_and_explanation() -> None:
    code, out = invoke("match", "李家超", "Lee Ka-chiu")
    assert code == 0
    assert out.startswith("1.000  MATCH")
    assert "李=lee" in out
    code, out = invoke("match", "CHAN, Tai Man", "CHAN, Tai Wai", "--json")
    data = json.loads(out)
    assert data["match"] is False and data["score"] < 0.7
    assert data["left"] == "CHAN, Tai Man" and "man≠wai" in data["explanation"]


def test_pairs_file_writes_a_line_per_pair_and_metrics(tmp_path: Path) -> None:
    lines = [
        {"left": "LAM, Carrie", "right": "林鄭月娥", "judgement": "positive"},
        {
            "left": {"name": "LAM, Carrie", "birth_date": "1957-05-13"},
            "right": {"name": "林鄭月娥", "birth_date": "1957-05-13"},
            "judgement": "positive",
            "slice": "han-latin",
            "note": "unknown keys are ignored",
        },
        {"left": "CHAN, Tai Man", "right": "CHAN, Tai Wai", "judgement": "negative"},
        {"left": "鄧炳強", "right": "邓炳强"},
    ]
    path = write(tmp_path / "pairs.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    code, out = invoke("match", "--pairs", path)
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["match"] for r in rows[:4]] == [False, True, False, True]
    assert set(rows[0]) >= {"left", "right", "score", "match"}
    assert rows[1]["left"] == {"name": "LAM, Carrie", "birth_date": "1957-05-13"}
    # 3 judged: one true positive, one false negative, one true negative.
    assert rows[4]["metrics"] == {"pairs": 3, "precision": 1.0, "recall": 0.5, "f1": 0.6667}


def test_no_metrics_without_judgements(tmp_path: Path) -> None:
    path = write(tmp_path / "p.jsonl", json.dumps({"left": "a", "right": "b"}) + "\n")
    code, out = invoke("match", "--pairs", path)
    assert code == 0 and len(out.splitlines()) == 1 and "metrics" not in out


def test_bad_lines_name_the_line(tmp_path: Path) -> None:
    good = json.dumps({"left": "a", "right": "b"})
    for bad, expected in (
        ("{not json", "not valid JSON"),
        (json.dumps({"left": "a"}), "field 'right'"),
        (json.dumps(["a", "b"]), "expected an object"),
        (json.dumps({"left": "a", "right": "b", "judgement": "yes"}), "judgement must be"),
        (json.dumps({"left": {"birth_date": "1957"}, "right": "b"}), "field 'left'"),
    ):
        path = write(tmp_path / "bad.jsonl", f"{good}\n{bad}\n")
        code, out = invoke("match", "--pairs", path)
        assert code != 0
        assert f"{path}:2" in out and expected in out, out
        assert '"score"' not in out  # nothing is scored when a line is bad
        assert "Traceback" not in out


def test_usage_errors() -> None:
    code, out = invoke("match", "only one")
    assert code != 0 and "two names" in out
