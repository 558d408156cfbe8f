// Re-hashes a recording and compares it with its sidecar: the check staff run before trusting a
// folder, a NAS or a USB stick. Display-free; reads the whole file (run it off the frame thread).
#pragma once

#include "recording.h"

#include <string>

namespace lectern {

enum class VerifyOutcome { Ok, Missing, Changed, Unverified };
const char* to_string(VerifyOutcome outcome);

struct VerifyResult {
    VerifyOutcome outcome = VerifyOutcome::Unverified;
    std::string sha256;   // what the file hashes to now; "" when it could not be read
    std::string detail;   // for anything but Ok: what is wrong and what to do
};

// Ok: size and SHA-256 match the sidecar. Missing: no media file. Changed: size or hash differ.
// Unverified: no usable sidecar or no sha256 in it (the file is hashed all the same).
VerifyResult verify_recording(const Recording& r);

}  // namespace lectern
