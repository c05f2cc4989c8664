"""``xentproof daemon``: a check handed over to it gives the same output and exit code as
one run here, the daemon answers only this user's private folder, and a malformed or
foreign request leaves it serving."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from xentproof.daemon_link import (
    DIR_ENV,
    HEADER,
    OFF_ENV,
    ask,
    delegate,
    identity,
    runtime_dir,
    send_request,
    socket_path,
)

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets only"),
]

PROVED = 'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["x + x", "= 2*x"]\n'
WRONG = 'title = "t"\n[symbols]\nx = "real"\n[[chain]]\nname = "c"\nsteps = ["x + x", "= 3*x"]\n'


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != OFF_ENV}
    env[DIR_ENV] = str(folder)
    env["NO_COLOR"] = "1"
    return env


def _xentproof(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m xentproof ARGS`` (interpreter options first: ``-X importtime check …``)."""
    options: list[str] = []
    while args and args[0].startswith("-X"):
        options, args = [*options, *args[:2]], args[2:]
    return subprocess.run(
        [sys.executable, *options, "-m", "xentproof", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("daemon")
    os.chmod(folder, 0o700)
    env = _env(folder)
    started = _xentproof(env, folder, "daemon", "start", "--idle", "300")
    assert started.returncode == 0, started.stderr
    try:
        yield folder
    finally:
        _xentproof(env, folder, "daemon", "stop")


def _status(folder: Path, count: str) -> int:
    """A count the daemon's status gives: commands ``served``, commands ``running``."""
    reply = ask(socket_path(folder, identity()), {"op": "status"})
    assert reply is not None
    found = reply[count]
    assert isinstance(found, int)
    return found


def _served(folder: Path) -> int:
    return _status(folder, "served")


def _running(folder: Path) -> int:
    return _status(folder, "running")


@pytest.mark.parametrize("text, code", [(PROVED, 0), (WRONG, 1)])
def test_a_check_handed_over_says_what_a_check_here_says(
    daemon: Path, tmp_path: Path, text: str, code: int
) -> None:
    (tmp_path / "d.toml").write_text(text, encoding="utf-8")
    env = _env(daemon)
    before = _served(daemon)
    there = _xentproof(env, tmp_path, "check", "--no-cache", "-v", "d.toml")
    assert _served(daemon) == before + 1  # the daemon ran it
    here = _xentproof(env, tmp_path, "check", "--no-cache", "-v", "--no-daemon", "d.toml")
    assert _served(daemon) == before + 1  # --no-daemon: not handed over
    assert (there.returncode, here.returncode) == (code, code)
    assert _untimed(there.stdout) == _untimed(here.stdout)


def _untimed(output: str) -> list[str]:
    """The report without what the clock decides (the run's time, the budget used)."""
    return [line for line in output.splitlines() if " s" not in line]


def test_the_script_hands_a_check_over_before_it_imports_the_command_line(
    daemon: Path, tmp_path: Path
) -> None:
    (tmp_path / "d.toml").write_text(WRONG, encoding="utf-8")
    env = _env(daemon)
    before = _served(daemon)
    there = _xentproof(env, tmp_path, "-X", "importtime", "check", "--no-cache", "-q", "d.toml")
    assert _served(daemon) == before + 1
    assert there.returncode == 1 and "REFUTED" in there.stdout
    imported = [line.split("|")[-1].strip() for line in there.stderr.splitlines()]
    assert "xentproof.daemon_link" in imported and "xentproof.cli_parser" not in imported
    # an abbreviation of --no-daemon is read by the parser, and keeps the check here
    here = _xentproof(env, tmp_path, "check", "--no-cache", "-q", "--no-d", "d.toml")
    assert _served(daemon) == before + 1
    assert here.returncode == 1 and _untimed(here.stdout) == _untimed(there.stdout)
    # a usage error handed over is the parser's, as here
    wrong = _xentproof(env, tmp_path, "check", "--no-such-flag", "d.toml")
    assert _served(daemon) == before + 2
    assert wrong.returncode == 2 and "--no-such-flag" in wrong.stderr


def test_the_environment_switch_keeps_the_check_here(daemon: Path, tmp_path: Path) -> None:
    (tmp_path / "d.toml").write_text(PROVED, encoding="utf-8")
    env = dict(_env(daemon), **{OFF_ENV: "1"})
    before = _served(daemon)
    done = _xentproof(env, tmp_path, "check", "--no-cache", "d.toml")
    assert done.returncode == 0, done.stderr
    assert _served(daemon) == before


def test_standard_input_reaches_the_daemon(daemon: Path, tmp_path: Path) -> None:
    before = _served(daemon)
    done = subprocess.run(
        [sys.executable, "-m", "xentproof", "check", "--no-cache", "-"],
        input=WRONG,
        cwd=tmp_path,
        env=_env(daemon),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert _served(daemon) == before + 1
    assert done.returncode == 1, done.stderr


def _wait_until(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_caller_that_goes_away_takes_its_check_with_it(daemon: Path, tmp_path: Path) -> None:
    # `check -` waits for standard input, which this test holds open: the check runs until
    # its caller is ended, and must end with it.
    caller = subprocess.Popen(
        [sys.executable, "-m", "xentproof", "check", "--no-cache", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=_env(daemon),
    )
    try:
        assert _wait_until(lambda: _running(daemon) == 1)
        caller.terminate()
        caller.wait(timeout=60)
        assert _wait_until(lambda: _running(daemon) == 0, 30.0)
    finally:
        assert caller.stdin is not None
        caller.stdin.close()
        if caller.poll() is None:
            caller.kill()


def test_a_command_other_than_check_is_refused(daemon: Path, tmp_path: Path) -> None:
    link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    link.connect(str(socket_path(daemon, identity())))
    with open(os.devnull, "rb") as null:
        fd = null.fileno()
        send_request(link, {"op": "run", "argv": ["cache", "clear"], "cwd": "/"}, [fd, fd, fd])
    reply = link.recv(1 << 16)
    link.close()
    assert b"refused" in reply and b"exit" not in reply


def test_garbage_leaves_the_daemon_serving(daemon: Path) -> None:
    path = socket_path(daemon, identity())
    for junk in (b"", b"\x00\x00", HEADER.pack(1 << 30), HEADER.pack(3) + b"[1]", b"x" * 100):
        link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        link.connect(str(path))
        link.sendall(junk)
        link.close()
    assert ask(path, {"op": "status"}) is not None


def test_a_folder_others_may_enter_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv(DIR_ENV, str(folder))
    monkeypatch.delenv(OFF_ENV, raising=False)
    assert runtime_dir() is None
    assert delegate(["check"]) is None
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    monkeypatch.setenv(DIR_ENV, str(link))
    assert runtime_dir() is None


def test_no_daemon_means_the_check_runs_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(tmp_path, 0o700)
    monkeypatch.setenv(DIR_ENV, str(tmp_path))
    monkeypatch.delenv(OFF_ENV, raising=False)
    assert delegate(["check"]) is None


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="pidfd_open (Linux) only")
def test_a_child_that_ends_wakes_the_serving_loop(tmp_path: Path) -> None:
    """The loop waits on each child's end, not only on a poll: a child that ended makes its
    selector ready (with a pidfd; without it the caller waited for the next poll)."""
    import selectors

    from xentproof.daemon_serve import Daemon, Ended

    served = Daemon(tmp_path, idle=1.0)
    served.selector = selectors.DefaultSelector()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        served._watch_end(pid)
        ready = served.selector.select(timeout=60)
        assert [key.data for key, _ in ready] == [Ended(pid)]
    finally:
        os.waitpid(pid, 0)
        for fd in served.ends.values():
            os.close(fd)


def test_the_warm_up_reads_and_proves_what_it_decides() -> None:
    """The daemon's warm-up decides relations of each common kind so that its children
    inherit what they load; it lacked a title and read nothing, silently."""
    from xentproof.daemon_serve import warm_up
    from xentproof.result import Verdict

    report = warm_up()
    assert report.errors == ()
    verdicts = [r.verdict for d in report.derivations for c in d.chains for r in c.relations]
    assert len(verdicts) == 6 and set(verdicts) == {Verdict.PROVED}
