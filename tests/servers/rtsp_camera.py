#!/usr/bin/python3
"""An RTSP camera for the media tests: GStreamer's RTSP server on 127.0.0.1 serving H.264 and AAC.

The picture is a solid colour (--rgb, e.g. 0x2040c0) and the sound a sine (--freq Hz, --volume 0..1),
so a recording can be checked against what was sent. With --lavfi GRAPH the camera shows an FFmpeg
lavfi graph instead (e.g. Lectern's flash-and-beep sync pattern, for bench/media's av_sync), encoded
by ffmpeg in real time and served as it comes. With --sync-pulse SERVER the camera shows Lectern's
flash-and-beep sync pattern without sound, and the same GStreamer pipeline plays the beeps into
that PulseAudio daemon's sink "lectern" (a camera and a separate microphone in one room): one clock
times both. The sound reaches the sink's monitor after Pulse's playback buffer, which Pulse sizes
(tens to hundreds of ms, differing from run to run), and is never resampled to follow the
picture's clock afterwards. Prints "rtsp://127.0.0.1:PORT/camera" once it
listens (--port 0 picks a free port), then serves until killed.
"""
import argparse
import socket
import subprocess
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstController", "1.0")
from gi.repository import GLib, Gst, GstController, GstRtspServer  # noqa: E402


BLACK, WHITE = 0xff000000, 0xffffffff
SYNC_SECONDS = 2 * 3600


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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--size", default="320x240")
    p.add_argument("--rgb", default="0x2040c0")
    p.add_argument("--freq", type=int, default=1000)
    p.add_argument("--volume", type=float, default=0.5)
    p.add_argument("--lavfi", help="a lavfi graph with [out0] picture and [out1] sound to serve instead")
    p.add_argument("--sync-pulse", help="the sync pattern's picture; its beeps into this PulseAudio server")
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
    elif a.sync_pulse:
        # 10 ms sound buffers, so that a beep starts on its second (values are set per buffer).
        launch = (
            f"( videotestsrc name=flash is-live=true pattern=solid-color foreground-color={BLACK} "
            f"! video/x-raw,width={width},height={height},framerate=30/1 ! videoconvert "
            f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 ! rtph264pay name=pay0 pt=96 "
            f"audiotestsrc name=beep is-live=true wave=sine freq=1000 volume=0 samplesperbuffer=480 "
            f"! audio/x-raw,rate=48000,channels=2 ! pulsesink server={a.sync_pulse} device=lectern "
            f"provide-clock=false slave-method=none )")
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
    if a.sync_pulse:
        factory.set_clock(Gst.SystemClock.obtain())
        factory.connect("media-configure", lambda _factory, media: schedule_sync_pattern(media.get_element()))
    server.get_mount_points().add_factory("/camera", factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{a.port}", file=sys.stderr)
        return 1
    print(f"rtsp://127.0.0.1:{server.get_bound_port()}/camera", flush=True)
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
