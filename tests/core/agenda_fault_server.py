#!/usr/bin/env python3
"""A misbehaving programme server for Lectern's agenda feed tests, on 127.0.0.1 only.

  agenda_fault_server.py --port N --dir D
Every request reads D/mode (one word) and answers accordingly:
  good      200 with the bytes of D/schedule (ETag = their length, honouring If-None-Match)
  stall     reads the request, then says nothing for 60 s
  500       HTTP 500 with a short text body
  html      200 with an HTML login page, as a captive portal or an expired session would
  truncate  headers promise the whole D/schedule, half of it is sent, then the connection closes
Each request's mode is appended to D/requests.log. Stops on SIGTERM."""
import argparse
import http.server
import os
import time

ARGS = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        mode = open(os.path.join(ARGS.dir, "mode")).read().strip()
        with open(os.path.join(ARGS.dir, "requests.log"), "a") as log:
            log.write(mode + "\n")
        body = open(os.path.join(ARGS.dir, "schedule"), "rb").read()
        if mode == "stall":
            time.sleep(60)
            return
        if mode == "500":
            return self.answer(500, b"Internal Server Error\n", "text/plain")
        if mode == "html":
            return self.answer(200, b"<!DOCTYPE html><html><body>Please log in</body></html>", "text/html")
        if mode == "truncate":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        etag = '"%d"' % len(body)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.answer(200, body, "application/xml", etag)

    def answer(self, status, body, kind, etag=None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    ARGS = p.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
