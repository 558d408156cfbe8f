// The workers that run route handlers which may wait (a remote command waits for the owning loop, a
// wrong staff password for its penalty, the catalogue for the disk, a preview for its JPEG), so that
// the server's network thread never does. Each connection has at most one request here at a time, so
// the queue is bounded by the server's connection limit.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lectern {

class RequestWorkers {
public:
    // Run with stopping == false, or with true when the pool stops before the task started, so
    // that it can still answer (503) and let go of its connection.
    using Task = std::function<void(bool stopping)>;

    explicit RequestWorkers(int threads);  // threads named lectern-http
    ~RequestWorkers();                     // stop()
    RequestWorkers(const RequestWorkers&) = delete;
    RequestWorkers& operator=(const RequestWorkers&) = delete;

    // False once stopping: the task is not taken (and never run).
    bool submit(Task task);
    // Takes no new tasks, lets the running ones finish, runs the waiting ones with stopping == true,
    // and joins the threads.
    void stop();

private:
    void work();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Task> tasks_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace lectern
