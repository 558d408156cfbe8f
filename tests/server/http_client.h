// Test helpers that talk to a real server with real clients: curl for HTTP, a raw socket for what
// curl would never send (malformed requests, idle connections).
#pragma once

#include "web_config.h"

#include <string>

namespace lectern::test {

// [web] for tests: a free port on 127.0.0.1, two workers, 1 s timeouts.
inline WebConfig test_web_config() {
    WebConfig c;
    c.listen = "127.0.0.1:0";
    c.threads = 2;
    c.read_timeout_s = 1;
    c.write_timeout_s = 1;
    return c;
}

struct CurlResult {
    int status = 0;      // HTTP status, 0 when curl got none
    std::string body;
    std::string headers;
};

// Runs `curl -sS <args> http://127.0.0.1:<port><path>`; args are passed to the shell as written.
CurlResult curl(int port, const std::string& path, const std::string& args = "");

// A connected TCP socket to 127.0.0.1:port (blocking; the caller closes it). Throws when refused.
int connect_to(int port);

// Sends `raw` on a new connection and returns everything the server answers until it closes
// (or `timeout_s` passes).
std::string raw_exchange(int port, const std::string& raw, int timeout_s = 10);

// Connects and sends nothing; returns the seconds until the server closed the connection, or -1
// when it was still open after `limit_s`.
double seconds_until_idle_close(int port, int limit_s);

}  // namespace lectern::test
