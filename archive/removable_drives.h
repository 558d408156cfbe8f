// The removable drives a staff member may copy recordings to: USB sticks and SD cards that the
// desktop (or udisks, or a hand-typed mount) has mounted. Read from the mount table and sysfs, with
// both places injectable so tests can present a temporary folder as "a stick". Display-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

struct RemovableDrive {
    std::string mount_point;   // where to copy to
    std::string device;        // e.g. /dev/sdb1
    std::string label;         // what staff read: the mount folder's name ("KINGSTON")
    int64_t free_bytes = -1, total_bytes = -1;  // -1 = unknown
};

struct DriveSources {
    std::string mounts = "/proc/mounts";     // the kernel's mount table (fstab format)
    std::string sys_block = "/sys/block";    // <disk>/removable is "1" for removable media
};

// Mounted, writable file systems on removable block devices (or on a USB bus), in mount order.
// Never throws: an unreadable table gives an empty list.
std::vector<RemovableDrive> list_removable_drives(const DriveSources& sources = {});

// "/dev/sdb1" → "sdb", "/dev/mmcblk0p1" → "mmcblk0", "/dev/nvme0n1p2" → "nvme0n1": the disk whose
// sysfs entry says whether it is removable ("" when the name is not a block device's).
std::string disk_of_partition(const std::string& device, const std::string& sys_block);

}  // namespace lectern
