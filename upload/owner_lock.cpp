#include "owner_lock.h"

#include "encoding.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace lectern {

OwnerLock::OwnerLock(const std::string& queue_path) : dir_(queue_path + ".owners") {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    std::random_device random;
    std::string bytes;
    for (int i = 0; i < 4; ++i) {
        unsigned value = random();
        bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    // The PID is only there for a person reading the folder; liveness comes from the lock.
    token_ = std::to_string(getpid()) + "-" + to_hex(bytes);
    std::string path = dir_ + "/" + token_ + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX | LOCK_NB) != 0)
        throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno) +
                                 "; the upload queue's folder must be writable by the kiosk's user");
}

OwnerLock::~OwnerLock() {
    ::unlink((dir_ + "/" + token_ + ".lock").c_str());
    ::close(fd_);
}

bool OwnerLock::alive(const std::string& token) const {
    if (token.empty()) return false;
    if (token == token_) return true;
    if (token.find('/') != std::string::npos || token.find("..") != std::string::npos) return false;
    std::string path = dir_ + "/" + token + ".lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return errno != ENOENT;  // no file: that owner ended and was cleaned up
    bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (!held) ::unlink(path.c_str());  // the owner ended without removing it (kill -9)
    ::close(fd);
    return held;
}

}  // namespace lectern
