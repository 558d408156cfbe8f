// A fixed-capacity queue between two threads. A live producer uses try_push and counts what does
// not fit (a network stream waits a little with push_until); a non-live one (a file read as fast
// as possible) waits with push.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace lectern {

template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

    bool try_push(T value) {
        std::lock_guard lock(mutex_);
        if (items_.size() >= capacity_) return false;
        items_.push_back(std::move(value));
        ready_.notify_one();
        return true;
    }
    // Waits for room; false when closed.
    bool push(T value) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(value));
        ready_.notify_one();
        return true;
    }
    // Waits for room until deadline; false (value kept) when it is still full then, or closed.
    bool push_until(T& value, std::chrono::steady_clock::time_point deadline) {
        std::unique_lock lock(mutex_);
        if (!room_.wait_until(lock, deadline, [&] { return closed_ || items_.size() < capacity_; }) || closed_)
            return false;
        items_.push_back(std::move(value));
        ready_.notify_one();
        return true;
    }
    std::optional<T> pop_for(std::chrono::steady_clock::duration timeout) {
        std::unique_lock lock(mutex_);
        if (!ready_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return std::nullopt;
        T value = std::move(items_.front());
        items_.pop_front();
        room_.notify_one();
        return value;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        room_.notify_all();
    }
    void reopen() {
        std::lock_guard lock(mutex_);
        closed_ = false;
    }
    size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }
    size_t capacity() const { return capacity_; }

private:
    mutable std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<T> items_;
    size_t capacity_;
    bool closed_ = false;
};

}  // namespace lectern
