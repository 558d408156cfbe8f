#!/usr/bin/python3
"""Where the time goes between an RTSP camera's picture, a PulseAudio microphone and the recording.

Starts the media tests' fixtures (tests/servers/pulse_tone.sh with its pipe source "microphone",
tests/servers/rtsp_camera.py --sync-microphone --timing: one clock makes the flashes and the beeps
and writes down when each flash left the RTP payloader and when each beep went into the microphone),
records SECONDS with `lectern record` under strace (the recvfrom calls only, filtered in the kernel
with seccomp, so the recorder's other calls are not slowed), and reports medians over the flashes:

  sent      beep written - flash left the payloader (what the room did)
  sending   flash's first RTP packet read by the recorder - flash left the payloader (the camera's
            RTSP server and the network: not visible to the recorder; a real camera adds its encoding)
  seen      beep written - flash read by the recorder = sent - sending (what reached the recorder)
  recorded  sound - picture in the file (bench/media's lectern_av_sync)
  error     recorded - seen: the recorder's own error (FFmpeg's parser, the arrival estimate, Pulse's
            stamps, the encode thread's placing); recorded - sent is the whole error

usage: bench/media/rtsp_pulse_timing.py [--build build] [--seconds 15] [--size 320x240] [--out DIR]
"""
import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start(argv, ready, log):
    """A fixture in its own process group, once its output holds `ready`."""
    out = open(log, "w+")
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        out.seek(0)
        text = out.read()
        if ready in text:
            return p, text
        if p.poll() is not None:
            break
        time.sleep(0.1)
    sys.exit(f"{argv[1]} did not get ready; its log: {log}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LINE = re.compile(r'^(\d+)\s+([\d.]+) (?:recvfrom\((\d+), "(.*?)"(?:\.\.\.)?, .*\) = (-?\d+)|(recvfrom\(\d+, <unfinished \.\.\.>)|'
                  r'<\.\.\. recvfrom resumed>"(.*?)"(?:\.\.\.)?, .*\) = (-?\d+))(?: .*)? <([\d.]+)>$')
UNFINISHED = re.compile(r'^(\d+)\s+([\d.]+) recvfrom\((\d+), <unfinished \.\.\.>')


def reads(trace):
    """(fd, return time, bytes) of every recvfrom that returned data, in the order they returned."""
    pending = {}  # pid -> (fd, start)
    out = []
    for line in open(trace):
        line = line.rstrip("\n")
        m = UNFINISHED.match(line)
        if m:
            pending[m.group(1)] = (int(m.group(3)), float(m.group(2)))
            continue
        m = LINE.match(line)
        if not m:
            continue
        pid, at = m.group(1), float(m.group(2))
        duration = float(m.group(9))
        if m.group(3) is not None:
            fd, data, n, start_at = int(m.group(3)), m.group(4), int(m.group(5)), at
        elif m.group(7) is not None and pid in pending:
            (fd, start_at), data, n = pending.pop(pid), m.group(7), int(m.group(8))
        else:
            continue
        if n > 0:
            out.append((fd, start_at + duration, bytes.fromhex(data.replace("\\x", ""))[:n]))
    out.sort(key=lambda r: r[1])
    return out


