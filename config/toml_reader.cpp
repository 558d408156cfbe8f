#include "toml_reader.h"

#include <fstream>
#include <sstream>

namespace lectern {

const toml::table TableReader::empty_table_{};

std::string InputProblem::to_string() const {
    std::ostringstream out;
    out << file;
    if (line > 0) out << ':' << line << ':' << column;
    out << ": ";
    if (!key.empty()) out << '\'' << key << "': ";
    out << message;
    return out.str();
}

static std::string join(const std::vector<InputProblem>& problems) {
    std::string all;
    for (const auto& p : problems) {
        if (!all.empty()) all += '\n';
        all += p.to_string();
    }
    return all;
}

InputError::InputError(std::vector<InputProblem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

void ProblemList::add(const toml::source_region& where, std::string key, std::string message) {
    problems_.push_back({file_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                         std::move(key), std::move(message)});
}

void ProblemList::add(std::string key, std::string message) {
    problems_.push_back({file_, 0, 0, std::move(key), std::move(message)});
}

void ProblemList::throw_if_any() const {
    if (!problems_.empty()) throw InputError(problems_);
}

TableReader::TableReader(const toml::table& table, std::string path, ProblemList& problems)
    : table_(table), path_(std::move(path)), problems_(problems) {}

std::string TableReader::full(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* TableReader::find(std::string_view key) {
    known_.emplace(key);
    return table_.get(key);
}

void TableReader::problem(std::string_view key, std::string message) {
    if (const toml::node* node = table_.get(key))
        problems_.add(node->source(), full(key), std::move(message));
    else
        problems_.add(table_.source(), full(key), std::move(message));
}

void TableReader::problem_here(std::string message) { problems_.add(table_.source(), path_, std::move(message)); }

std::string TableReader::text(std::string_view key, std::string fallback, bool required) {
    const toml::node* node = find(key);
    if (!node) {
        if (required) problems_.add(table_.source(), full(key), "is required (a text value)");
        return fallback;
    }
    if (auto value = node->value<std::string>()) return *value;
    problems_.add(node->source(), full(key), "must be text, e.g. " + std::string(key) + " = \"...\"");
    return fallback;
}

std::string TableReader::choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed) {
    const bool present = table_.get(key) != nullptr;
    std::string value = text(key, fallback);
    if (!present) return value;
    for (const auto& a : allowed)
        if (a == value) return value;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
    problem(key, "\"" + value + "\" is not allowed; use one of " + list);
    return fallback;
}

int64_t TableReader::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) {
    const toml::node* node = find(key);
    if (!node) return fallback;
    auto value = node->value_exact<int64_t>();
    if (!value) {
        problems_.add(node->source(), full(key), "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return fallback;
    }
    if (*value < min || *value > max) {
        problems_.add(node->source(), full(key),
                      std::to_string(*value) + " is out of range; use " + std::to_string(min) + " to " + std::to_string(max));
        return fallback;
    }
    return *value;
}

double TableReader::number(std::string_view key, double fallback, double min, double max) {
    const toml::node* node = find(key);
    if (!node) return fallback;
    auto value = node->value<double>();  // accepts integers too
    std::ostringstream range;
    range << min << " to " << max;
    if (!value || !(node->is_floating_point() || node->is_integer())) {
        problems_.add(node->source(), full(key), "must be a number from " + range.str());
        return fallback;
    }
    if (*value < min || *value > max) {
        std::ostringstream got;
        got << *value;
        problems_.add(node->source(), full(key), got.str() + " is out of range; use " + range.str());
        return fallback;
    }
    return *value;
}

bool TableReader::boolean(std::string_view key, bool fallback) {
    const toml::node* node = find(key);
    if (!node) return fallback;
    if (auto value = node->value_exact<bool>()) return *value;
    problems_.add(node->source(), full(key), "must be true or false (without quotes)");
    return fallback;
}

std::vector<std::string> TableReader::text_list(std::string_view key) {
    std::vector<std::string> out;
    const toml::node* node = find(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) {
        problems_.add(node->source(), full(key), "must be a list of text, e.g. [\"a\", \"b\"]");
        return out;
    }
    for (const auto& element : *array) {
        if (auto value = element.value<std::string>())
            out.push_back(*value);
        else
            problems_.add(element.source(), full(key), "every element must be text");
    }
    return out;
}

TableReader TableReader::table(std::string_view key) {
    const toml::node* node = find(key);
    if (node && node->is_table()) return TableReader(*node->as_table(), full(key), problems_);
    if (node) problems_.add(node->source(), full(key), "must be a table, e.g. [" + full(key) + "]");
    return TableReader(empty_table_, full(key), problems_);
}

void TableReader::each_table(std::string_view key, const std::function<void(TableReader&)>& each) {
    const toml::node* node = find(key);
    if (!node) return;
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables()) {
        problems_.add(node->source(), full(key), "must be a list of tables, written [[" + full(key) + "]]");
        return;
    }
    size_t index = 0;
    for (const auto& element : *array) {
        TableReader reader(*element.as_table(), full(key) + "[" + std::to_string(index++) + "]", problems_);
        each(reader);
        reader.finish();
    }
}

const toml::node* TableReader::raw(std::string_view key) { return find(key); }

void TableReader::finish() {
    for (const auto& [key, node] : table_) {
        if (known_.count(key.str())) continue;
        std::string allowed;
        for (const auto& k : known_) allowed += (allowed.empty() ? "" : ", ") + k;
        problems_.add(node.source(), full(key.str()),
                      "unknown key" + (allowed.empty() ? std::string() : "; this table takes " + allowed));
    }
}

static toml::table parse(std::string_view text, const std::string& name) {
    try {
        return toml::parse(text, name);  // the Debian build has exceptions on: errors throw
    } catch (const toml::parse_error& error) {
        InputProblem p{name, static_cast<int>(error.source().begin.line), static_cast<int>(error.source().begin.column), "",
                       "TOML syntax error: " + std::string(error.description())};
        throw InputError({p});
    }
}

toml::table parse_toml_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({{file, 0, 0, "", "cannot be read; check the path and its permissions"}});
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), file);
}

toml::table parse_toml_text(std::string_view text, const std::string& name) { return parse(text, name); }

}  // namespace lectern
