#!/usr/bin/python3
"""An RTSP camera for the media tests: GStreamer's RTSP server on 127.0.0.1 serving H.264 and AAC.

The picture is a solid colour (--rgb, e.g. 0x2040c0) and the sound a sine (--freq Hz, --volume 0..1),
so a recording can be checked against what was sent. With --lavfi GRAPH the camera shows an FFmpeg
lavfi graph instead (e.g. Lectern's flash-and-beep sync pattern, for bench/media's av_sync), encoded
by ffmpeg in real time and served as it comes (ffmpeg -re falls behind under load and GStreamer
stamps what it receives, so the served timing is not the graph's). With --sync the camera makes
Lectern's flash-and-beep sync pattern itself, picture and AAC sound in one GStreamer pipeline on
one clock, stamped as made.

With --sync-microphone FIFO the camera shows the sync pattern without sound, and the same pipeline
writes the beeps, each 10 ms buffer when the clock reaches it, into FIFO, which a PulseAudio
module-pipe-source reads as its microphone (tests/servers/pulse_tone.sh with tone 0): a camera and a
separate microphone in one room, one clock, and no playback buffer between the beep and the
microphone. (Played into a null sink instead, through GStreamer's pulsesink or pacat, the beeps
waited in a playback buffer whose size Pulse chose, 27 to 835 ms from run to run, and every
underrun of a stream fed in real time put silence before the rest of the sound, so it came later
and later: 2 to 25 ms every second.) --timing FILE writes, on the steady clock (CLOCK_MONOTONIC,
seconds), when each second's flash frame left the RTP payloader ("flash N T seq S", S the RTP
sequence number of its first packet) and when its beep was written ("beep N T"), so that a
recording's offset can be compared with what was sent.

Prints "rtsp://127.0.0.1:PORT/camera" once it listens (--port 0 picks a free port), then serves
until killed.
"""
import argparse
import socket
import subprocess
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstController", "1.0")
from gi.repository import GLib, Gst, GstController, GstRtspServer  # noqa: E402


BLACK, WHITE = 0xff000000, 0xffffffff
SYNC_SECONDS = 2 * 3600
X264_PTS_OFFSET = 1000 * 3600  # seconds: x264enc moves its timestamps 1000 h on


def schedule_sync_pattern(bin_):
    """Frames 0 and 1 of every second white, a 50 ms beep from the start of every second (as
    media/sources/synthetic.cpp's sync graph), set in advance on the sources' controllable properties."""
    def steps(element, prop, on, off, length):
        source = GstController.InterpolationControlSource()
        source.set_property("mode", GstController.InterpolationMode.NONE)
        for second in range(SYNC_SECONDS):
            source.set(second * Gst.SECOND, on)
            source.set(second * Gst.SECOND + length, off)
        element.add_control_binding(GstController.DirectControlBinding.new_absolute(element, prop, source))
    steps(bin_.get_by_name("flash"), "foreground-color", WHITE, BLACK, 2 * Gst.SECOND // 30)
    steps(bin_.get_by_name("beep"), "volume", 0.5, 0.0, Gst.SECOND // 20)


class Timing:
    """The sent timing of the sync pattern (see --timing), one line per event, flushed."""

    def __init__(self, path):
        self.out = open(path, "w", buffering=1) if path else None
        self.seen = set()

    def event(self, kind, buffer):
        # The first buffer of a second: the flash frame at N s, the beep's first 10 ms at N s.
        pts = buffer.pts
        if self.out is None or pts == Gst.CLOCK_TIME_NONE or pts % Gst.SECOND >= Gst.SECOND // 100:
            return
        second = pts // Gst.SECOND % X264_PTS_OFFSET
        if (kind, second) in self.seen:
            return
        self.seen.add((kind, second))
        now = time.monotonic()
        rtp = ""
        if kind == "flash":
            # The flash's first RTP packet: its sequence number, so that a trace of the recorder's
            # reads finds when it arrived (bench/media/rtsp_pulse_timing.py).
            ok, info = buffer.map(Gst.MapFlags.READ)
            if ok:
                rtp = f" seq {int.from_bytes(bytes(info.data[2:4]), 'big')}"
                buffer.unmap(info)
        self.out.write(f"{kind} {second} {now:.6f}{rtp}\n")

    def probe(self, kind):
        def on_buffer(_pad, info):
            self.event(kind, info.get_buffer())
            return Gst.PadProbeReturn.OK
        return on_buffer


def configure_sync(media, timing):
    # A new session's pipeline starts its timestamps at 0 again.
    timing.seen.clear()
    if timing.out is not None:
        timing.out.write("session\n")
    bin_ = media.get_element()
    schedule_sync_pattern(bin_)
    bin_.get_by_name("pay0").get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, timing.probe("flash"))
    beep_out = bin_.get_by_name("beepout")
    if beep_out is not None:
        beep_out.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, timing.probe("beep"))


