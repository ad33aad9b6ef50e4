"""The catalogs are complete, and the CLI command reports cleanly."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.render import LOCALE_DIR, catalog_path, translations
from scripts.extract_messages import model_messages, template_messages


def test_every_ui_message_is_translated() -> None:
    with open(LOCALE_DIR / "messages.pot", "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    assert template_messages() | model_messages() <= template, "run scripts/extract_messages.py"
    for locale in ("zh_Hant", "ja"):
        with open(catalog_path(locale), "rb") as fh:
            catalog = {m.id: m.string for m in read_po(fh, locale=locale) if m.id}
        missing = sorted(m for m in template if not catalog.get(m))
        assert missing == [], (locale, missing)
    assert translations("ja").gettext("Timeline") == "年表"
    assert translations("zh_Hant").gettext("remanded") == "還押"
    assert translations("en").gettext("serving_sentence") == "Serving sentence"


def test_publish_command(sqlite_env: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    out = tmp_path / "site"
    result = runner.invoke(main, ["publish", "-o", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    assert "pages" in result.output and (out / "en" / "index.html").is_file()
    bad = tmp_path / "mirrors.json"
    bad.write_text('[{"url": "javascript:alert(1)"}]')
    result = runner.invoke(main, ["publish", "-o", str(out), "--no-search", "--mirrors", str(bad)])
    assert result.exit_code == 1 and "mirror 1: field 'url'" in result.output
    assert "Traceback" not in result.output


def test_release_steps_need_the_release_module(
    sqlite_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lionrock.release", None)  # as if not installed
    runner = CliRunner()
    runner.invoke(main, ["init"])
    result = runner.invoke(main, ["publish", "-o", str(tmp_path / "s"), "--zim", "x.zim"])
    assert result.exit_code == 1 and "lionrock.release" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()  # refused before building anything


def test_release_steps_run_on_the_finished_build(
    sqlite_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, object]] = []
    fake = types.ModuleType("lionrock.release")

    def sign_site(site_dir: Path, *, secret_key: Path) -> Path:
        assert (site_dir / "manifest.json").is_file()  # signing needs the manifest
        calls.append(("sign", secret_key))
        (site_dir / "manifest.json.minisig").write_text("sig")
        return site_dir / "manifest.json.minisig"

    def build_zim(site_dir: Path, out: Path, *, title: str, languages: list[str]) -> None:
        assert (site_dir / "manifest.json.minisig").is_file()  # packs the signed site
        calls.append(("zim", (out, title, tuple(languages))))

    def build_car(site_dir: Path, out: Path) -> str:
        calls.append(("car", out))
        return "bafyTESTROOT"

    fake.sign_site, fake.build_zim, fake.build_car = sign_site, build_zim, build_car  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lionrock.release", fake)
    key = tmp_path / "k.key"
    key.write_text("secret")
    runner = CliRunner()
    runner.invoke(main, ["init"])
    out = tmp_path / "site"
    args = ["publish", "-o", str(out), "--no-search", "--zim", "s.zim", "--car", "s.car",
            "--sign-key", str(key)]  # fmt: skip
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [c[0] for c in calls] == ["sign", "zim", "car"]
    assert calls[1][1] == (Path("s.zim"), "Lion Rock 獅子山", ("en", "zh-Hant", "ja", "zh-Hans"))
    assert "root CID: bafyTESTROOT" in result.output
    assert (out / "manifest.json.minisig").is_file()
