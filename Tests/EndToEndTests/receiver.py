"""A delivery-webhook receiver for the end-to-end tests: a real HTTP server on loopback.

Usage: receiver.py PORT_FILE LOG_FILE SECRET PLAN
PLAN is a comma-separated list of answers for successive requests: a status code, or "hang" (never answer
within 60 s). Afterwards every request gets 200. Each request is logged as one JSON line: the delivery id,
whether the signature is a valid HMAC-SHA256 of the body with SECRET, the status given and the body.
"""
import hashlib, hmac, json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, log_file, secret, plan = sys.argv[1], sys.argv[2], sys.argv[3].encode(), sys.argv[4].split(",") if sys.argv[4] else []

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        answer = plan.pop(0) if plan else "200"
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        entry = {"delivery": self.headers.get("X-Clinbox-Delivery"), "valid": hmac.compare_digest(expected, self.headers.get("X-Clinbox-Signature", "")),
                 "answer": answer, "content_type": self.headers.get("Content-Type"), "body": json.loads(body or b"null")}
        with open(log_file, "a") as f:
            f.write(json.dumps(entry) + "\n")
        if answer == "hang":
            time.sleep(60)
            return
        self.send_response(int(answer))
        self.end_headers()

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
