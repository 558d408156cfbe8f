#include "secrets.h"

#include "toml_reader.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace lectern {

std::string secret_env_prefix(const std::string& name) {
    std::string out = "LECTERN_SECRET_";
    for (unsigned char c : name) out += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
    return out;
}

Secrets Secrets::load(const std::string& file) {
    Secrets s;
    if (file.empty()) return s;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        throw std::runtime_error("secrets file " + file + " cannot be read; create it (mode 0600) or remove upload.secrets_file");
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        throw std::runtime_error("secrets file " + file + " is readable by other users; run: chmod 600 " + file);
    toml::table root = parse_toml_file(file);
    for (const auto& [key, node] : root) {
        const toml::table* t = node.as_table();
        if (!t) throw std::runtime_error("secrets file " + file + ": \"" + std::string(key.str()) +
                                         "\" must be a table, e.g. [" + std::string(key.str()) + "] with user and password");
        TargetSecret secret;
        secret.user = t->get("user") ? t->get("user")->value_or(std::string()) : "";
        secret.password = t->get("password") ? t->get("password")->value_or(std::string()) : "";
        s.from_file_[std::string(key.str())] = secret;
    }
    return s;
}

TargetSecret Secrets::get(const std::string& name) const {
    TargetSecret secret;
    auto it = from_file_.find(name);
    if (it != from_file_.end()) secret = it->second;
    std::string prefix = secret_env_prefix(name);
    if (const char* u = std::getenv((prefix + "_USER").c_str())) secret.user = u;
    if (const char* p = std::getenv((prefix + "_PASSWORD").c_str())) secret.password = p;
    return secret;
}

}  // namespace lectern
