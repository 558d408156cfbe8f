#include "byte_range.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace lectern {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A non-empty run of digits that fits in 63 bits; nullopt otherwise.
std::optional<uint64_t> number(std::string_view s) {
    uint64_t n = 0;
    if (s.empty() || s.size() > 18) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}

ByteRange part(uint64_t first, uint64_t last) { return {ByteRange::Part, first, last - first + 1}; }

}  // namespace

ByteRange byte_range(std::string_view header, uint64_t size) {
    const ByteRange whole{}, unsatisfiable{ByteRange::Unsatisfiable};
    header = trimmed(header);
    constexpr std::string_view unit = "bytes=";
    if (header.size() <= unit.size()) return whole;
    for (size_t i = 0; i < unit.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != unit[i]) return whole;  // "Bytes=" too
    const std::string_view spec = trimmed(header.substr(unit.size()));
    if (spec.find(',') != std::string_view::npos) return whole;  // several ranges: no multipart answers
    const size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return whole;
    const std::string_view from = trimmed(spec.substr(0, dash)), to = trimmed(spec.substr(dash + 1));
    if (from.empty()) {  // the last N bytes
        auto n = number(to);
        if (!n) return whole;
        if (*n == 0 || size == 0) return unsatisfiable;
        return part(size - std::min(*n, size), size - 1);
    }
    auto first = number(from);
    if (!first) return whole;
    std::optional<uint64_t> last;
    if (!to.empty() && !(last = number(to))) return whole;
    if (last && *last < *first) return whole;  // invalid, so ignored (RFC 9110, 14.1.1)
    if (*first >= size) return unsatisfiable;
    return part(*first, last ? std::min(*last, size - 1) : size - 1);
}

}  // namespace lectern
