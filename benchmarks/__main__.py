"""Run every benchmark in turn, each under a header: `python -m benchmarks [--quick] [name ...]`.

`--quick` shrinks the slow ones (fewer rounds, a smaller fleet and registry);
names pick a subset, in the order given.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback

# Every benchmark module, in the order they run, with its arguments for --quick.
BENCHMARKS: dict[str, tuple[str, ...]] = {
    "bench_trends": (),
    "bench_validators": (),
    "bench_emulator": (),
    "bench_sync": ("--quick",),
    "bench_read": ("--quick",),
    "bench_fleet": ("--quick",),
    "registry": ("--sheets", "1000"),
    "auth_verify": (),
    "bench_quota": ("--quick",),
}


def run(name: str, quick: bool) -> bool:
    """Run one benchmark's `main()` under a header; False when it raised."""
    module = importlib.import_module(f"benchmarks.{name}")
    summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
    print(f"\n=== {name}: {summary}", flush=True)
    args = BENCHMARKS[name] if quick else ()
    # The modules parse their own command line, as when run on their own.
    saved, sys.argv = sys.argv, [f"benchmarks.{name}", *args]
    began = time.perf_counter()
    try:
        module.main()
    except Exception:
        traceback.print_exc()
        return False
    finally:
        sys.argv = saved
        print(f"--- {name}: {time.perf_counter() - began:.1f} s", flush=True)
    return True


def main() -> None:
    """Parse the command line and run the chosen benchmarks; exit 1 if any failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes for a quick look")
    parser.add_argument("names", nargs="*", metavar="name", help=", ".join(BENCHMARKS))
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    names = args.names or list(BENCHMARKS)
    failed = [name for name in names if not run(name, args.quick)]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
