#!/usr/bin/python3
"""An RTSP camera that sends no media, for the media tests: it accepts connections on 127.0.0.1
and answers OPTIONS, DESCRIBE (one H.264 track), SETUP (RTP over the RTSP connection), PLAY and
keep-alives as a camera does, then sends nothing (a camera whose encoder hangs, or whose stream is
switched off). With --mute it accepts and never answers at all (a camera that hangs outright).

Prints "rtsp://127.0.0.1:PORT/camera" once it listens (--port 0 picks a free port), then serves
until killed.
"""
import argparse
import socketserver
import sys

SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=silent camera\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
       "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n"
       "a=control:track1\r\n")


class Camera(socketserver.StreamRequestHandler):
    mute = False

    def handle(self):
        while True:
            request = []
            for line in self.rfile:
                line = line.decode("latin-1").rstrip("\r\n")
                if not line:
                    break
                request.append(line)
            if not request:
                return
            if self.mute:
                continue
            headers = dict(h.split(":", 1) for h in request[1:] if ":" in h)
            cseq = headers.get("CSeq", "0").strip()
            length = int(headers.get("Content-Length", "0"))
            if length:
                self.rfile.read(length)
            method = request[0].split(" ", 1)[0]
            extra, body = "", ""
            if method == "OPTIONS":
                extra = "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n"
            elif method == "DESCRIBE":
                extra = f"Content-Base: {request[0].split(' ')[1]}/\r\nContent-Type: application/sdp\r\n"
                body = SDP
            elif method == "SETUP":
                extra = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 4711;timeout=60\r\n"
            elif method in ("PLAY", "GET_PARAMETER"):
                extra = "Session: 4711\r\n"
            reply = f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\n{extra}Content-Length: {len(body)}\r\n\r\n{body}"
            self.wfile.write(reply.encode("latin-1"))
            if method == "TEARDOWN":
                return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--mute", action="store_true", help="accept connections and answer nothing")
    a = p.parse_args()
    Camera.mute = a.mute
    with Server(("127.0.0.1", a.port), Camera) as server:
        print(f"rtsp://127.0.0.1:{server.server_address[1]}/camera", flush=True)
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
