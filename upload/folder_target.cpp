// Folder target (NAS mount, USB disk, the local archive): copy to "<name>.part", fsync, read back
// and compare SHA-256, then rename into place, so a half-copied file never carries the final name.
#include "rate_limiter.h"
#include "sha256.h"
#include "upload_config.h"
#include "upload_target.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace lectern {
namespace {

namespace fs = std::filesystem;

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    ~Fd() { if (fd >= 0) ::close(fd); }
};

UploadError io_error(const std::string& what, const std::string& path, int err) {
    // A full or read-only disk will not fix itself by retrying in a minute; a technician must act.
    bool retryable = !(err == ENOSPC || err == EFBIG || err == EROFS || err == EACCES || err == EPERM || err == EDQUOT);
    std::string hint = err == ENOSPC || err == EDQUOT || err == EFBIG ? "the destination is full; free space or change the target's path"
                     : err == EROFS ? "the destination is read-only; remount it writable"
                     : err == EACCES || err == EPERM ? "no permission; let the kiosk's user write there"
                     : "check the disk and its mount; will retry";
    return {retryable, what + " " + path + " failed: " + std::strerror(err) + "; " + hint};
}

// Syncs the folder so the rename itself survives a power cut.
void fsync_dir(const fs::path& dir) {
    Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.fd >= 0) ::fsync(d.fd);
}

class FolderTarget final : public UploadTarget {
public:
    explicit FolderTarget(const UploadTargetConfig& c) : root_(expand_home(c.path)) {}

    UploadResult upload(UploadAttempt& a) override {
        fs::path final_path = root_ / (a.remote_key + a.media_extension);
        std::error_code ec;
        fs::create_directories(final_path.parent_path(), ec);
        if (ec) return tl::unexpected(io_error("creating folder", final_path.parent_path().string(), ec.value()));
        fs::path part = final_path;
        part += ".part";
        if (auto r = copy(a, part); !r) return r;
        a.verifying();
        // Drop the cached pages so the check reads what the disk holds, not what we just wrote.
        {
            Fd f(::open(part.c_str(), O_RDONLY | O_CLOEXEC));
            if (f.fd >= 0) posix_fadvise(f.fd, 0, 0, POSIX_FADV_DONTNEED);
        }
        std::string written;
        try {
            written = sha256_file(part.string());
        } catch (const std::exception& e) {
            return tl::unexpected(UploadError{true, std::string("verifying the copy failed: ") + e.what()});
        }
        if (written != a.media_sha256) {
            fs::remove(part, ec);
            return tl::unexpected(UploadError{true, "the copy at " + part.string() + " differs from the recording (SHA-256); "
                                                    "the disk may be failing; will retry"});
        }
        if (::rename(part.c_str(), final_path.c_str()) != 0) return tl::unexpected(io_error("renaming to", final_path.string(), errno));
        fsync_dir(final_path.parent_path());
        return write_sidecar(a, root_ / (a.remote_key + ".json"));
    }

private:
    UploadResult copy(UploadAttempt& a, const fs::path& part) {
        Fd in(::open(a.media_path.c_str(), O_RDONLY | O_CLOEXEC));
        if (in.fd < 0) return tl::unexpected(UploadError{false, "cannot read the recording " + a.media_path + ": " + std::strerror(errno)});
        posix_fadvise(in.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        Fd out(::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (out.fd < 0) return tl::unexpected(io_error("creating", part.string(), errno));
        std::vector<char> buffer(1 << 20);
        int64_t done = 0;
        while (true) {
            ssize_t n = ::read(in.fd, buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return tl::unexpected(UploadError{true, "reading " + a.media_path + " failed: " + std::strerror(errno)});
            if (n == 0) break;
            if (a.limiter) a.limiter->acquire(n);
            for (ssize_t off = 0; off < n;) {
                ssize_t w = ::write(out.fd, buffer.data() + off, n - off);
                if (w < 0 && errno == EINTR) continue;
                if (w < 0) {
                    int err = errno;
                    ::unlink(part.c_str());
                    return tl::unexpected(io_error("writing", part.string(), err));
                }
                off += w;
            }
            done += n;
            if (!a.progress(done)) {
                ::unlink(part.c_str());
                return tl::unexpected(UploadError{false, "copy stopped: the job was paused or cancelled"});
            }
        }
        // Without fsync a power cut could leave a renamed file full of zeros.
        if (::fsync(out.fd) != 0) {
            int err = errno;
            ::unlink(part.c_str());
            return tl::unexpected(io_error("flushing", part.string(), err));
        }
        return {};
    }

    UploadResult write_sidecar(const UploadAttempt& a, const fs::path& path) {
        fs::path part = path;
        part += ".part";
        Fd out(::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (out.fd < 0) return tl::unexpected(io_error("creating", part.string(), errno));
        const std::string& text = a.sidecar.raw_json;
        if (::write(out.fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(out.fd) != 0)
            return tl::unexpected(io_error("writing", part.string(), errno));
        if (::rename(part.c_str(), path.c_str()) != 0) return tl::unexpected(io_error("renaming to", path.string(), errno));
        fsync_dir(path.parent_path());
        return {};
    }

    fs::path root_;
};

}  // namespace

std::unique_ptr<UploadTarget> make_folder_target(const UploadTargetConfig& c) { return std::make_unique<FolderTarget>(c); }

}  // namespace lectern
