"""The map benchmark asks both servers the same requests in turns, the one asked first alternating,
and leaves the first two rounds untimed."""

from __future__ import annotations

from bench.map_speed import latencies


class FakeClient:
    def __init__(self, name: str, log: list[tuple[str, str]]) -> None:
        self.name, self.log = name, log

    def request(self, path: str) -> tuple[int, bytes, float]:
        self.log.append((self.name, path))
        return 200, b"{}", 0.01


def test_servers_take_turns_and_the_first_two_rounds_are_not_timed() -> None:
    log: list[tuple[str, str]] = []
    clients = {"baseline": FakeClient("baseline", log), "current": FakeClient("current", log)}
    figures = latencies(clients, ["/a", "/b", "/c"], budget_s=60, min_requests=1)  # type: ignore[arg-type]
    assert [name for name, _ in log] == ["baseline", "current", "current", "baseline"] * 2 + \
        ["baseline", "current"]
    assert [path for _, path in log[4:]] == ["/a", "/a", "/b", "/b", "/c", "/c"]
    assert figures["baseline"]["requests"] == figures["current"]["requests"] == 3
    assert figures["current"]["p50_ms"] == 10.0 and figures["current"]["errors"] == 0
