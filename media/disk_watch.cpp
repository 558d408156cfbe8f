#include "disk_watch.h"

#include <sys/statvfs.h>

namespace lectern {

int64_t free_bytes(const std::string& folder) {
    struct statvfs s {};
    if (statvfs(folder.c_str(), &s) != 0) return -1;
    return static_cast<int64_t>(s.f_bavail) * static_cast<int64_t>(s.f_frsize);
}

}  // namespace lectern
