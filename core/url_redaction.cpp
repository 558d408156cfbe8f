#include "url_redaction.h"

#include "c_deleter.h"

#include <curl/curl.h>

#include <memory>

namespace lectern {
namespace {

using CurlUrl = std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>>;
using CurlText = std::unique_ptr<char, CDeleter<curl_free>>;

// "a=1&token=x&flag" → "a=…&token=…&flag=…": names stay (they say what was asked), every value
// goes, whatever its name; a part without '=' may itself be a secret and goes too.
std::string redact_query(std::string_view query) {
    std::string out;
    size_t start = 0;
    while (start <= query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        std::string_view part = query.substr(start, end - start);
        size_t eq = part.find('=');
        if (start > 0) out += '&';
        if (eq != std::string_view::npos) {
            out += part.substr(0, eq);
            out += '=';
        }
        out += "…";
        start = end + 1;
    }
    return out;
}

// Whatever curl_url would not parse. The user info is everything up to the last '@' before the
// query's first '=': a password may hold '@', '/', ':', '#' or '?' unencoded, and showing a cut
// path is harmless where leaking a password is not.
std::string redact_by_hand(std::string_view url) {
    size_t scheme = url.find("://");
    size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
    size_t query = url.find('?', start);
    size_t first_value = query == std::string_view::npos ? query : url.find('=', query);
    size_t at = url.substr(0, first_value).rfind('@');
    std::string out(url.substr(0, start));
    std::string_view rest = url.substr(at != std::string_view::npos && at >= start ? at + 1 : start);
    query = rest.find('?');
    std::string_view before_query = rest.substr(0, query);
    out += before_query.substr(0, before_query.find('#'));
    if (query != std::string_view::npos) {
        std::string_view q = rest.substr(query + 1);
        out += '?';
        out += redact_query(q.substr(0, q.find('#')));
    }
    return out;
}

std::string part(CURLU* u, CURLUPart which) {
    char* text = nullptr;
    if (curl_url_get(u, which, &text, 0) != CURLUE_OK) return {};
    CurlText owned(text);
    return text;
}

}  // namespace

std::string redact_url(std::string_view url) {
    CurlUrl u(curl_url());
    std::string text(url);
    if (!u || curl_url_set(u.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
        return redact_by_hand(url);
    // curl reads "rtsp://admin:1/x@cam/y" as host "admin", port 1: an '@' left in the host, the
    // path or the query's first name means a password held a '/' or '?', so cut by hand.
    std::string query = part(u.get(), CURLUPART_QUERY);
    if (part(u.get(), CURLUPART_HOST).find('@') != std::string::npos ||
        part(u.get(), CURLUPART_PATH).find('@') != std::string::npos ||
        query.substr(0, query.find('=')).find('@') != std::string::npos)
        return redact_by_hand(url);
    for (CURLUPart p : {CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS, CURLUPART_QUERY, CURLUPART_FRAGMENT})
        curl_url_set(u.get(), p, nullptr, 0);
    std::string out = part(u.get(), CURLUPART_URL);
    if (out.empty()) return redact_by_hand(url);
    if (!query.empty()) {
        out += '?';
        out += redact_query(query);
    }
    return out;
}

}  // namespace lectern
