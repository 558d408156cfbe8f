#!/usr/bin/env python3
"""What the status API and metrics cost a recorder: 200 requests per second (100 on /api/v1/status,
100 on /metrics, keep-alive clients as a dashboard and Prometheus would use) beside a running
recording, against the same recording left alone, in alternating windows of one run.

Measures, per window: CPU seconds of the server's threads (lectern-http, libmicrohttpd's pool, from
/proc/PID/task/*/stat) and of the whole process, frames the recorder dropped, and request latency.
Prints the figures and the command that reproduces them.

usage: bench/server/api_load.py [--seconds 20] [--rounds 2] [--rate 200] [--size 1280x720] [--fps 25]
Needs a build (cmake --build build --target lectern).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(os.environ.get('LECTERN_BUILD_DIR', os.path.join(TOP, 'build')), 'bin', 'lectern')


def thread_cpu(pid):
    """{thread name: CPU seconds} summed over threads of the same name. From schedstat (the
    scheduler's nanoseconds on a CPU), not utime/stime: those are sampled at the clock tick, which
    misjudges threads that run often for a few microseconds, as the web server's do."""
    cpu = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/comm') as f:
                name = f.read().strip()
            with open(f'/proc/{pid}/task/{tid}/schedstat') as f:
                ns = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
        cpu[name] = cpu.get(name, 0) + ns / 1e9
    return cpu


def server_cpu(cpu):
    # libmicrohttpd's pool threads are "MHD-worker" until their first connection names them lectern-http.
    return sum(v for k, v in cpu.items() if k.startswith(('lectern-web', 'lectern-http', 'MHD-')))


def get(conn, path):
    conn.request('GET', path)
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200:
        raise RuntimeError(f'{path}: HTTP {answer.status}')
    return body


def load(port, path, rate, seconds, latencies, errors):
    """`rate` requests a second on `path`, paced to the schedule (no catching up in bursts)."""
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
    start = time.monotonic()
    for i in range(int(rate * seconds)):
        due = start + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t0 = time.monotonic()
        try:
            get(conn, path)
            latencies.append(time.monotonic() - t0)
        except (OSError, RuntimeError, http.client.HTTPException):
            errors.append(path)
            conn.close()
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)


def run_clients(port, rate, seconds):
    """Two keep-alive clients, `rate`/2 requests a second each on /api/v1/status and /metrics, as a
    dashboard and Prometheus would poll; returns (latencies in seconds, failed paths)."""
    latencies, errors = [], []
    threads = [threading.Thread(target=load, args=(port, path, rate / 2, seconds, latencies, errors))
               for path in ('/api/v1/status', '/metrics')]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def status(port):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
    return json.loads(get(conn, '/api/v1/status'))


def window(pid, port, seconds, rate):
    latencies, errors = [], []
    before_cpu, before = thread_cpu(pid), status(port)['recording']['dropped_frames']
    t0 = time.monotonic()
    if rate:
        latencies, errors = run_clients(port, rate, seconds)
    else:
        time.sleep(seconds)
    wall = time.monotonic() - t0
    after_cpu, after = thread_cpu(pid), status(port)['recording']['dropped_frames']
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float('nan')
    return {
        'wall': wall,
        'server': (server_cpu(after_cpu) - server_cpu(before_cpu)) / wall * 100,
        'process': (sum(after_cpu.values()) - sum(before_cpu.values())) / wall * 100,
        'dropped': after - before,
        'requests': len(latencies), 'rate': len(latencies) / wall, 'errors': len(errors), 'p50': pct(0.5), 'p99': pct(0.99),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--seconds', type=float, default=20)
    parser.add_argument('--rounds', type=int, default=2)
    parser.add_argument('--rate', type=float, default=200)
    parser.add_argument('--size', default='1280x720')
    parser.add_argument('--fps', type=int, default=25)
    args = parser.parse_args()
    width, height = args.size.split('x')
    work = tempfile.mkdtemp(prefix='lectern-api-bench-')
    with open(os.path.join(work, 'room.toml'), 'w') as f:
        f.write(f'[kiosk]\nid = "bench"\n[web]\nlisten = "127.0.0.1:0"\n'
                f'[media]\nwidth = {width}\nheight = {height}\nfps = {args.fps}\noutput_dir = "{work}/rec"\n'
                f'[upload]\nqueue_db = "{work}/uploads.db"\n[[upload.targets]]\nname = "archive"\nkind = "folder"\npath = "{work}/archive"\n')
    out = open(os.path.join(work, 'out.txt'), 'w+')
    proc = subprocess.Popen([BIN, 'run', '--headless', '--config', os.path.join(work, 'room.toml')],
                            stdout=out, stderr=subprocess.DEVNULL)
    try:
        port = 0
        for _ in range(300):
            out.seek(0)
            m = re.search(r'serving http://127\.0\.0\.1:(\d+)', out.read())
            if m:
                port = int(m.group(1))
                break
            time.sleep(0.1)
        if not port:
            sys.exit('the recorder did not start; see ' + work)
        for _ in range(600):  # the demo agenda has an item on now: it records at once
            if status(port)['state'] == 'recording':
                break
            time.sleep(0.1)
        time.sleep(3)  # past the first seconds of the file
        print(f'# {args.size} {args.fps} fps recording; {args.rate:.0f} requests/s; windows of {args.seconds:.0f} s; '
              f'load average {os.getloadavg()[0]:.1f} at the start; {os.cpu_count()} cores')
        print('| round | load asked | served/s | errors | p50 ms | p99 ms | server threads % of a core | process % of a core | dropped frames |')
        print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
        for r in range(1, args.rounds + 1):
            for rate in (0, args.rate):
                w = window(proc.pid, port, args.seconds, rate)
                print(f"| {r} | {'%.0f/s' % rate if rate else 'none'} | {w['rate']:.0f} | {w['errors']} | "
                      f"{w['p50']:.2f} | {w['p99']:.2f} | {w['server']:.2f} | {w['process']:.1f} | {w['dropped']} |", flush=True)
        print(f'# load average {os.getloadavg()[0]:.1f} at the end')
        print('# command: bench/server/api_load.py ' + ' '.join(sys.argv[1:]))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
