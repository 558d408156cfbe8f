#include "plain_text.h"

#include <libxml/HTMLparser.h>

#include <memory>

namespace lectern {
namespace {

std::string collapse_space(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string html_text(const std::string& text) {
    const std::string page = "<html><body><p>" + text + "</p></body></html>";
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
        xmlFreeDoc);
    if (!doc) return text;
    xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return "";
    std::unique_ptr<xmlChar, void (*)(xmlChar*)> content(xmlNodeGetContent(root), [](xmlChar* p) { xmlFree(p); });
    return content ? reinterpret_cast<const char*>(content.get()) : "";
}

}  // namespace

std::string plain_text(const std::string& text, bool* changed) {
    const bool markup = text.find_first_of("<&") != std::string::npos;
    std::string out = collapse_space(markup ? html_text(text) : text);
    // Non-breaking spaces from &nbsp; are spaces on a sign.
    for (size_t at; (at = out.find("\xC2\xA0")) != std::string::npos;) out.replace(at, 2, " ");
    if (changed) *changed = markup && out != collapse_space(text);
    return out;
}

}  // namespace lectern