def sync_picture(width, height):
    return (f"videotestsrc name=flash is-live=true pattern=solid-color foreground-color={BLACK} "
            f"! video/x-raw,width={width},height={height},framerate=30/1 ! videoconvert "
            f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 ! rtph264pay name=pay0 pt=96 ")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--size", default="320x240")
    p.add_argument("--rgb", default="0x2040c0")
    p.add_argument("--freq", type=int, default=1000)
    p.add_argument("--volume", type=float, default=0.5)
    p.add_argument("--lavfi", help="a lavfi graph with [out0] picture and [out1] sound to serve instead")
    p.add_argument("--sync", action="store_true", help="the sync pattern, picture and sound, made by GStreamer")
    p.add_argument("--sync-microphone", help="the sync pattern's picture; its beeps into this FIFO (a Pulse pipe source)")
    p.add_argument("--timing", help="with --sync or --sync-microphone: write when each flash and beep was sent here")
    a = p.parse_args()
    Gst.init(None)
    width, height = a.size.split("x")
    if a.lavfi:
        # One ffmpeg encodes picture and sound together, so their timing is the graph's; it sends
        # MPEG-TS over UDP on 127.0.0.1, which makes the served media live (a pipe could not PLAY).
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            udp_port = probe.getsockname()[1]
        subprocess.Popen(
            ["ffmpeg", "-v", "error", "-nostdin", "-re", "-f", "lavfi", "-i", a.lavfi, "-c:v", "libx264",
             "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-c:a", "aac", "-f", "mpegts",
             f"udp://127.0.0.1:{udp_port}?pkt_size=1316"])
        launch = (
            f"( udpsrc address=127.0.0.1 port={udp_port} caps=video/mpegts ! tsdemux name=d "
            f"d. ! queue ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 "
            f"d. ! queue ! aacparse ! rtpmp4gpay name=pay1 pt=97 )")
    elif a.sync_microphone:
        # 10 ms buffers, so that a beep starts on its second (values are set per buffer); each is
        # written when the clock reaches it (identity sync=true).
        launch = (
            f"( {sync_picture(width, height)} "
            f"audiotestsrc name=beep is-live=true wave=sine freq=1000 volume=0 samplesperbuffer=480 "
            f"! audio/x-raw,format=S16LE,rate=48000,channels=2 ! identity name=beepout sync=true "
            f"! filesink location={a.sync_microphone} sync=false async=false buffer-mode=unbuffered )")
    elif a.sync:
        launch = (
            f"( {sync_picture(width, height)} "
            f"audiotestsrc name=beep is-live=true wave=sine freq=1000 volume=0 samplesperbuffer=480 "
            f"! audio/x-raw,rate=48000,channels=2 ! identity name=beepout ! audioconvert ! avenc_aac "
            f"! rtpmp4gpay name=pay1 pt=97 )")
    else:
        launch = (
            f"( videotestsrc is-live=true pattern=solid-color foreground-color={int(a.rgb, 16) | 0xff000000} "
            f"! video/x-raw,width={width},height={height},framerate=30/1 ! videoconvert "
            f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 ! rtph264pay name=pay0 pt=96 "
            f"audiotestsrc is-live=true wave=sine freq={a.freq} volume={a.volume} "
            f"! audio/x-raw,rate=48000,channels=2 ! audioconvert ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )")
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(a.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(True)
    if a.sync_microphone or a.sync:
        # The system clock is CLOCK_MONOTONIC, as the timing file and the recorder's steady clock.
        factory.set_clock(Gst.SystemClock.obtain())
        timing = Timing(a.timing)
        factory.connect("media-configure", lambda _factory, media: configure_sync(media, timing))
    server.get_mount_points().add_factory("/camera", factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{a.port}", file=sys.stderr)
        return 1
    print(f"rtsp://127.0.0.1:{server.get_bound_port()}/camera", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
