#!/usr/bin/env python3
"""A stand-in for Opencast's ingest service, for Lectern's tests: NOT Opencast. It implements the
documented /ingest endpoints Lectern calls and checks their order and fields, keeping what it
received so the test can compare bytes and metadata:
  GET  /ingest/createMediaPackage             -> <mediapackage id=…>
  POST /ingest/addDCCatalog   mediaPackage, dublinCore, flavor=dublincore/episode
  POST /ingest/addTrack       mediaPackage, flavor=presenter/source, BODY (file)
  POST /ingest/addAttachment  mediaPackage, flavor, BODY (file)
  POST /ingest/ingest/{workflow}  mediaPackage  -> <wf:workflow id=…>
  GET  /test/state            -> JSON of every media package (for the test)
Basic auth: user and password from --user/--password. A request out of order answers 400 with
the reason, as a strict server would. Usage: opencast_standin.py --port P --store DIR"""
import argparse
import email
import email.policy
import hashlib
import http.server
import json
import os
import re
import threading
import uuid
import base64
import xml.etree.ElementTree as ET

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--store", required=True)
p.add_argument("--user", default="lectern")
p.add_argument("--password", default="oc-pass")
p.add_argument("--auth", choices=["basic", "digest"], default="basic")
ARGS = p.parse_args()
STATE = {}  # id -> dict
LOCK = threading.Lock()
NS = "http://mediapackage.opencastproject.org"
NONCE = uuid.uuid4().hex


