// The one place that makes a URL safe to show or log (errors, screens, the queue database): no user
// name or password, no query value (tokens, signatures, keys) and no fragment. Used for every URL
// the project prints: upload targets, RTSP cameras, Opencast.
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// "rtsp://admin:p@ss@cam:554/x?token=t#f" → "rtsp://cam:554/x?token=…". Parsed with curl_url where
// it accepts the text; what it refuses (an '@', '/' or '#' left unencoded in a password, non-ASCII)
// is cut by hand at the last '@' before the query, so no part of a secret survives either way.
std::string redact_url(std::string_view url);

}  // namespace lectern
