// Folder target (NAS mount, USB disk, the local archive): copy to "<name>.part", fsync, read back
// and compare SHA-256, then rename into place, so a half-copied file never carries the final name.
// A different file already at the name is never replaced (remote_name.h; the rename itself
// refuses to replace one, RENAME_NOREPLACE); the same recording there counts as uploaded.
#include "rate_limiter.h"
#include "remote_name.h"
#include "sha256.h"
#include "upload_config.h"
#include "upload_target.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat2
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
    bool retryable = !(err == ENOSPC || err == EFBIG || err == EROFS || err == EACCES || err == EPERM || err == EDQUOT ||
                       err == ENAMETOOLONG);
    std::string hint = err == ENOSPC || err == EDQUOT || err == EFBIG ? "the destination is full; free space or change the target's path"
                     : err == EROFS ? "the destination is read-only; remount it writable"
                     : err == EACCES || err == EPERM ? "no permission; let the kiosk's user write there"
                     : err == ENAMETOOLONG ? "the file system refuses a name this long; shorten the target's path or key_template"
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
        auto there = claim_remote_name(a, [&](const std::string& key) { return probe(a, root_ / (key + a.media_extension)); });
        if (!there) return tl::unexpected(there.error());
        fs::path final_path = root_ / (a.remote_key + a.media_extension);
        if (*there) {  // an earlier attempt copied and checked it, then ended before it was recorded
            a.grade = VerifyGrade::Checksum;
            return write_sidecar(a, root_ / (a.remote_key + ".json"));
        }
        std::error_code ec;
        fs::create_directories(final_path.parent_path(), ec);
        if (ec) return tl::unexpected(io_error("creating folder", final_path.parent_path().string(), ec.value()));
        fs::path part = final_path;
        part += ".part";
        if (auto r = copy(a, part); !r) return r;
        a.verifying();
        if (read_back(part) != a.media_sha256) {
            fs::remove(part, ec);
            return tl::unexpected(UploadError{true, "the copy at " + part.string() + " differs from the recording (SHA-256); "
                                                    "the disk may be failing; will retry"});
        }
        if (::renameat2(AT_FDCWD, part.c_str(), AT_FDCWD, final_path.c_str(), RENAME_NOREPLACE) != 0) {
            int err = errno;
            fs::remove(part, ec);
            if (err == EEXIST)  // another writer took the name since the probe: the next attempt probes again
                return tl::unexpected(UploadError{true, "a file appeared at " + final_path.string() + " meanwhile; will retry under another name"});
            return tl::unexpected(io_error("renaming to", final_path.string(), err));
        }
        fsync_dir(final_path.parent_path());
        a.grade = VerifyGrade::Checksum;
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

    // What the disk holds (cached pages dropped first, so this is no echo of what was written);
    // "" when it cannot be read.
    static std::string read_back(const fs::path& path) {
        {
            Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
            if (f.fd >= 0) posix_fadvise(f.fd, 0, 0, POSIX_FADV_DONTNEED);
        }
        try {
            return sha256_file(path.string());
        } catch (const std::exception&) {
            return {};
        }
    }

    static tl::expected<RemoteCopy, UploadError> probe(const UploadAttempt& a, const fs::path& path) {
        std::error_code ec;
        auto status = fs::symlink_status(path, ec);
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
            return tl::unexpected(io_error("checking", path.string(), ec.value()));
        if (!fs::exists(status)) return RemoteCopy::Absent;
        if (!fs::is_regular_file(status) || static_cast<int64_t>(fs::file_size(path, ec)) != a.media_size) return RemoteCopy::Different;
        return read_back(path) == a.media_sha256 ? RemoteCopy::Same : RemoteCopy::Different;
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
