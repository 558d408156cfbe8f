// The embedded web server's settings ([web]): where it listens and how much it may cost. The server is
// off unless `listen` is set; a bare port binds 127.0.0.1 only, so exposing it on the network is a
// deliberate "0.0.0.0:8080".
#pragma once

#include <string>

namespace lectern {

class TableReader;

struct WebConfig {
    std::string listen;            // "" = off; "8080" = 127.0.0.1:8080; "HOST:PORT" as given
    int threads = 4;               // workers for handlers that may wait (control, staff pages, preview)
    int max_pending = 32;          // connections held beyond `threads`; more wait in the kernel's backlog
    int read_timeout_s = 5;        // a client that sends nothing for this long is dropped
    int write_timeout_s = 5;       // a client that reads nothing for this long is dropped
    int max_body_kib = 64;         // larger request bodies get 413
    // Name of the secret (upload/secrets.h) whose password is the bearer token for remote control;
    // no such secret = control is off.
    std::string api_token_secret = "lectern-api";
};

// Host and port of a `listen` value; throws std::invalid_argument saying what is allowed.
struct ListenAddress {
    std::string host = "127.0.0.1";
    int port = 0;
};
ListenAddress parse_listen(const std::string& listen);

void read_web(TableReader r, WebConfig& c);

}  // namespace lectern
