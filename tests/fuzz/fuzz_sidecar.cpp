// A recording's sidecar JSON as each reader meets it: the recorder's pending record (media/), the
// uploader (upload/) and the catalog (archive/). They read files, so each input is written to one.
#include "../../archive/sidecar_scan.h"
#include "../../media/sidecar.h"
#include "../../upload/sidecar.h"

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/lectern-fuzz-sidecar-" + std::to_string(getpid()) + ".json";
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    lectern::read_pending(path);    // nullopt when damaged
    lectern::read_recording(path);  // never throws: problems go into Recording::problem
    try {
        lectern::read_sidecar(path);
    } catch (const std::runtime_error&) {
        // Refused, naming the file and the field.
    }
    return 0;
}
