#include "web_config.h"

#include "toml_reader.h"

#include <charconv>
#include <stdexcept>

namespace lectern {

ListenAddress parse_listen(const std::string& listen) {
    ListenAddress a;
    std::string port_text = listen;
    if (auto colon = listen.rfind(':'); colon != std::string::npos) {
        a.host = listen.substr(0, colon);
        if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']')
            a.host = a.host.substr(1, a.host.size() - 2);  // [::1]:8080
        port_text = listen.substr(colon + 1);
    }
    int port = -1;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (a.host.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535)
        throw std::invalid_argument("\"" + listen + "\" is not a listen address; use a port (\"8080\", binds "
                                    "127.0.0.1) or HOST:PORT (\"0.0.0.0:8080\" for every interface)");
    a.port = port;
    return a;
}

void read_web(TableReader r, WebConfig& c) {
    c.listen = r.text("listen", c.listen);
    if (!c.listen.empty()) {
        try {
            parse_listen(c.listen);
        } catch (const std::invalid_argument& e) {
            r.problem("listen", e.what());
        }
    }
    c.threads = static_cast<int>(r.integer("threads", c.threads, 1, 64));
    c.max_pending = static_cast<int>(r.integer("max_pending", c.max_pending, 1, 4096));
    c.read_timeout_s = static_cast<int>(r.integer("read_timeout_s", c.read_timeout_s, 1, 300));
    c.write_timeout_s = static_cast<int>(r.integer("write_timeout_s", c.write_timeout_s, 1, 300));
    c.max_body_kib = static_cast<int>(r.integer("max_body_kib", c.max_body_kib, 1, 1 << 20));
    c.api_token_secret = r.text("api_token_secret", c.api_token_secret);
    r.finish();
}

}  // namespace lectern
