#include "bounded_task_queue.h"

#include <pthread.h>

namespace lectern {

BoundedTaskQueue::BoundedTaskQueue(int threads, int max_pending)
    : max_pending_(static_cast<size_t>(max_pending < 1 ? 1 : max_pending)) {
    for (int i = 0; i < (threads < 1 ? 1 : threads); ++i) workers_.emplace_back([this] { work(); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

void BoundedTaskQueue::enqueue(std::function<void()> fn) {
    std::unique_lock lock(mutex_);
    has_room_.wait(lock, [&] { return tasks_.size() < max_pending_ || shutting_down_; });
    tasks_.push_back(std::move(fn));
    has_work_.notify_one();
}

void BoundedTaskQueue::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (shutting_down_ && workers_.empty()) return;
        shutting_down_ = true;
    }
    has_work_.notify_all();
    has_room_.notify_all();
    for (auto& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void BoundedTaskQueue::work() {
    pthread_setname_np(pthread_self(), "lectern-http");
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            has_work_.wait(lock, [&] { return !tasks_.empty() || shutting_down_; });
            if (tasks_.empty()) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
            has_room_.notify_one();
        }
        task();  // httplib's connection handler: it closes the socket itself
    }
}

}  // namespace lectern
