#include "test_servers.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace lectern::test {
namespace fs = std::filesystem;

namespace {
void require_port(int port, const std::string& what, const std::string& log) {
    if (!wait_for_port(port, 20))
        throw std::runtime_error(what + " did not start on port " + std::to_string(port) + "; its log:\n" + read_file(log) +
                                 "\n(run scripts/test-setup-upload.sh to install the test servers)");
}
std::string node_modules() { return source_dir() + "/tests/servers/node_modules"; }
}  // namespace

NginxDav::NginxDav(bool tls) {
    port = free_port();
    std::string listen = "127.0.0.1:" + std::to_string(port);
    if (tls) {
        ca_file = dir / "ca.pem";
        write_file(dir / "san.ext", "subjectAltName=IP:127.0.0.1\n");
        auto ok = [&](std::vector<std::string> argv) {
            std::string out;
            if (run(argv, &out) != 0) throw std::runtime_error("openssl failed: " + out);
        };
        ok({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
            dir / "ca.key", "-out", ca_file, "-days", "2", "-subj", "/CN=Lectern test CA"});
        ok({"openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
            dir / "server.key", "-out", dir / "server.csr", "-subj", "/CN=127.0.0.1"});
        ok({"openssl", "x509", "-req", "-in", dir / "server.csr", "-CA", ca_file, "-CAkey", dir / "ca.key", "-CAcreateserial",
            "-out", dir / "server.pem", "-days", "2", "-extfile", dir / "san.ext"});
        listen += " ssl;\n    ssl_certificate " + dir / "server.pem" + ";\n    ssl_certificate_key " + dir / "server.key";
    }
    root = dir / "www/dav";
    fs::create_directories(root);
    fs::create_directories(dir / "tmp");
    write_file(dir / "htpasswd", "lectern:{PLAIN}dav-pass\n");
    std::string conf = dir / "nginx.conf";
    write_file(conf, std::string(getuid() == 0 ? "user root;\n" : "") +
                         "daemon off;\nworker_processes 1;\npid " + dir / "nginx.pid" + ";\nerror_log " + dir / "error.log" + " info;\n"
                         "events { worker_connections 64; }\n"
                         "http {\n  access_log " + dir / "access.log" + ";\n"
                         "  client_body_temp_path " + dir / "tmp/body" + ";\n  proxy_temp_path " + dir / "tmp/proxy" + ";\n"
                         "  fastcgi_temp_path " + dir / "tmp/fcgi" + ";\n  uwsgi_temp_path " + dir / "tmp/uwsgi" + ";\n"
                         "  scgi_temp_path " + dir / "tmp/scgi" + ";\n  client_max_body_size 0;\n"
                         "  server {\n    listen " + listen + ";\n    root " + dir / "www" + ";\n"
                         "    location /dav/ {\n      dav_methods PUT DELETE MKCOL COPY MOVE;\n      create_full_put_path on;\n"
                         "      dav_access user:rw group:r all:r;\n      auth_basic \"lectern\";\n"
                         "      auth_basic_user_file " + dir / "htpasswd" + ";\n    }\n  }\n}\n");
    process = std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/sbin/nginx", "-p", dir.path, "-c", conf},
                                             std::map<std::string, std::string>{}, dir / "stderr.log");
    require_port(port, "nginx", dir / "error.log");
    url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port) + "/dav";
}

S3Server::S3Server() {
    s3rver_port = free_port();
    data_dir = dir / "data";
    fs::create_directories(data_dir);
    s3rver = std::make_unique<ChildProcess>(
        std::vector<std::string>{"node", node_modules() + "/s3rver/bin/s3rver.js", "-d", data_dir, "-a", "127.0.0.1", "-p",
                                 std::to_string(s3rver_port), "--configure-bucket", "recordings", "--silent"},
        std::map<std::string, std::string>{}, dir / "s3rver.log");
    require_port(s3rver_port, "s3rver", dir / "s3rver.log");
    proxy_port = free_port();
    proxy = std::make_unique<ChildProcess>(
        std::vector<std::string>{python(), source_dir() + "/tests/servers/loopback_proxy.py", "--listen", std::to_string(proxy_port),
                                 "--upstream", std::to_string(s3rver_port), "--sigv4-key", "S3RVER", "--sigv4-secret", "S3RVER"},
        std::map<std::string, std::string>{}, dir / "proxy.log");
    require_port(proxy_port, "the SigV4 checking proxy", dir / "proxy.log");
    url = "http://127.0.0.1:" + std::to_string(proxy_port);
    direct_url = "http://127.0.0.1:" + std::to_string(s3rver_port);
}

TusServer::TusServer() {
    port = free_port();
    store = dir / "store";
    fs::create_directories(store);
    process = std::make_unique<ChildProcess>(
        std::vector<std::string>{"node", source_dir() + "/tests/servers/tus_server.js", std::to_string(port), store},
        std::map<std::string, std::string>{{"NODE_PATH", node_modules()}}, dir / "tus.log");
    require_port(port, "the tus server", dir / "tus.log");
    url = "http://127.0.0.1:" + std::to_string(port) + "/files/";
}

FaultProxy::FaultProxy(int upstream_port, const std::vector<std::string>& faults) {
    port = free_port();
    log = dir / "fault_proxy.log";
    std::vector<std::string> argv{python(), source_dir() + "/tests/servers/loopback_proxy.py", "--listen", std::to_string(port),
                                  "--upstream", std::to_string(upstream_port)};
    argv.insert(argv.end(), faults.begin(), faults.end());
    process = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, log);
    require_port(port, "the fault proxy", log);
}

}  // namespace lectern::test
