#!/usr/bin/env python3
"""Benchmark of a full conformance run (not a timed test): builds the runner in Release, runs the whole catalog
against the embedded reference server (a) as is and (b) with an injected latency on every request, and prints wall
time, HTTP exchanges, exchanges per second, requests per check and peak memory, plus, for (b), the floor
exchanges x latency / concurrency and the ratio of the measured time to it.

Usage: python3 bench/benchmark.py [--latency-ms 50] [--concurrency 8] [--runs 3]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "runner", "bin", "Release", "net10.0", "scim-conformance.dll")


def build():
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "runner"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)


def run_once(extra, concurrency):
    """One run in its own process: wall seconds, peak RSS in MB, and the result document."""
    out = tempfile.mkdtemp(prefix="scim-bench-")
    try:
        args = ["dotnet", DLL, "run", "--out", out, "--concurrency", str(concurrency), *extra]
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"the run exited {code}: {process.stderr.read().decode(errors='replace')}")
        with open(os.path.join(out, "result.json"), encoding="utf-8") as f:
            document = json.load(f)
        return wall, usage.ru_maxrss / 1024, document
    finally:
        shutil.rmtree(out, ignore_errors=True)


def figures(label, runs, concurrency, latency_ms=None):
    walls = sorted(r[0] for r in runs)
    wall = statistics.median(walls)
    peak = max(r[1] for r in runs)
    document = runs[0][2]
    checks = [c for c in document["checks"] if c["outcome"] not in ("Skipped",)]
    # Distinct exchanges: the shared discovery exchanges appear as evidence in several checks but were sent once.
    exchanges = len({(e["startedAt"], e["method"], e["url"]) for c in document["checks"] for e in c.get("exchanges", [])})
    print(f"\n({label})")
    print(f"  wall time            {wall:8.2f} s   (median of {len(runs)}; all: {', '.join(f'{w:.2f}' for w in walls)})")
    print(f"  checks run           {len(checks):8d}")
    print(f"  HTTP exchanges       {exchanges:8d}")
    print(f"  exchanges per second {exchanges / wall:8.1f}")
    print(f"  requests per check   {exchanges / max(1, len(checks)):8.2f}")
    print(f"  peak memory          {peak:8.1f} MB (resident, runner process with the embedded server)")
    if latency_ms:
        floor = exchanges * latency_ms / 1000 / concurrency
        print(f"  floor                {floor:8.2f} s   (exchanges x {latency_ms} ms / concurrency {concurrency})")
        print(f"  ratio to the floor   {wall / floor:8.2f}")
    return wall, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    build()
    print(f"scim-conformance benchmark on {os.cpu_count()} cores")
    plain = [run_once([], options.concurrency) for _ in range(options.runs)]
    figures("a: embedded reference server", plain, options.concurrency)
    slow = [run_once(["--latency-ms", str(options.latency_ms)], options.concurrency) for _ in range(options.runs)]
    figures(f"b: embedded reference server, {options.latency_ms} ms latency per request", slow, options.concurrency,
            options.latency_ms)


if __name__ == "__main__":
    main()
