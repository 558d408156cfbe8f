#!/bin/sh
# A private PulseAudio daemon for the media tests, in folder $1: a null sink "lectern" into which a
# $2 Hz sine at 1/8 of full scale is played, so its monitor ("lectern.monitor") is a known
# microphone. Prints "ready" once the tone plays; runs until killed (the test kills the group).
set -e
dir=$1
freq=$2
export HOME="$dir" PULSE_RUNTIME_PATH="$dir" XDG_RUNTIME_DIR="$dir"
server="unix:$dir/native"
rm -f "$dir/native"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disable-shm=yes -F /dev/null \
  --load="module-native-protocol-unix socket=$dir/native auth-anonymous=1" \
  --load="module-null-sink sink_name=lectern rate=48000" &
# The test waits for "ready" with its own deadline.
until pactl --server "$server" info >/dev/null 2>&1; do sleep 0.1; done
ffmpeg -v error -nostdin -re -f lavfi -i "sine=frequency=$freq:sample_rate=48000" -f s16le -ac 2 - |
  pacat --server "$server" --device=lectern --format=s16le --rate=48000 --channels=2 &
echo ready
wait
