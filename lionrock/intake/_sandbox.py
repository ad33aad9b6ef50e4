"""Cleaning untrusted files with mat2, in a sandbox (issue #15 §3).

Parsers of untrusted files have a long record of code-execution bugs (image, PDF and
office libraries alike), so mat2 never runs in the editor's own process:

- `bwrap` (bubblewrap): new user, PID, network, IPC, UTS and cgroup namespaces (no
  network at all), no capabilities, the system read-only, an empty /tmp, and one writable
  folder holding only a copy of the file;
- `unshare` (util-linux), where bubblewrap is missing: no network (a new network
  namespace), the rest of the system as it is;
- `none`, only when asked for: no isolation beyond the limits below.

Every mode runs under resource limits (address space, CPU seconds, file size, open files,
no core dumps) and a wall-clock timeout, after which the whole process group is killed.
`auto` picks the first mode that runs here and never falls back to `none`.

Example:
    sandbox = Sandbox(mode="auto")
    result = sandbox.clean(Path("photo.jpg"), Path("cleaned/photo.jpg"))
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lionrock.errors import LionRockError

WORKER = Path(__file__).with_name("_mat2_worker.py")
SYSTEM_PYTHON = "/usr/bin/python3"
MODES = ("auto", "bwrap", "unshare", "none")


class SandboxUnavailable(LionRockError):
    """No sandbox of the kind asked for can run on this machine."""


@dataclass
class CleanResult:
    """What cleaning one file did."""

    cleaned: Path | None
    mime: str = ""
    removed: dict[str, str] = field(default_factory=dict)
    left: dict[str, str] = field(default_factory=dict)  # what mat2 still sees afterwards
    error: str = ""
    sandbox: str = ""


def _flatten(meta: Any, prefix: str = "") -> dict[str, str]:
    """mat2's metadata (nested per archive member) as `member: key` -> value."""
    flat: dict[str, str] = {}
    if isinstance(meta, dict):
        for key, value in meta.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                flat.update(_flatten(value, f"{name}: "))
            else:
                flat[name] = str(value)[:500]
    return flat