def mp_xml(mp_id):
    s = STATE[mp_id]
    parts = ['<mediapackage xmlns="%s" id="%s" start="%s">' % (NS, mp_id, s["start"])]
    parts.append("<media>%s</media>" % "".join('<track id="%s" type="%s"><url>%s</url></track>' % (t["id"], t["flavor"], t["name"]) for t in s["tracks"]))
    parts.append("<metadata>%s</metadata>" % "".join('<catalog id="%s" type="%s"/>' % (c["id"], c["flavor"]) for c in s["catalogs"]))
    parts.append("<attachments>%s</attachments>" % "".join('<attachment id="%s" type="%s"/>' % (a["id"], a["flavor"]) for a in s["attachments"]))
    parts.append("</mediapackage>")
    return "".join(parts)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)

    def reply(self, status, body, ctype="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if status == 401 and ARGS.auth == "digest":
            self.send_header("WWW-Authenticate", 'Digest realm="Opencast", nonce="%s", qop="auth", algorithm=MD5' % NONCE)
        elif status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="Opencast"')
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        if ARGS.auth == "digest":
            return self.digest_ok()
        want = "Basic " + base64.b64encode(("%s:%s" % (ARGS.user, ARGS.password)).encode()).decode()
        return self.headers.get("Authorization") == want

    def digest_ok(self):
        """RFC 2617 digest with qop=auth, as Opencast answers requests sent with X-Requested-Auth: Digest."""
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest ") or self.headers.get("X-Requested-Auth") != "Digest":
            return False
        fields = dict((k.strip(), v.strip().strip('"')) for k, v in re.findall(r'(\w+)=("[^"]*"|[^,]+)', header[7:]))
        md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
        ha1 = md5("%s:Opencast:%s" % (ARGS.user, ARGS.password))
        ha2 = md5("%s:%s" % (self.command, fields.get("uri", "")))
        want = md5(":".join([ha1, fields.get("nonce", ""), fields.get("nc", ""), fields.get("cnonce", ""), fields.get("qop", ""), ha2]))
        return fields.get("username") == ARGS.user and fields.get("nonce") == NONCE and fields.get("response") == want

    def form(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        fields, files = {}, {}
        if not ctype.startswith("multipart/form-data"):
            return None, None
        msg = email.message_from_bytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body, policy=email.policy.HTTP)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_param("filename", header="content-disposition")
            payload = part.get_payload(decode=True)
            if filename:
                files[name] = (filename, payload)
            else:
                fields[name] = payload.decode("utf-8")
        return fields, files

    def known_package(self, fields):
        if not fields or "mediaPackage" not in fields:
            return None, "mediaPackage is missing"
        try:
            root = ET.fromstring(fields["mediaPackage"])
        except ET.ParseError as e:
            return None, "mediaPackage is not XML: %s" % e
        mp_id = root.get("id")
        if mp_id not in STATE:
            return None, "unknown media package %s" % mp_id
        return mp_id, None

    def do_GET(self):
        if self.path == "/test/state":
            with LOCK:
                return self.reply(200, json.dumps(STATE), "application/json")
        if not self.authorized():
            return self.reply(401, "unauthorized")
        if self.path == "/ingest/createMediaPackage":
            mp_id = str(uuid.uuid4())
            with LOCK:
                STATE[mp_id] = {"start": "2026-01-01T00:00:00Z", "steps": ["createMediaPackage"], "catalogs": [],
                                "tracks": [], "attachments": [], "ingested": None}
                return self.reply(200, mp_xml(mp_id))
        self.reply(404, "not found")

    def do_POST(self):
        if not self.authorized():
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            return self.reply(401, "unauthorized")
        fields, files = self.form()
        if fields is None:
            return self.reply(400, "expected multipart/form-data")
        with LOCK:
            mp_id, why = self.known_package(fields)
            if why:
                return self.reply(400, why)
            s = STATE[mp_id]
            if s["ingested"]:
                return self.reply(400, "media package already ingested")
            if self.path == "/ingest/addDCCatalog":
                if fields.get("flavor") != "dublincore/episode":
                    return self.reply(400, "flavor must be dublincore/episode")
                dc = ET.fromstring(fields["dublinCore"])
                terms = {}
                for el in dc:
                    terms.setdefault(el.tag.split("}")[1], []).append(el.text)
                if not terms.get("title"):
                    return self.reply(400, "the Dublin Core catalog has no dcterms:title")
                s["catalogs"].append({"id": str(uuid.uuid4()), "flavor": fields["flavor"], "terms": terms})
            elif self.path in ("/ingest/addTrack", "/ingest/addAttachment"):
                if "BODY" not in files:
                    return self.reply(400, "BODY file is missing")
                if self.path == "/ingest/addTrack" and fields.get("flavor") != "presenter/source":
                    return self.reply(400, "track flavor must be presenter/source")
                if not s["catalogs"]:
                    return self.reply(400, "add the episode catalog before the track")
                name, data = files["BODY"]
                item_id = str(uuid.uuid4())
                path = os.path.join(ARGS.store, item_id)
                with open(path, "wb") as f:
                    f.write(data)
                item = {"id": item_id, "flavor": fields.get("flavor"), "name": name, "path": path,
                        "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                (s["tracks"] if self.path == "/ingest/addTrack" else s["attachments"]).append(item)
            elif self.path.startswith("/ingest/ingest"):
                if not s["tracks"] or not s["catalogs"]:
                    return self.reply(400, "nothing to ingest: a track and an episode catalog are needed")
                workflow = self.path[len("/ingest/ingest/"):] or "default"
                s["ingested"] = workflow
                s["steps"].append("ingest")
                return self.reply(200, '<wf:workflow xmlns:wf="http://workflow.opencastproject.org" id="%d" state="RUNNING">'
                                       '<wf:template>%s</wf:template>%s</wf:workflow>' % (len(STATE), workflow, mp_xml(mp_id)))
            else:
                return self.reply(404, "not found")
            s["steps"].append(self.path.rsplit("/", 1)[1])
            return self.reply(200, mp_xml(mp_id))


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    os.makedirs(ARGS.store, exist_ok=True)
    print("opencast stand-in on 127.0.0.1:%d" % ARGS.port, flush=True)
    Server(("127.0.0.1", ARGS.port), Handler).serve_forever()
