// What every harness checks: a parser either reads the bytes or refuses them with an InputError
// naming the places; any other exception, a crash, a leak, undefined behaviour or a hang is a finding.
#pragma once

#include "toml_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace lectern::fuzz {

inline std::string text_of(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

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
