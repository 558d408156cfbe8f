#include "request_workers.h"

#include <pthread.h>

namespace lectern {

RequestWorkers::RequestWorkers(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

RequestWorkers::~RequestWorkers() { stop(); }

bool RequestWorkers::submit(Task task) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
    return true;
}

void RequestWorkers::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

void RequestWorkers::work() {
    pthread_setname_np(pthread_self(), "lectern-http");
    for (;;) {
        Task task;
        bool stopping = false;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;  // stopping, and nothing left to answer
            task = std::move(tasks_.front());
            tasks_.pop_front();
            stopping = stopping_;
        }
        task(stopping);
    }
}

}  // namespace lectern
