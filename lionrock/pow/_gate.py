"""The proof of work asked of a form: the intake's submit, optionally, against floods
(issue #15 §5; GlobaLeaks does the same, off unless `LIONROCK_INTAKE_POW_BITS` is set),
and a login after failures (issue #18, `lionrock.auth.LoginGate`).

The form's action carries a challenge the server signed (an HMAC over a random value and
the second it was issued, with a key that lives only in the process). With JavaScript, the
browser finds a nonce such that SHA-256(challenge ":" nonce) starts with that many zero
bits and adds it to the action (`static/pow.js`); the server checks it before reading a
byte of the body. Without JavaScript (Tor Browser at "Safest"), the form still works:
then the challenge must be at least `wait` seconds old, so each try costs a flooder that
much wall time per challenge. Each challenge is good once, for `lifetime` seconds.
Nothing about the client is kept.

Tor's own onion-service proof of work (`HiddenServicePoWDefensesEnabled`, docs/intake.md)
protects the intake below the application, for JavaScript-free clients too.

Example:
    gate = ProofOfWork(bits=16, wait=30)
    challenge = gate.challenge()
    gate.check(challenge, solve(challenge, 16))  # raises PowRefused
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from pathlib import Path

from lionrock.errors import LionRockError

LIFETIME = 2 * 3600
#: The one script that solves challenges in the browser; the web app and the intake both
#: serve it as `/static/pow.js`.
SCRIPT = Path(__file__).with_name("static") / "pow.js"
#: A longer challenge is refused unread (a signed one is about 60 characters).
MAX_CHALLENGE = 128


class PowRefused(LionRockError):
    """The submission's challenge or nonce is missing, wrong, stale or already used."""


def leading_zero_bits(digest: bytes) -> int:
    """How many leading bits of `digest` are zero."""
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def solve(challenge: str, bits: int) -> str:
    """Find a nonce (what pow.js does in the browser; tests and scripts use this).

    Example: `solve(gate.challenge(), 12)`.
    """
    nonce = 0
    while True:
        digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
        if leading_zero_bits(digest) >= bits:
            return str(nonce)
        nonce += 1


class ProofOfWork:
    """Issues and checks challenges; holds only the spent ones, until they expire.

    `bits` is how many zero bits a nonce needs (0: off); a caller that asks more as
    failures grow (the login) passes `bits` to each check instead.
    """

    def __init__(self, *, bits: int = 0, wait: float = 30, lifetime: float = LIFETIME) -> None:
        self.bits = bits
        self.wait = wait
        self.lifetime = lifetime
        self._key = secrets.token_bytes(32)
        self._spent: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.bits > 0

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()[:32]

    def challenge(self, *, now: float | None = None) -> str:
        body = f"{int(now if now is not None else time.time())}.{secrets.token_hex(12)}"
        return f"{body}.{self._mac(body)}"

    def check(
        self, challenge: str, nonce: str, *, bits: int | None = None, now: float | None = None
    ) -> None:
        """Accept the challenge once, or raise `PowRefused`; with no bits asked, accept."""
        bits = self.bits if bits is None else bits
        if bits <= 0:
            return
        now = time.time() if now is None else now
        issued_text, _, rest = challenge.partition(".")
        _random, _, mac = rest.partition(".")
        if (
            len(challenge) > MAX_CHALLENGE
            or not issued_text.isdigit()
            or not hmac.compare_digest(mac, self._mac(f"{issued_text}.{_random}"))
        ):
            raise PowRefused("the form has expired: reload the page and send again")
        age = now - int(issued_text)
        if age < 0 or age > self.lifetime:
            raise PowRefused("the form has expired: reload the page and send again")
        if nonce:
            digest = hashlib.sha256(f"{challenge}:{nonce[:32]}".encode()).digest()
            if leading_zero_bits(digest) < bits:
                raise PowRefused("the proof of work is wrong: reload the page and send again")
        elif age < self.wait:
            raise PowRefused("sent too soon after the page loaded: wait a little and send again")
        with self._lock:
            for key in [k for k, t in self._spent.items() if now - t > self.lifetime]:
                del self._spent[key]
            if challenge in self._spent:
                raise PowRefused("this form was already sent: reload the page to send more")
            self._spent[challenge] = now

    def passes(
        self, challenge: str, nonce: str, *, bits: int | None = None, now: float | None = None
    ) -> bool:
        """`check`, as a yes or no.

        Example: `gate.passes(challenge, nonce, bits=16)`.
        """
        try:
            self.check(challenge, nonce, bits=bits, now=now)
        except PowRefused:
            return False
        return True
