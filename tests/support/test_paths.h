// Where a test finds the source tree and the built binaries, decided at run time. Compile-time paths
// (-DLECTERN_SOURCE_DIR="/abs/clone") made every test object differ per clone, so ccache could share
// nothing between two clones (CI builds a fresh clone each time; README "Sanitizers").
#pragma once

#include <string>

// Not in namespace lectern: test files name their `lectern` binary path `lectern` at file scope.
namespace test_paths {

// <build>/bin: the folder of the running test executable (CMake puts every executable there).
const std::string& bin_dir();
// The source tree this build was configured from: $LECTERN_SOURCE_DIR when set, else the
// CMAKE_HOME_DIRECTORY line of <build>/CMakeCache.txt.
const std::string& source_dir();

}  // namespace test_paths

// std::string values: write `LECTERN_SOURCE_DIR + "/tests/data/x"`.
#define LECTERN_SOURCE_DIR ::test_paths::source_dir()
#define LECTERN_BIN_DIR ::test_paths::bin_dir()
