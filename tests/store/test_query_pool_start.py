"""A pool's first workers are started together; when one cannot open the store, the pool does not
start and none of them is left running."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from graph.store.query_pool import EngineFailure, QueryPool


class WatchedPool(QueryPool):
    discarded: ClassVar[list] = []

    def _discard(self, worker, *, wait: bool = False) -> None:  # type: ignore[no-untyped-def]
        WatchedPool.discarded.append(worker)
        super()._discard(worker, wait=True)


def test_a_pool_over_an_unreadable_store_leaves_no_worker_running(tmp_path: Path) -> None:
    with pytest.raises(EngineFailure, match="could not start"):
        WatchedPool(str(tmp_path / "no-store"), size=2, places_dir=tmp_path / "slots")
    assert len({id(worker) for worker in WatchedPool.discarded}) == 2
    assert all(not worker.process.is_alive() for worker in WatchedPool.discarded)