def _root_binds() -> list[str]:
    """Bind /usr read-only and recreate /bin, /lib... as the host has them (links on
    merged-/usr systems, read-only binds elsewhere)."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("/etc/ld.so.cache", "/etc/mime.types", "/etc/fonts", "/etc/alternatives"):
        args += ["--ro-bind-try", name, name]
    return args


def _limits(memory: int, cpu: int, file_size: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


class Sandbox:
    """Runs commands, and mat2, isolated and bounded."""

    def __init__(
        self, *, mode: str = "auto", timeout: float = 120.0, memory: int = 2 << 30
    ) -> None:
        if mode not in MODES:
            raise SandboxUnavailable(f"unknown sandbox {mode!r} (one of {', '.join(MODES)})")
        self.timeout = timeout
        self.memory = memory
        self.mode = self._pick(mode)

    @staticmethod
    def _pick(mode: str) -> str:
        if mode == "none":
            return mode
        for candidate in ("bwrap", "unshare") if mode == "auto" else (mode,):
            if _works(candidate):
                return candidate
        raise SandboxUnavailable(
            f"no sandbox can run here ({'bubblewrap or unshare' if mode == 'auto' else mode}): "
            "install bubblewrap (Debian: apt-get install bubblewrap), or pass --sandbox none "
            "to clean files with no isolation on a machine you can afford to lose"
        )

    def command(
        self, argv: list[str], *, work: Path, binds: Sequence[tuple[Path, str]] = ()
    ) -> list[str]:
        """The full command line that runs `argv` in this sandbox, with `work` writable
        (seen as /work inside bubblewrap) and `binds` read-only."""
        if self.mode == "bwrap":
            args = [
                "bwrap",
                "--unshare-all",
                "--die-with-parent",
                "--new-session",
                "--cap-drop",
                "ALL",
                *_root_binds(),
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--tmpfs",
                "/tmp",
                "--bind",
                str(work),
                "/work",
            ]
            for host, inside in binds:
                args += ["--ro-bind", str(host), inside]
            return [
                *args,
                "--clearenv",
                "--setenv",
                "PATH",
                "/usr/bin:/bin",
                "--setenv",
                "HOME",
                "/tmp",
                "--setenv",
                "LANG",
                "C.UTF-8",
                "--chdir",
                "/work",
                *argv,
            ]
        if self.mode == "unshare":
            return ["unshare", "--net", "--map-root-user", "--", *argv]
        return list(argv)

    def run(
        self,
        argv: list[str],
        *,
        work: Path,
        binds: Sequence[tuple[Path, str]] = (),
        file_size: int = 1 << 30,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run a command in the sandbox with the limits and the timeout; raise
        `subprocess.TimeoutExpired` after killing its whole process group."""
        env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8"}
        process = subprocess.Popen(
            self.command(argv, work=work, binds=binds),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=work,
            env=env,
            start_new_session=True,
            preexec_fn=_limits(self.memory, int(self.timeout) + 5, file_size),
        )
        try:
            out, err = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def clean(self, original: Path, dest: Path) -> CleanResult:
        """Clean a copy of `original` with mat2 into `dest`; the original is never exposed
        writable. Failure is a result (`error`), never an exception: the original stays.

        Example: `Sandbox().clean(Path("originals/a.jpg"), Path("cleaned/a.jpg"))`.
        """
        suffix = re.sub(r"[^a-z0-9]", "", original.suffix.lower())[:10]
        ext = f".{suffix}" if suffix else ""
        with tempfile.TemporaryDirectory(prefix="lionrock-clean-") as tmp:
            work = Path(tmp)
            os.chmod(work, 0o700)
            shutil.copyfile(original, work / f"input{ext}")
            inside = Path("/work") if self.mode == "bwrap" else work
            worker = "/worker.py" if self.mode == "bwrap" else str(WORKER)
            argv = [
                SYSTEM_PYTHON,
                "-I",
                worker,
                str(inside / f"input{ext}"),
                str(inside / f"cleaned{ext}"),
            ]
            binds = [(WORKER, "/worker.py")] if self.mode == "bwrap" else []
            size_cap = max(4 * original.stat().st_size, 256 << 20)
            try:
                done = self.run(argv, work=work, binds=binds, file_size=size_cap)
            except subprocess.TimeoutExpired:
                return CleanResult(
                    None, error=f"mat2 timed out after {self.timeout:.0f} s", sandbox=self.mode
                )
            except OSError as exc:
                return CleanResult(None, error=f"mat2 could not start: {exc}", sandbox=self.mode)
            return self._result(done, work / f"cleaned{ext}", dest)

    def _result(
        self, done: subprocess.CompletedProcess[bytes], produced: Path, dest: Path
    ) -> CleanResult:
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            return CleanResult(
                None,
                error=f"mat2 failed (exit {done.returncode}): {tail[0][:300]}",
                sandbox=self.mode,
            )
        try:
            report = json.loads(done.stdout.decode("utf-8", "replace") or "{}")
        except ValueError:
            return CleanResult(None, error="mat2 gave no readable report", sandbox=self.mode)
        if report.get("error"):
            error = str(report["error"])
            if error == "unsupported":
                error = f"mat2 does not support this type ({report.get('mime') or 'unknown'})"
            return CleanResult(
                None, mime=str(report.get("mime") or ""), error=error, sandbox=self.mode
            )
        before, after = _flatten(report.get("before")), _flatten(report.get("after"))
        result = CleanResult(
            None,
            mime=str(report.get("mime") or ""),
            sandbox=self.mode,
            removed={k: v for k, v in before.items() if after.get(k) != v},
            left=after,
        )
        if not report.get("written") or not produced.is_file():
            result.error = "mat2 could not clean this file"
            return result
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, dest)
        result.cleaned = dest
        return result


@cache
def _works(mode: str) -> bool:
    """Whether this sandbox starts here (probed once per process)."""
    if shutil.which(mode) is None:
        return False
    probe = Sandbox.__new__(Sandbox)
    probe.mode, probe.timeout, probe.memory = mode, 20.0, 1 << 30
    with tempfile.TemporaryDirectory(prefix="lionrock-probe-") as tmp:
        try:
            done = probe.run(["/usr/bin/true"], work=Path(tmp))
        except (OSError, subprocess.SubprocessError):
            return False
    return done.returncode == 0
