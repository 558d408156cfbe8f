// Titles from real exports carry HTML: entities (&amp;, &eacute;, &#8211;) and markup (<em>).
// The screens draw plain text, so markup is removed and entities decoded with libxml2's HTML parser.
#pragma once

#include <string>

namespace lectern {

// Plain text with runs of white space collapsed to one space; changed is set when anything was removed.
std::string plain_text(const std::string& text, bool* changed = nullptr);

}  // namespace lectern
