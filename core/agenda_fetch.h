// One conditional GET of a programme URL with libcurl (ETag / If-Modified-Since), bounded in time and
// size. Failures come back as values with the reason in a technician's words (DNS, refused, HTTP 500,
// no answer, closed mid-body); the URL in messages never carries credentials or a query.
#pragma once

#include <string>

namespace lectern {

struct FetchCredentials {
    std::string user;
    std::string password;  // basic or digest; never logged
};

struct FetchRequest {
    std::string url;
    std::string etag;           // from the last 200: sent as If-None-Match
    std::string last_modified;  // sent as If-Modified-Since
    FetchCredentials credentials;
    int timeout_seconds = 20;
    std::string ca_file;  // extra CA for https (tests); "" = the system's
};

struct FetchResult {
    enum class Outcome { Fresh, NotModified, Failed } outcome = Outcome::Failed;
    long http_status = 0;
    std::string body;  // Fresh only
    std::string etag;
    std::string last_modified;
    std::string error;  // Failed: "DNS: cannot resolve host example.org", "HTTP 500 from …"
};

FetchResult fetch_schedule(const FetchRequest& request);

// scheme://host[:port]/path, without user, password, query or fragment: safe for logs and screens.
std::string display_url(const std::string& url);

}  // namespace lectern
