// Free space where recordings go (statvfs), checked once a second by the encode thread.
#pragma once

#include <cstdint>
#include <string>

namespace lectern {

// Bytes available to an unprivileged user; -1 when the folder cannot be examined.
int64_t free_bytes(const std::string& folder);

}  // namespace lectern
