// An RTSP IP camera, over TCP so that lost UDP packets do not smear the picture.
#include "source.h"
#include "url_redaction.h"

namespace lectern {

SourceSpec rtsp_source(const MediaConfig& c) {
    SourceSpec s;
    // The URL may carry a password or a token: messages show it redacted.
    s.what = "RTSP camera " + redact_url(c.url);
    s.format = "rtsp";
    s.url = c.url;
    s.options = {{"rtsp_transport", "tcp"},
                 // FFmpeg 5's RTSP "timeout" is the socket I/O timeout in microseconds.
                 {"timeout", std::to_string(static_cast<long long>(c.rtsp_timeout_seconds) * 1000000)}};
    // Without this, a separate microphone's sound was placed by when the probed picture was read:
    // early by the probing time (1.2 s measured), and lost for good once more than 0.3 s.
    s.arrival_stamps = true;
    s.fix = "check the camera's address, port and path (try it in ffplay), and that it is on the network";
    s.fix_silent = "the camera answered but sends no stream: check that its stream is switched on and plays "
                   "(ffplay " + redact_url(c.url) + "), or restart the camera";
    // Its handshake and the probe (1.2 to 1.6 s measured) in the time of a few socket timeouts.
    s.open_seconds = c.rtsp_timeout_seconds + 5.0;
    return s;
}

}  // namespace lectern
