// An RTSP IP camera, over TCP so that lost UDP packets do not smear the picture.
#include "source.h"

namespace lectern {

SourceSpec rtsp_source(const MediaConfig& c) {
    SourceSpec s;
    // The URL may carry a password; messages show it without the user-info part.
    std::string shown = c.url;
    auto at = shown.find('@');
    auto scheme = shown.find("://");
    if (at != std::string::npos && scheme != std::string::npos && at > scheme) shown.erase(scheme + 3, at - scheme - 2);
    s.what = "RTSP camera " + shown;
    s.format = "rtsp";
    s.url = c.url;
    s.options = {{"rtsp_transport", "tcp"},
                 // FFmpeg 5's RTSP "timeout" is the socket I/O timeout in microseconds.
                 {"timeout", std::to_string(static_cast<long long>(c.rtsp_timeout_seconds) * 1000000)}};
    s.fix = "check the camera's address, port and path (try it in ffplay), and that it is on the network";
    return s;
}

}  // namespace lectern
