// Reads one TOML table with a known set of keys, so that every configuration or agenda section
// reports unknown keys, wrong types and bad values with file, line and key, and says what is allowed.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lectern {

// One problem in an input file, with where it is and what would fix it.
struct InputProblem {
    std::string file;
    int line = 0;
    int column = 0;
    std::string key;      // dotted path, e.g. "media.video.width"
    std::string message;  // what is wrong and what is allowed

    std::string to_string() const;
};

// Thrown when an input file cannot be used; holds every problem found, not just the first.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<InputProblem> problems);
    const std::vector<InputProblem>& problems() const { return problems_; }

private:
    std::vector<InputProblem> problems_;
};

// Collects problems across a whole file so the user sees them all at once.
class ProblemList {
public:
    explicit ProblemList(std::string file) : file_(std::move(file)) {}
    void add(const toml::source_region& where, std::string key, std::string message);
    void add(std::string key, std::string message);  // no position (e.g. a missing key)
    const std::string& file() const { return file_; }
    bool empty() const { return problems_.empty(); }
    void throw_if_any() const;

private:
    std::string file_;
    std::vector<InputProblem> problems_;
};

// Typed access to one table. Each getter marks the key as known; finish() reports the rest.
class TableReader {
public:
    TableReader(const toml::table& table, std::string path, ProblemList& problems);

    std::string text(std::string_view key, std::string fallback, bool required = false);
    std::string choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed);
    int64_t integer(std::string_view key, int64_t fallback, int64_t min, int64_t max);
    double number(std::string_view key, double fallback, double min, double max);
    bool boolean(std::string_view key, bool fallback);
    std::vector<std::string> text_list(std::string_view key);
    // A sub-table; an absent one reads as empty so its defaults apply.
    TableReader table(std::string_view key);
    // An array of tables ([[key]]); calls each with a reader for the element.
    void each_table(std::string_view key, const std::function<void(TableReader&)>& each);
    // The raw node for types the reader does not know (dates); marks the key as known.
    const toml::node* raw(std::string_view key);

    void problem(std::string_view key, std::string message);
    void problem_here(std::string message);
    const std::string& path() const { return path_; }
    ProblemList& problems() { return problems_; }

    // Reports every key that no getter asked for.
    void finish();

private:
    std::string full(std::string_view key) const;
    const toml::node* find(std::string_view key);

    const toml::table& table_;
    std::string path_;
    ProblemList& problems_;
    std::set<std::string, std::less<>> known_;
    static const toml::table empty_table_;
};

// Parses a TOML file or text; syntax errors become InputError with line and column.
toml::table parse_toml_file(const std::string& file);
toml::table parse_toml_text(std::string_view text, const std::string& name);

}  // namespace lectern
