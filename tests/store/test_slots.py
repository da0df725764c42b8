"""Places shared by the processes of one server: the cap holds across processes, a place comes
back when its holder ends it or dies, and those turned away learn when one frees up."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from graph.store.slots import Places, client_places

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from graph.store.slots import Places
    places = Places(Path(sys.argv[1]), "slow-requests", int(sys.argv[2]))
    held = [places.take(time.monotonic() + 30) for _ in range(int(sys.argv[3]))]
    print(sum(place is not None for place in held), flush=True)
    sys.stdin.read()  # held until told to end, or killed
""")


def holder(folder: Path, size: int, taking: int) -> tuple[subprocess.Popen, int]:
    """Another process that takes `taking` places of `size`; how many it got."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), str(size), str(taking)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[2])
    return process, int(process.stdout.readline())


def end(process: subprocess.Popen) -> None:
    """Killed, as a crash would end it."""
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdin.close()
    process.stdout.close()


def test_the_cap_holds_across_processes_and_a_dead_holder_frees_its_places(tmp_path: Path) -> None:
    other, got = holder(tmp_path, 3, 2)
    try:
        assert got == 2
        places = Places(tmp_path, "slow-requests", 3)
        mine = places.take(time.monotonic() + 5)
        assert mine is not None and places.take(time.monotonic() + 5) is None  # 3 in all, 2 of them there
        third, got_there = holder(tmp_path, 3, 1)
        end(third)
        assert got_there == 0
        # those turned away learn the soonest end: mine, in 5 s, before the other's 30 s
        assert places.soonest_end(0.0) - time.monotonic() < 6
        end(other)  # a process that dies holding places: the kernel frees them
        again = [places.take(time.monotonic() + 5) for _ in range(3)]
        assert sum(place is not None for place in again) == 2
        for place in again:
            if place is not None:
                place.release()
        mine.release()
        mine.release()  # once only
        assert places.take(time.monotonic() + 5) is not None
    finally:
        end(other)


def test_a_clients_places_are_its_own(tmp_path: Path) -> None:
    one = client_places(tmp_path, "long-queries", "192.0.2.1", 1)
    assert one.take(time.monotonic() + 5) is not None
    assert client_places(tmp_path, "long-queries", "192.0.2.1", 1).take(time.monotonic() + 5) is None
    assert client_places(tmp_path, "long-queries", "192.0.2.2", 1).take(time.monotonic() + 5) is not None
