"""The one proof of work (`lionrock.pow`) that the intake form and the login share: its
gate, and the one script both apps serve."""

from __future__ import annotations

from lionrock.auth import login_pow
from lionrock.pow import SCRIPT, ProofOfWork, solve


def test_the_login_asks_its_bits_at_each_check_and_its_challenges_last_ten_minutes() -> None:
    gate = login_pow(wait=30)
    assert not gate.enabled  # no bits of its own: the account's LoginGate says how many
    challenge = gate.challenge(now=1000)
    # no nonce, and the page is not 30 s old
    assert not gate.passes(challenge, "", bits=12, now=1010)
    nonce = solve(challenge, 12)
    assert gate.passes(challenge, nonce, bits=12, now=1010)
    assert not gate.passes(challenge, nonce, bits=12, now=1011)  # each challenge once
    assert not gate.passes(gate.challenge(now=1000), "", bits=12, now=1601)  # expired
    fresh = gate.challenge()
    assert not login_pow().passes(fresh, solve(fresh, 8), bits=8)  # another process's key
    assert not gate.passes(fresh + "0" * 200, solve(fresh, 8), bits=8)  # too long: refused
    assert gate.passes(fresh, solve(fresh, 8), bits=8)


def test_a_challenge_expires_after_its_lifetime() -> None:
    gate = ProofOfWork(bits=8, wait=0, lifetime=600)
    challenge = gate.challenge(now=1000)
    nonce = solve(challenge, 8)
    try:
        gate.check(challenge, nonce, now=1601)
    except Exception as exc:
        assert "expired" in str(exc)
    else:
        raise AssertionError("an expired challenge was accepted")
    gate.check(challenge, nonce, now=1599)


def test_the_script_solves_what_the_gate_checks() -> None:
    # the browser's rule is the server's: SHA-256(challenge ":" nonce), leading zero bits
    script = SCRIPT.read_text(encoding="utf-8")
    assert 'encoder.encode(challenge + ":" + nonce)' in script
    assert "zeroBits(new Uint8Array(digest)) >= bits" in script
