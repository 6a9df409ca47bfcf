// Runs an expensive step for many items on worker threads while the calling thread consumes the results
// in item order (e.g. analysis in parallel feeding Xapian's single writer), with a bounded backlog.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace capsearch::index {

/// `requested` worker threads, or one per core when 0.
inline unsigned resolve_thread_count(unsigned requested) {
    if (requested > 0) return requested;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 1;
}

/// Calls produce(i) for every i in [0, n) on `threads` workers and consume(i, result) on the calling
/// thread in increasing i, with at most `window` results produced ahead of consumption. While waiting,
/// idle() is called on the calling thread about every 100 ms. An exception from produce(i) is rethrown
/// when item i's turn comes; an exception from consume or idle stops the workers and is rethrown.
template <typename Result>
void run_ordered(std::size_t n, unsigned threads, std::size_t window,
                 const std::function<Result(std::size_t)>& produce,
                 const std::function<void(std::size_t, Result&&)>& consume,
                 const std::function<void()>& idle) {
    if (threads <= 1 || n <= 1) {
        for (std::size_t i = 0; i < n; ++i) consume(i, produce(i));
        return;
    }
    struct Slot {
        std::optional<Result> result;
        std::exception_ptr error;
        bool ready = false;
    };
    std::vector<Slot> slots(n);
    std::mutex mu;
    std::condition_variable produced;  // A slot became ready.
    std::condition_variable room;      // The backlog shrank, or stop.
    std::size_t next = 0;              // Next item to claim.
    std::size_t consumed = 0;          // Items handed to consume().
    bool stop = false;

    auto worker = [&] {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(mu);
                room.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
                if (stop || next >= n) return;
                i = next++;
            }
            Slot local;
            try {
                local.result.emplace(produce(i));
            } catch (...) {
                local.error = std::current_exception();
            }
            {
                std::lock_guard lock(mu);
                slots[i].result = std::move(local.result);
                slots[i].error = local.error;
                slots[i].ready = true;
            }
            produced.notify_all();
        }
    };

    std::vector<std::thread> pool;
    auto finish = [&] {
        {
            std::lock_guard lock(mu);
            stop = true;
        }
        room.notify_all();
        for (std::thread& t : pool) t.join();
        pool.clear();
    };
    try {
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
        for (std::size_t i = 0; i < n; ++i) {
            Slot slot;
            {
                std::unique_lock lock(mu);
                while (!slots[i].ready) {
                    if (produced.wait_for(lock, std::chrono::milliseconds(100)) == std::cv_status::timeout) {
                        lock.unlock();
                        idle();
                        lock.lock();
                    }
                }
                slot = std::move(slots[i]);
                slots[i] = Slot{};
                consumed = i + 1;
            }
            room.notify_all();
            if (slot.error) std::rethrow_exception(slot.error);
            consume(i, std::move(*slot.result));
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
}

}  // namespace capsearch::index
