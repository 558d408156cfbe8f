#include "fake_server.h"

#include "upload_fixtures.h"

#include <stdexcept>

namespace lectern::test {

FakeServer::FakeServer() {
    server_.set_logger([this](const httplib::Request& rq, const httplib::Response&) {
        std::lock_guard lock(mutex_);
        seen_.push_back({rq.method, rq.path, rq.has_header("Authorization")});
    });
}

FakeServer::~FakeServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
}

void FakeServer::start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("the fake server cannot bind 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    if (!wait_for_port(port_, 10)) throw std::runtime_error("the fake server does not answer");
}

std::vector<SeenRequest> FakeServer::seen() {
    std::lock_guard lock(mutex_);
    return seen_;
}

}  // namespace lectern::test
