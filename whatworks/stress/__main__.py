"""``python -m whatworks.stress`` (``make stress``): the hostile corpus, the kill test, the
concurrency test, the limits and the views; prints one table of figures and writes them to
``bench/stress.json``."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from whatworks.stress import run
from whatworks.stress.corpus import corpus
from whatworks.stress.limits import limit_findings


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m whatworks.stress", description=__doc__)
    parser.add_argument(
        "--scale",
        type=float,
        default=0.2,
        help="size of the giant files (1 = 50 MB line, 600 MB bomb)",
    )
    parser.add_argument("--workers", type=int, default=2, help="databases loaded in parallel")
    parser.add_argument("--kills", type=int, default=3, help="kill -9 runs")
    parser.add_argument("--kill-rows", type=int, default=1_000_000, help="rows of the killed file")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of two loads at once")
    parser.add_argument("--timeout", type=float, default=run.TIMEOUT_S, help="seconds per call")
    parser.add_argument("--out", type=Path, default=run.ROOT / "bench" / "stress.json")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser.parse_args()


def main() -> None:
    args = _args()
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="stress-"))
    figures: dict[str, Any] = {}
    try:
        cases = corpus(args.scale)
        print(f"corpus: {len(cases)} files; running validate and load on each ...", flush=True)
        outcomes, dbs, temps = run.run_cases(cases, root, args.workers, args.timeout, True)
        corpus_seconds = time.monotonic() - started
        print(f"  done in {corpus_seconds:.0f} s; views ...", flush=True)
        errors = run.view_errors(dbs, temps[0])
        left = [
            str(p) for db, temp in zip(dbs, temps, strict=True) for p in run.leftovers(db, temp)
        ]
        print("  limits ...", flush=True)
        limit_count, limit_problems = limit_findings()
        print(f"  two loads at once x {args.rounds} ...", flush=True)
        concurrent = run.concurrency_test(root, args.rounds)
        print(f"  kill -9 x {args.kills} during loads of {args.kill_rows:,} rows ...", flush=True)
        kills = run.kill_test(root, args.kills, args.kill_rows)
        figures = {
            "files": len(cases),
            "kinds": {
                k: sum(1 for c in cases if c.kind.value == k)
                for k in ("budget", "programmes", "outcomes", "indicators")
            },
            "groups": {
                g: sum(1 for c in cases if c.group == g) for g in sorted({c.group for c in cases})
            },
            "loaded": run.count(outcomes, load="loaded"),
            "rejected": run.count(outcomes, load="rejected"),
            "crashes": sum(1 for o in outcomes if "crash" in (o.validate, o.load)),
            "hangs": sum(1 for o in outcomes if "hang" in (o.validate, o.load)),
            "writes_on_reject": sum(o.writes_on_reject for o in outcomes),
            "unexpected": [f"{o.case}: {'; '.join(o.findings)}" for o in outcomes if o.findings],
            "kills_survived": f"{kills.survived}/{kills.runs}",
            "kill_load_seconds": round(kills.seconds_per_load, 1),
            "kills_completed_before_kill": kills.completed_before_kill,
            "load_after_kills": kills.load_after,
            "kill_findings": kills.findings,
            "concurrent_two_versions": f"{concurrent.two_versions}/{concurrent.rounds}",
            "concurrent_findings": concurrent.findings,
            "limits": f"{limit_count - len(limit_problems)}/{limit_count}",
            "limit_findings": limit_problems,
            "viewer_errors": len(errors),
            "viewer_error_list": errors,
            "leftovers_after_corpus": len(left),
            "leftovers_after_kills": len(kills.leftovers),
            "leftover_list": left + kills.leftovers,
            "seconds_corpus": round(corpus_seconds),
            "seconds_total": round(time.monotonic() - started),
            "scale": args.scale,
        }
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print_table(figures)
    print(f"figures written to {args.out}")


TABLE = (
    ("files in the corpus", "files"),
    ("loaded", "loaded"),
    ("rejected with a message", "rejected"),
    ("crashes", "crashes"),
    ("hangs", "hangs"),
    ("writes on reject", "writes_on_reject"),
    ("outcomes other than expected", "unexpected"),
    ("kills survived", "kills_survived"),
    ("two loads at once, two versions", "concurrent_two_versions"),
    ("limits, each with its message", "limits"),
    ("viewer errors", "viewer_errors"),
    ("leftovers after the corpus", "leftovers_after_corpus"),
    ("leftovers after the kills", "leftovers_after_kills"),
    ("seconds", "seconds_total"),
)


def print_table(figures: dict[str, Any]) -> None:
    print()
    print("| figure | value |")
    print("|---|---|")
    for label, key in TABLE:
        value = figures.get(key)
        shown = len(value) if isinstance(value, list) else value
        print(f"| {label} | {shown} |")
    for key in (
        "unexpected",
        "kill_findings",
        "concurrent_findings",
        "limit_findings",
        "viewer_error_list",
        "leftover_list",
    ):
        for line in figures.get(key, [])[:60]:
            print(f"  {key}: {line}")


if __name__ == "__main__":
    main()
