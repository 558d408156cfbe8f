// The station's own thread between the frame and the upload queue's database: it hands recordings
// that waited out the undo window on to the queue, and applies the technician's retry, pause and
// cancel. SQLite may wait up to its busy timeout (another process writing the queue, a slow disk);
// the frame only posts and returns (issue 12 item 14).
#pragma once

#include "held_recordings.h"
#include "screens/screen.h"
#include "upload_service.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

class UploadHandoff {
public:
    // `uploads` may be null (the upload service did not start): held files then stay held and
    // written down. `on_problem` gets an action's failure in words, on this object's thread.
    UploadHandoff(HeldRecordings& held, UploadService* uploads, std::function<void(const std::string&)> on_problem);
    ~UploadHandoff();  // finishes the round in progress; intents not yet applied are dropped

    // Frame thread: returns at once; the actions are applied in order on the handoff thread.
    void post(const std::vector<Intent>& intents);

private:
    void run();
    void apply(const Intent& intent);

    HeldRecordings& held_;
    UploadService* const uploads_;
    const std::function<void(const std::string&)> on_problem_;
    std::mutex mutex_;  // guards pending_ and stopping_ only: never held around SQLite
    std::condition_variable wake_;
    std::vector<Intent> pending_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace lectern
