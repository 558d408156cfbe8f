#include "drive_copier.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lectern {

DriveCopier::~DriveCopier() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
}

bool DriveCopier::start(std::vector<Recording> selection, const std::string& mount_point, const std::string& label) {
    {
        std::lock_guard lock(mutex_);
        if (status_.state == DriveCopyStatus::State::Copying) return false;
        status_ = DriveCopyStatus{DriveCopyStatus::State::Copying, label, {}, false, ""};
        status_.progress.files_total = static_cast<int>(selection.size());
    }
    if (thread_.joinable()) thread_.join();  // the last copy already ended
    cancel_ = false;
    thread_ = std::thread([this, selection = std::move(selection), mount_point, label] {
        pthread_setname_np(pthread_self(), "archive-copy");
        setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);  // the recorder comes first
        ExportOptions options;
        options.title = "Recordings from Lectern";
        options.cancel = &cancel_;
        options.progress = [this](const ExportProgress& p) {
            std::lock_guard lock(mutex_);
            status_.progress = p;
        };
        const DriveCopyReport report = copy_to_drive(selection, mount_point, options);
        std::lock_guard lock(mutex_);
        status_.safe_to_remove = report.safe_to_remove;
        if (report.safe_to_remove) {
            status_.state = DriveCopyStatus::State::Done;
            status_.message = std::to_string(report.copied.recordings.size()) + " recording" +
                              (report.copied.recordings.size() == 1 ? "" : "s") + " copied and verified to " + label +
                              ". Safe to remove the drive.";
        } else {
            status_.state = DriveCopyStatus::State::Failed;
            status_.message = report.problem + ". Files on " + label + " without a matching checksum were not kept.";
        }
        ended_.notify_all();
    });
    return true;
}

DriveCopyStatus DriveCopier::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

bool DriveCopier::wait(std::chrono::milliseconds deadline) {
    std::unique_lock lock(mutex_);
    return ended_.wait_for(lock, deadline, [&] { return status_.state != DriveCopyStatus::State::Copying; });
}

}  // namespace lectern
