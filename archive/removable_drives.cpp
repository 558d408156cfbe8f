#include "removable_drives.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace lectern {
namespace {

// The mount table writes space, tab, newline and backslash in paths as octal escapes ("\040").
std::string unescape_mount_field(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 3), nullptr, 8));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string read_first_line(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
}

bool is_removable(const std::string& disk, const std::string& sys_block) {
    if (disk.empty()) return false;
    const fs::path entry = fs::path(sys_block) / disk;
    if (read_first_line(entry / "removable") == "1") return true;
    // Many USB sticks and card readers say removable=0; their device sits on a USB bus.
    std::error_code ec;
    const fs::path real = fs::canonical(entry, ec);
    return !ec && real.string().find("/usb") != std::string::npos;
}

}  // namespace

std::string disk_of_partition(const std::string& device, const std::string& sys_block) {
    if (device.rfind("/dev/", 0) != 0) return "";
    std::error_code ec;
    std::string name = fs::path(device).filename().string();
    if (fs::is_symlink(device, ec)) name = fs::canonical(device, ec).filename().string();  // /dev/disk/by-label/…
    if (fs::exists(fs::path(sys_block) / name, ec)) return name;  // a whole disk, mounted without partitions
    // A partition: its disk is the longest prefix that sysfs lists as a disk.
    for (size_t n = name.size(); n > 0; --n) {
        const std::string prefix = name.substr(0, n);
        if (fs::exists(fs::path(sys_block) / prefix / name, ec)) return prefix;
    }
    return "";
}

std::vector<RemovableDrive> list_removable_drives(const DriveSources& sources) {
    std::vector<RemovableDrive> drives;
    std::ifstream table(sources.mounts);
    std::string line;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string device, mount_point, type, options;
        if (!(fields >> device >> mount_point >> type >> options)) continue;
        device = unescape_mount_field(device);
        mount_point = unescape_mount_field(mount_point);
        if (("," + options + ",").find(",ro,") != std::string::npos) continue;  // cannot take a copy
        if (!is_removable(disk_of_partition(device, sources.sys_block), sources.sys_block)) continue;
        RemovableDrive d{mount_point, device, fs::path(mount_point).filename().string()};
        std::error_code ec;
        const fs::space_info space = fs::space(mount_point, ec);
        if (!ec) d.free_bytes = static_cast<int64_t>(space.available), d.total_bytes = static_cast<int64_t>(space.capacity);
        drives.push_back(std::move(d));
    }
    return drives;
}

}  // namespace lectern
