"""The proof of work the intake form and the login (after failures) ask of a browser:
one server-side gate and one script, `static/pow.js`, that both apps serve.

Example:
    from lionrock.pow import ProofOfWork, solve
    gate = ProofOfWork(bits=16, wait=30)
    challenge = gate.challenge()
    gate.check(challenge, solve(challenge, 16))
"""

from lionrock.pow._gate import SCRIPT, PowRefused, ProofOfWork, leading_zero_bits, solve

__all__ = ["SCRIPT", "PowRefused", "ProofOfWork", "leading_zero_bits", "solve"]
