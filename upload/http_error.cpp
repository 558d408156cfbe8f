// An HTTP target's failure in words a technician can act on, classified as retryable or not.
#include "http_transfer.h"

#include <pugixml.hpp>

namespace lectern {
namespace {

// S3 and others name the problem in a short code in an XML body (<Error><Code>NoSuchBucket</Code>).
std::string error_code(const std::string& body) {
    if (body.find("<Code>") == std::string::npos) return {};
    pugi::xml_document doc;
    if (!doc.load_string(body.c_str())) return {};
    return doc.child("Error").child_value("Code");
}

}  // namespace

UploadError http_error(const std::string& what, const std::string& url, const HttpResponse& r) {
    UploadError e;
    std::string where = redact_url(url);
    if (r.aborted) return {false, what + " stopped: the job was paused or cancelled"};
    if (r.curl != CURLE_OK && r.curl != CURLE_HTTP_RETURNED_ERROR) {
        e.retryable = r.curl != CURLE_SSL_CACERT && r.curl != CURLE_PEER_FAILED_VERIFICATION &&
                      r.curl != CURLE_URL_MALFORMAT && r.curl != CURLE_UNSUPPORTED_PROTOCOL &&
                      r.curl != CURLE_READ_ERROR;
        std::string hint = r.curl == CURLE_PEER_FAILED_VERIFICATION || r.curl == CURLE_SSL_CACERT
                               ? "; the server's TLS certificate is not trusted: install its CA or set ca_file"
                           : r.curl == CURLE_READ_ERROR ? "; check the local recording file"
                                                        : "; will retry (check the network and that the server runs)";
        // curl's message may quote the URL; keep only what cannot hold a secret.
        std::string detail = r.curl_error;
        if (detail.find('@') != std::string::npos || detail.find('?') != std::string::npos) detail = curl_easy_strerror(r.curl);
        e.message = what + " failed at " + where + ": " + detail + hint;
        return e;
    }
    long s = r.status;
    std::string code = "HTTP " + std::to_string(s);
    if (std::string c = error_code(r.body); !c.empty()) code += " " + c;
    if (s == 401 || s == 403) {
        e.retryable = false;
        e.message = what + " was refused at " + where + " (" + code +
                    "): the user name, password or key is wrong or lacks rights; fix the target's secret and retry the job";
    } else if (s == 404) {
        e.retryable = false;
        e.message = what + " failed at " + where + " (" + code + "): the path, bucket or endpoint does not exist; check the target's url/bucket";
    } else if (s == 413 || s == 507) {
        e.retryable = false;
        e.message = what + " failed at " + where + " (" + code + "): the server has no room for the file; free space there and retry the job";
    } else if (s == 412) {  // If-None-Match: * found a file that appeared since the target looked
        e.retryable = true;
        e.message = what + " at " + where + " (" + code + "): a file appeared there meanwhile and is not replaced; will retry under another name";
    } else if (s >= 500 || s == 408 || s == 429 || s == 409) {
        e.retryable = true;
        e.message = what + " failed at " + where + " (" + code + "): the server had a temporary problem; will retry";
    } else {
        e.retryable = false;
        e.message = what + " failed at " + where + " (" + code + "): unexpected answer; check the target's configuration";
    }
    return e;
}

}  // namespace lectern
