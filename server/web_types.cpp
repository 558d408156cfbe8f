#include "web_types.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace lectern {
namespace {

const std::string kNone;

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

template <class Pairs, class Same>
const std::string* find_value(const Pairs& pairs, std::string_view key, Same same) {
    auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return same(p.first, key); });
    return it == pairs.end() ? nullptr : &it->second;
}

bool exactly(std::string_view a, std::string_view b) { return a == b; }

}  // namespace

bool WebRequest::has_header(std::string_view name) const { return find_value(headers, name, same_name) != nullptr; }

const std::string& WebRequest::get_header_value(std::string_view name) const {
    const std::string* v = find_value(headers, name, same_name);
    return v ? *v : kNone;
}

bool WebRequest::has_param(std::string_view key) const { return find_value(params, key, exactly) != nullptr; }

const std::string& WebRequest::get_param_value(std::string_view key) const {
    const std::string* v = find_value(params, key, exactly);
    return v ? *v : kNone;
}

FileBody& FileBody::operator=(FileBody&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        size_ = other.size_;
    }
    return *this;
}

FileBody::~FileBody() {
    if (fd_ >= 0) ::close(fd_);
}

bool WebResponse::set_file(const std::string& path, std::string type) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return false;
    }
    file = FileBody(fd, static_cast<uint64_t>(st.st_size));
    content_type = std::move(type);
    return true;
}

}  // namespace lectern
