// httplib's own ThreadPool queues accepted connections without limit; this one holds at most
// `max_pending` and makes the listener wait beyond that, so a flood of clients backs up in the
// kernel's accept backlog instead of in our memory, and the recorder never notices.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lectern {

class BoundedTaskQueue : public httplib::TaskQueue {
public:
    BoundedTaskQueue(int threads, int max_pending);
    ~BoundedTaskQueue() override;

    void enqueue(std::function<void()> fn) override;  // waits while max_pending tasks wait
    void shutdown() override;                         // runs what is queued, then joins

private:
    void work();

    size_t max_pending_;
    std::mutex mutex_;
    std::condition_variable has_work_;
    std::condition_variable has_room_;
    std::deque<std::function<void()>> tasks_;
    bool shutting_down_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace lectern
