// schedule JSON v1 and v2 (nlohmann-json).
#include "fuzz_input.h"
#include "schedule_import.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return lectern::fuzz::load_time_zones(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return lectern::fuzz::read_or_refuse(data, size, [](const std::string& text) { lectern::import_schedule_json(text, "fuzz.json"); });
}
