#!/usr/bin/env python3
"""What the HTTP library alone costs at 200 requests per second: build/bin/http_floor serves a fixed
2 KB answer on /api/v1/status and /metrics, once with Lectern's HttpServer (libmicrohttpd behind Lectern's
request and response types, as the kiosk configures it) and once with bare libmicrohttpd (one epoll
thread, one response made once), and the same two keep-alive clients as api_load.py load each
in turn (alternating, so both see the same machine). CPU is the whole process's, from the
scheduler's own count (/proc/PID/task/*/schedstat): the process does nothing else.

usage: bench/server/http_floor.py [--seconds 20] [--rounds 3] [--rate 200]
Needs a build (cmake --build build --target http_floor).
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

from api_load import run_clients, thread_cpu

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(os.environ.get('LECTERN_BUILD_DIR', os.path.join(TOP, 'build')), 'bin', 'http_floor')


def measure(kind, seconds, rate):
    proc = subprocess.Popen([BIN, kind], stdout=subprocess.PIPE, text=True)
    try:
        m = re.search(r'serving http://127\.0\.0\.1:(\d+)', proc.stdout.readline())
        if not m:
            sys.exit(f'http_floor {kind} did not start')
        port = int(m.group(1))
        before, t0 = sum(thread_cpu(proc.pid).values()), time.monotonic()
        latencies, errors = run_clients(port, rate, seconds)
        wall = time.monotonic() - t0
        cpu = (sum(thread_cpu(proc.pid).values()) - before) / wall * 100
        latencies.sort()
        p50 = latencies[len(latencies) // 2] * 1000 if latencies else float('nan')
        return len(latencies) / wall, len(errors), p50, cpu
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--seconds', type=float, default=20)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--rate', type=float, default=200)
    args = parser.parse_args()
    print(f'# {args.rate:.0f} requests/s, 2 KB answers, two keep-alive clients; windows of {args.seconds:.0f} s; '
          f'load average {os.getloadavg()[0]:.1f} at the start; {os.cpu_count()} cores')
    print('| round | server | served/s | errors | p50 ms | process % of a core |')
    print('| --- | --- | --- | --- | --- | --- |')
    for r in range(1, args.rounds + 1):
        for kind in ('lectern', 'microhttpd'):
            rate, errors, p50, cpu = measure(kind, args.seconds, args.rate)
            print(f'| {r} | {kind} | {rate:.0f} | {errors} | {p50:.2f} | {cpu:.2f} |', flush=True)
    print(f'# load average {os.getloadavg()[0]:.1f} at the end')
    print('# command: bench/server/http_floor.py ' + ' '.join(sys.argv[1:]))


if __name__ == '__main__':
    main()
