#!/bin/sh
# A private PulseAudio daemon for the media tests, in folder $1 (its socket, runtime files and
# "home"): a null sink "lectern" into which a $2 Hz sine at $3 dBFS (default -12) is played on both
# channels, so its monitor ("lectern.monitor") is a known microphone; with $2 = 0 nothing is played
# (another process plays into the sink), and a source "microphone" reads what another process
# writes into the FIFO $1/microphone.fifo (s16le, 48 kHz, stereo; module-pipe-source: no playback
# buffer between the writer and the source). Nothing from the system's or the user's configuration is
# read (-n, -F /dev/null, PULSE_CLIENTCONFIG) and no other daemon is contacted. Prints "ready" once
# the tone plays (or, without a tone, once the daemon answers); runs until killed (the test kills
# the group).
set -e
dir=$1
freq=$2
level=${3:--12}
export HOME="$dir" PULSE_RUNTIME_PATH="$dir" XDG_RUNTIME_DIR="$dir" PULSE_CLIENTCONFIG=/dev/null
server="unix:$dir/native"
rm -f "$dir/native"
pulseaudio -n --daemonize=no --system=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes \
  --high-priority=no --realtime=no -F /dev/null \
  --load="module-native-protocol-unix socket=$dir/native auth-anonymous=1" \
  --load="module-null-sink sink_name=lectern rate=48000 channels=2" &
# The test waits for "ready" with its own deadline.
until pactl --server "$server" info >/dev/null 2>&1; do sleep 0.1; done
if [ "$freq" = 0 ]; then
  pactl --server "$server" load-module module-pipe-source source_name=microphone file="$dir/microphone.fifo" \
    format=s16le rate=48000 channels=2 >/dev/null
  # The pipe source reads its FIFO only while something records from it: without this listener the
  # FIFO filled (64 KB, 0.34 s), the writer stopped, and the recorder's first sound was that old.
  parec --server "$server" --device=microphone --format=s16le --rate=48000 --channels=2 >/dev/null &
  until pactl --server "$server" list sources short | grep -q "microphone.*RUNNING"; do sleep 0.1; done
  echo ready; wait; exit
fi
ffmpeg -v error -nostdin -re -f lavfi \
  -i "aevalsrc=exprs='sin(2*PI*$freq*t)|sin(2*PI*$freq*t)':sample_rate=48000,volume=${level}dB" \
  -f s16le - |
  pacat --server "$server" --device=lectern --format=s16le --rate=48000 --channels=2 --latency-msec=30 &
# Ready once the sink plays (pacat's default 2 s buffer would keep it silent that long first).
until pactl --server "$server" list sinks short | grep -q RUNNING; do sleep 0.1; done
echo ready
wait
