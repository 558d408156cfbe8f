// Real servers on 127.0.0.1 for the upload tests, each started on a free port in its own temp
// folder and stopped when the object goes. Programs come from Debian (nginx, python3-botocore)
// and from tests/servers/node_modules (s3rver, @tus/server), installed by scripts/test-setup-upload.sh.
#pragma once

#include "upload_fixtures.h"

#include <memory>
#include <string>

namespace lectern::test {

// nginx with the DAV module (PUT, MKCOL), basic auth user "lectern" / password "dav-pass".
struct NginxDav {
    // tls: HTTPS with a certificate for 127.0.0.1 signed by a fresh test CA (ca_file).
    explicit NginxDav(bool tls = false);
    TempDir dir;
    int port = 0;
    std::string url;        // http://127.0.0.1:PORT/dav
    std::string root;       // the folder nginx serves /dav from
    std::string ca_file;    // with tls: the CA that signed the server's certificate
    std::unique_ptr<ChildProcess> process;
};

// s3rver (no signature check) behind tests/servers/loopback_proxy.py --sigv4-key, which recomputes each request's
// Signature V4 with botocore and answers 403 SignatureDoesNotMatch when it differs.
// Key S3RVER / secret S3RVER, bucket "recordings".
struct S3Server {
    S3Server();
    TempDir dir;
    int s3rver_port = 0, proxy_port = 0;
    std::string url;         // the checking proxy
    std::string direct_url;  // s3rver itself (for benchmarks)
    std::string data_dir;
    std::unique_ptr<ChildProcess> s3rver, proxy;
};

// The tus reference server (@tus/server + @tus/file-store) at http://127.0.0.1:PORT/files/.
struct TusServer {
    TusServer();
    TempDir dir;
    int port = 0;
    std::string url;
    std::string store;       // where the file store keeps uploads
    std::unique_ptr<ChildProcess> process;
};

// tests/servers/loopback_proxy.py in front of `upstream`, with faults given as arguments.
struct FaultProxy {
    FaultProxy(int upstream_port, const std::vector<std::string>& faults);
    TempDir dir;
    int port = 0;
    std::string log;
    std::unique_ptr<ChildProcess> process;
};

}  // namespace lectern::test
