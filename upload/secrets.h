// Credentials for targets, from the environment or a separate TOML file that only its owner may
// read. They are handed to targets and nowhere else: not to logs, the queue, views or sidecars.
#pragma once

#include <map>
#include <string>

namespace lectern {

struct TargetSecret {
    std::string user;      // user name, or S3 access key id
    std::string password;  // password, or S3 secret access key
    bool present() const { return !user.empty() || !password.empty(); }
};

class Secrets {
public:
    // Reads `file` if not empty: TOML tables named after secrets, e.g.
    //   [archive-s3]
    //   user = "AKIA…"
    //   password = "…"
    // Throws std::runtime_error when the file is readable by group or others, naming the chmod.
    static Secrets load(const std::string& file);

    // Environment first: LECTERN_SECRET_<NAME>_USER / _PASSWORD, NAME upper-cased with
    // every other character as '_' (archive-s3 → LECTERN_SECRET_ARCHIVE_S3_USER); then the file.
    TargetSecret get(const std::string& name) const;
    // For secrets that arrive another way (a setup screen, tests); the environment still wins.
    void set(const std::string& name, TargetSecret secret) { from_file_[name] = std::move(secret); }

private:
    std::map<std::string, TargetSecret> from_file_;
};

std::string secret_env_prefix(const std::string& name);

}  // namespace lectern
