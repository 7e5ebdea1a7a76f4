"""How long one PIN guess costs: scrypt at the judge packages' default cost, and its neighbours.

Run ``python bench/package_kdf.py``. The design asks for at least 0.1 s per derivation on the
machine the app runs on; ``judging_app.exchange.package_keys.DEFAULT_COST`` notes the last
measurement (2**16, r = 8: 0.19 s on the development machine, where 2**15 took 0.095 s).
"""

from __future__ import annotations

import os
import platform
import statistics
import time

from judging_app.exchange.package_keys import DEFAULT_COST, KdfCost, derive_key

REPEATS = 5


def seconds(cost: KdfCost) -> float:
    times = []
    for _ in range(REPEATS):
        salt = os.urandom(16)
        start = time.perf_counter()
        derive_key("123456", salt, cost)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    for n in (DEFAULT_COST.n // 2, DEFAULT_COST.n, DEFAULT_COST.n * 2):
        cost = KdfCost(n, DEFAULT_COST.r, DEFAULT_COST.p)
        mark = "  <- default" if cost == DEFAULT_COST else ""
        memory = 128 * cost.r * cost.n // 2**20
        name = f"scrypt n=2**{n.bit_length() - 1} r={cost.r} ({memory} MiB)"
        print(f"{name}: {seconds(cost):.3f} s{mark}")


if __name__ == "__main__":
    main()
