#!/usr/bin/env python3
"""A loopback HTTP proxy for Lectern's upload tests: streams requests to an upstream on 127.0.0.1
and can (1) check each request's AWS Signature V4 with botocore's own signer, answering
403 SignatureDoesNotMatch when it differs (s3rver itself checks no signature), and (2) inject
faults at chosen requests: an HTTP status, a connection reset after N body bytes, or a stall.

  --fault PUT:2:503         the 2nd PUT gets 503 (body drained first)
  --fault PATCH:1:reset@65536  the 1st PATCH is reset after 64 KiB of its body
  --fault PUT:1:stall@30    the 1st PUT is read, then the proxy says nothing for 30 s
  METHOD may be * for any request.
  --deny-read               behave as S3 does for credentials allowed to write but not to read
                            (s3:PutObject without s3:GetObject): GET and HEAD get 403 AccessDenied;
                            and honour If-None-Match: * on a PUT and on completing a multipart
                            upload (412 PreconditionFailed when the key exists), as S3 does since
                            2024 and s3rver does not.
Listens on 127.0.0.1 only; stops on SIGTERM."""
import argparse
import http.client
import http.server
import socket
import struct
import sys
import threading

CHUNK = 256 * 1024


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", type=int, required=True)
    p.add_argument("--upstream", type=int, required=True)
    p.add_argument("--sigv4-key")
    p.add_argument("--sigv4-secret")
    p.add_argument("--fault", action="append", default=[])
    p.add_argument("--deny-read", action="store_true")
    return p.parse_args()


ARGS = parse_args()
FAULTS = []  # (method, nth, action)
for f in ARGS.fault:
    method, nth, action = f.split(":", 2)
    FAULTS.append((method.upper(), int(nth), action))
COUNTS = {}
LOCK = threading.Lock()


def log(*parts):
    print(*parts, flush=True)


def check_sigv4(handler):
    """Returns None when the signature is right, else (status, code, message)."""
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    auth = handler.headers.get("Authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return 403, "AccessDenied", "request is not signed with AWS Signature V4"
    fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    key, date, region, service, _ = fields["Credential"].split("/")
    if key != ARGS.sigv4_key:
        return 403, "InvalidAccessKeyId", "the access key id does not exist"
    signed = fields["SignedHeaders"].split(";")
    headers = {h: handler.headers.get(h, "") for h in signed}
    request = AWSRequest(method=handler.command, url="http://" + handler.headers["Host"] + handler.path, headers=headers)
    request.context["timestamp"] = handler.headers.get("X-Amz-Date", "")
    signer = S3SigV4Auth(Credentials(key, ARGS.sigv4_secret), service, region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if expected != fields["Signature"]:
        log("SIGV4 MISMATCH canonical request:\n" + canonical)
        return 403, "SignatureDoesNotMatch", "the request signature we calculated does not match the signature you provided"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        log("%s %s" % (self.address_string(), fmt % args))

    def body_length(self):
        return int(self.headers.get("Content-Length", "0") or 0)

    def drain(self, n):
        while n > 0:
            got = self.rfile.read(min(CHUNK, n))
            if not got:
                break
            n -= len(got)

    def answer(self, status, code, message):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message></Error>" % (code, message)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def write_only_answer(self):
        """--deny-read: None to pass the request on, else (status, code, message)."""
        if self.command in ("GET", "HEAD"):
            return 403, "AccessDenied", "Access Denied"
        path, _, query = self.path.partition("?")
        conditional = self.headers.get("If-None-Match", "").strip() == "*"
        whole_put = self.command == "PUT" and "partNumber=" not in query
        completion = self.command == "POST" and "uploadId=" in query
        if conditional and (whole_put or completion):
            check = http.client.HTTPConnection("127.0.0.1", ARGS.upstream, timeout=60)
            check.request("HEAD", path)
            exists = check.getresponse().status == 200
            check.close()
            if exists:
                log("PRECONDITION %s %s: the key exists" % (self.command, path))
                return 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"
        return None

    def fault_for(self):
        with LOCK:
            hits = []
            for method, nth, action in FAULTS:
                if method in ("*", self.command):
                    key = method
                    hits.append((key, nth, action))
            for key in {h[0] for h in hits}:
                COUNTS[key] = COUNTS.get(key, 0) + 1
            for key, nth, action in hits:
                if COUNTS[key] == nth:
                    return action
        return None

    def handle_any(self):
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            return self.answer(411, "MissingContentLength", "send Content-Length")
        length = self.body_length()
        log("REQ %s %s length=%d offset=%s" % (self.command, self.path, length, self.headers.get("Upload-Offset", "-")))
        action = self.fault_for()
        if action:
            log("FAULT %s %s -> %s" % (self.command, self.path, action))
            if action.startswith("reset@"):
                self.drain(min(length, int(action[6:])))
                # SO_LINGER 0: close sends RST, as a dropped NAT entry or a crashed server would.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if action.startswith("stall@"):
                self.drain(length)
                threading.Event().wait(float(action[6:]))
                self.close_connection = True
                return
            self.drain(length)
            return self.answer(int(action), "InjectedFault", "fault injected by the test proxy")
        if ARGS.sigv4_key:
            bad = check_sigv4(self)
            if bad:
                self.drain(length)
                return self.answer(*bad)
        if ARGS.deny_read:
            refused = self.write_only_answer()
            if refused:
                self.drain(length)
                return self.answer(*refused)
        upstream = http.client.HTTPConnection("127.0.0.1", ARGS.upstream, timeout=600)
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in ("connection", "keep-alive", "expect"):
                upstream.putheader(name, value)
        upstream.endheaders()
        left = length
        while left > 0:
            got = self.rfile.read(min(CHUNK, left))
            if not got:
                upstream.close()
                self.close_connection = True
                return
            upstream.send(got)
            left -= len(got)
        response = upstream.getresponse()
        self.send_response_only(response.status, response.reason)
        passed_length = None
        for name, value in response.getheaders():
            if name.lower() in ("connection", "keep-alive", "transfer-encoding"):
                continue
            if name.lower() == "content-length":
                passed_length = value
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            while True:
                got = response.read(CHUNK)
                if not got:
                    break
                self.wfile.write(got)
        upstream.close()
        self.close_connection = True

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = do_OPTIONS = do_MKCOL = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", ARGS.listen), Handler)
    log("listening on 127.0.0.1:%d -> 127.0.0.1:%d" % (ARGS.listen, ARGS.upstream))
    server.serve_forever()
