// What every harness checks: a parser either reads the bytes or refuses them with an InputError
// naming the places; any other exception, a crash, a leak, undefined behaviour or a hang is a finding.
#pragma once

#include "toml_reader.h"

#include <date/tz.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace lectern::fuzz {

inline std::string text_of(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

// Loads every zone of the tz database once, before fuzzing: a programme whose offsets fit none of its
// named zone makes the importer try them all, and the first such input would otherwise pay for
// reading ~600 zone files (seconds on a busy machine), which libFuzzer's -timeout counts as a hang.
inline int load_time_zones() {
    for (const auto& zone : date::get_tzdb().zones) zone.get_info(std::chrono::sys_seconds{});
    return 0;
}

template <class Parse>
int read_or_refuse(const uint8_t* data, size_t size, Parse parse) {
    try {
        parse(text_of(data, size));
    } catch (const InputError&) {
        // A refusal with every problem by place: what a bad file must get.
    }
    return 0;
}

}  // namespace lectern::fuzz
