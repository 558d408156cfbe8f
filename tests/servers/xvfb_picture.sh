#!/bin/sh
# An X display for the media tests (the slide laptop): Xvfb on a free display number, of size $2
# (e.g. 640x360), showing the picture $3 on its root window. Writes the display (":N") to $1 once
# the picture is up; runs until killed (the test kills the group).
set -e
out=$1
size=$2
picture=$3
exec 3>"$out.number"
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp &
until [ -s "$out.number" ]; do sleep 0.1; done
display=":$(cat "$out.number")"
# display(1) sets the root background and exits with 1 even when it worked.
DISPLAY=$display display -window root "$picture" || true
echo "$display" > "$out"
wait
