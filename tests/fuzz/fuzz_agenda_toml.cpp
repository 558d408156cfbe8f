// Lectern's own agenda TOML, and the choice of format by content in front of every importer.
#include "agenda_file.h"
#include "fuzz_input.h"
#include "schedule_import.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return lectern::fuzz::load_time_zones(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lectern::fuzz::read_or_refuse(data, size, [](const std::string& text) { lectern::load_agenda_text(text, "fuzz.toml"); });
    return lectern::fuzz::read_or_refuse(data, size, [](const std::string& text) { lectern::import_schedule(text, "fuzz"); });
}
