"""Work on an executor in order, a few tasks ahead (xindu_plan/base/parallel.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from xindu_plan.base.parallel import chunks, in_order, slots


def _check(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n * 10


def test_results_come_in_order_and_tasks_are_read_only_a_few_ahead() -> None:
    read: list[int] = []

    def tasks():
        for n in range(100):
            read.append(n)
            yield n + 10

    with ThreadPoolExecutor(2) as pool:
        results = in_order(pool, _check, tasks(), ahead=4)
        assert [next(results) for _ in range(2)] == [100, 110]
        assert len(read) <= 6 < 100
        results.close()
        assert slots(pool) == 2


def test_the_first_failing_task_raises_and_the_rest_are_cancelled() -> None:
    with ThreadPoolExecutor(1) as pool, pytest.raises(ValueError, match="three"):
        list(in_order(pool, _check, range(10), ahead=3))


def test_chunks_number_their_first_item() -> None:
    assert list(chunks(range(5), 2, first=7)) == [([0, 1], 7), ([2, 3], 9), ([4], 11)]
    assert list(chunks([], 3)) == []
