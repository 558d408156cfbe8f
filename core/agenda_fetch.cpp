#include "agenda_fetch.h"

#include "importers/schedule_draft.h"

#include "url_redaction.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace lectern {
namespace {

struct Transfer {
    std::string body;
    std::string etag;
    std::string last_modified;
    bool too_big = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    if (t->body.size() + size * count > kMaxScheduleBytes) {
        t->too_big = true;
        return 0;  // aborts the transfer
    }
    t->body.append(data, size * count);
    return size * count;
}

std::string trim(std::string text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) text.pop_back();
    size_t start = text.find_first_not_of(' ');
    return start == std::string::npos ? "" : text.substr(start);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "etag") t->etag = trim(line.substr(colon + 1));
        if (name == "last-modified") t->last_modified = trim(line.substr(colon + 1));
    } else if (line.rfind("HTTP/", 0) == 0) {
        *t = Transfer{};  // a new response after a redirect
    }
    return size * count;
}

std::string reason(CURLcode code, const std::string& where, int timeout, const char* detail) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST: return "DNS: cannot resolve the host of " + where + "; check the name and the network";
        case CURLE_COULDNT_CONNECT: return "connection refused by " + where + "; is the server up and the port right?";
        case CURLE_OPERATION_TIMEDOUT: return "no complete answer from " + where + " within " + std::to_string(timeout) + " s";
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING: return "the connection to " + where + " closed mid-answer";
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR: return "TLS: " + where + " could not be verified (" + detail + ")";
        case CURLE_TOO_MANY_REDIRECTS: return "too many redirects from " + where;
        case CURLE_UNSUPPORTED_PROTOCOL: return where + " is not http or https";
        default: return "fetching " + where + " failed: " + detail;
    }
}

}  // namespace

std::string display_url(const std::string& url) { return redact_url(url); }

FetchResult fetch_schedule(const FetchRequest& request) {
    static std::once_flag global;
    std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    FetchResult result;
    const std::string where = display_url(request.url);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return result.error = "libcurl could not start a transfer", result;
    Transfer transfer;
    char detail[CURL_ERROR_SIZE] = "";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
    auto add_header = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
    if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
    if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
    add_header("Accept: application/xml, application/json, text/calendar, text/plain;q=0.5, */*;q=0.1");
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(request.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(request.timeout_seconds, 10)));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Lectern agenda feed");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    if (!request.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, request.ca_file.c_str());
    if (!request.credentials.user.empty() || !request.credentials.password.empty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST);
        curl_easy_setopt(c, CURLOPT_USERNAME, request.credentials.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, request.credentials.password.c_str());
    }
    const CURLcode code = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.http_status);
    if (transfer.too_big) return result.error = where + " sent more than " + std::to_string(kMaxScheduleBytes >> 20) + " MB", result;
    if (code != CURLE_OK) return result.error = reason(code, where, request.timeout_seconds, detail), result;
    if (result.http_status == 304) return result.outcome = FetchResult::Outcome::NotModified, result;
    if (result.http_status < 200 || result.http_status >= 300) {
        result.error = "HTTP " + std::to_string(result.http_status) + " from " + where;
        if (result.http_status == 401 || result.http_status == 403) result.error += "; check agenda.secret's user and password";
        return result;
    }
    result.outcome = FetchResult::Outcome::Fresh;
    result.body = std::move(transfer.body);
    result.etag = std::move(transfer.etag);
    result.last_modified = std::move(transfer.last_modified);
    return result;
}

}  // namespace lectern
