// One deleter for every C library handle kept in a std::unique_ptr (curl, SQLite, OpenSSL):
// `std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>`.
#pragma once

namespace lectern {

template <auto Free>
struct CDeleter {
    template <class T>
    void operator()(T* handle) const {
        if (handle) Free(handle);
    }
};

}  // namespace lectern