def rtp_arrivals(trace):
    """RTP sequence number -> when the read that brought its '$' returned, on the RTSP connection."""
    streams = {}
    for fd, at, data in reads(trace):
        buf, times = streams.setdefault(fd, (bytearray(), []))
        times.append((len(buf), at))
        buf.extend(data)
    arrivals = {}
    for buf, times in streams.values():
        if not buf.startswith(b"RTSP/1.0"):
            continue
        starts = [t[0] for t in times]
        i = 0
        while i + 4 <= len(buf):
            if buf[i] == 0x24:
                length = int.from_bytes(buf[i + 2:i + 4], "big")
                if buf[i + 1] == 0 and i + 8 <= len(buf):
                    # The chunk holding byte i: the last read that started at or before it.
                    k = next(j for j in range(len(starts) - 1, -1, -1) if starts[j] <= i)
                    arrivals[int.from_bytes(buf[i + 6:i + 8], "big")] = times[k][1]
                i += 4 + length
            else:
                end = buf.find(b"\r\n\r\n", i)
                if end < 0:
                    break
                head = buf[i:end].decode("latin-1")
                m = re.search(r"Content-Length:\s*(\d+)", head, re.I)
                i = end + 4 + (int(m.group(1)) if m else 0)
    return arrivals


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(SOURCE, "build"))
    p.add_argument("--seconds", type=int, default=15)
    p.add_argument("--size", default="320x240")
    p.add_argument("--out")
    a = p.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="rtsp-pulse-timing-")
    os.makedirs(out + "/pulse", exist_ok=True)
    width, height = a.size.split("x")
    servers = os.path.join(SOURCE, "tests", "servers")
    load_before = os.getloadavg()
    pulse, _ = start(["sh", servers + "/pulse_tone.sh", out + "/pulse", "0"], "ready", out + "/pulse.log")
    camera, _ = start(["/usr/bin/python3", servers + "/rtsp_camera.py", "--port", str(free_port()), "--size", a.size,
                       "--sync-microphone", out + "/pulse/microphone.fifo", "--timing", out + "/timing.txt"],
                      "rtsp://", out + "/camera.log")
    try:
        url = open(out + "/camera.log").read().split()[0]
        with open(out + "/rp.toml", "w") as f:
            f.write(f'[media]\nsource = "rtsp"\nurl = "{url}"\naudio_source = "pulse"\naudio_device = "microphone"\n'
                    f'width = {width}\nheight = {height}\noutput_dir = "{out}/rec"\n')
        # strace prints the wall clock; the timing file has the steady clock (CLOCK_MONOTONIC).
        wall_minus_steady = time.clock_gettime(time.CLOCK_REALTIME) - time.monotonic()
        with open(out + "/clock.txt", "w") as f:
            f.write(f"{wall_minus_steady:.6f}\n")
        env = dict(os.environ, PULSE_SERVER=f"unix:{out}/pulse/native", PULSE_CLIENTCONFIG="/dev/null")
        subprocess.run(["strace", "-f", "--seccomp-bpf", "-ttt", "-T", "-xx", "-s", "65536", "-e", "trace=recvfrom",
                        "-o", out + "/strace.txt", a.build + "/bin/lectern", "record", "--config", out + "/rp.toml",
                        "--duration", f"{a.seconds}s"], env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=open(out + "/lectern.log", "w"))
    finally:
        for proc in (camera, pulse):
            os.killpg(proc.pid, signal.SIGKILL)
    load_after = os.getloadavg()

    flash, beep, seq = {}, {}, {}
    for line in open(out + "/timing.txt"):
        f = line.split()
        if f[0] == "session":
            flash, beep, seq = {}, {}, {}
        elif len(f) >= 3:
            (flash if f[0] == "flash" else beep)[int(f[1])] = float(f[2])
            if f[0] == "flash" and len(f) >= 5:
                seq[int(f[1])] = int(f[4])
    arrivals = rtp_arrivals(out + "/strace.txt")
    sent, sending = [], []
    for n in sorted(flash):
        if n in beep and n in seq and seq[n] in arrivals:
            sent.append(beep[n] - flash[n])
            sending.append(arrivals[seq[n]] - wall_minus_steady - flash[n])
    mp4 = [f for f in os.listdir(out + "/rec") if f.endswith(".mp4") and ".recording" not in f]
    sync = subprocess.run([a.build + "/bin/lectern_av_sync", "--all", out + "/rec/" + mp4[0]], capture_output=True,
                          text=True, check=True).stdout
    recorded = [float(m) / 1000 for m in re.findall(r"sound\s+([+-][\d.]+) ms", sync)]
    if not sent or not recorded:
        sys.exit(f"no flashes matched (see {out})")

    def ms(values):
        return f"{statistics.median(values) * 1000:+7.1f} ms (min {min(values) * 1000:+.1f}, max {max(values) * 1000:+.1f}, n {len(values)})"
    seen = [s - d for s, d in zip(sent, sending)]
    print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; {a.size}, {a.seconds} s; files in {out}")
    print(f"sent      {ms(sent)}")
    print(f"sending   {ms(sending)}")
    print(f"seen      {ms(seen)}")
    print(f"recorded  {ms(recorded)}")
    rec = statistics.median(recorded)
    print(f"error     {(rec - statistics.median(seen)) * 1000:+7.1f} ms the recorder's own (recorded - seen); "
          f"{(rec - statistics.median(sent)) * 1000:+.1f} ms in all (recorded - sent)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
