// A media file standing in for a camera: read at real-time speed, looped unless asked not to.
#include "source.h"

namespace lectern {

SourceSpec file_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "file " + c.file;
    s.url = c.file;
    s.fix = "check that the file exists and plays (ffprobe), or set [media] file";
    s.pace = true;
    s.loop = c.loop;
    // A file that ends without looping has ended for good: the recording goes on with slate.
    s.reconnect = false;
    return s;
}

}  // namespace lectern
