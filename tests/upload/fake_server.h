// A tiny HTTP server in the test process (cpp-httplib on 127.0.0.1, a free port) for answers no
// real server gives on demand: a tus server that never takes bytes, an S3 server with a garbled
// part list, a Location on another origin. It records each request's method, path and whether it
// carried credentials.
#pragma once

#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern::test {

struct SeenRequest {
    std::string method;
    std::string path;
    bool authorization = false;
};

class FakeServer {
public:
    FakeServer();
    ~FakeServer();
    httplib::Server& http() { return server_; }
    void start();  // after the handlers are set; returns when it listens
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    std::vector<SeenRequest> seen();

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<SeenRequest> seen_;
};

}  // namespace lectern::test
