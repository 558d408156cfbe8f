// "~" in configured paths, expanded in one place with one fallback, for every setting that takes a
// path (recordings folder, upload archive, queue database, secrets file).
#pragma once

#include <string>

namespace lectern {

// "~" and "~/x" → the user's home ($HOME, else the passwd entry's home; "." when neither exists,
// e.g. a service account without one); other paths unchanged.
std::string expand_home(const std::string& path);

}  // namespace lectern
