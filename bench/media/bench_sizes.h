// The media benchmarks' --sizes argument: "1920x1080,1280x720" as (width, height) pairs.
#pragma once

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace lectern::bench {

inline std::vector<std::pair<int, int>> parse_sizes(const std::string& list) {
    std::vector<std::pair<int, int>> sizes;
    std::stringstream in(list);
    for (std::string s; std::getline(in, s, ',');) sizes.emplace_back(std::stoi(s), std::stoi(s.substr(s.find('x') + 1)));
    return sizes;
}

}  // namespace lectern::bench
