// The kiosk's configuration file (config/).
#include "fuzz_input.h"
#include "lectern_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return lectern::fuzz::read_or_refuse(data, size, [](const std::string& text) { lectern::load_config_text(text, "fuzz.toml"); });
}
