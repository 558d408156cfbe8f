// `lectern devices`: the V4L2 video nodes and ALSA capture cards this machine has, with the
// names to put into [media] device / audio_device.
#include "commands.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <linux/videodev2.h>
#include <set>
#include <sys/ioctl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace lectern {

int run_devices_command(const std::vector<std::string>& args) {
    if (!args.empty()) {
        std::fprintf(stderr, "lectern devices: takes no options (got \"%s\")\n", args[0].c_str());
        return 2;
    }
    std::set<std::string> nodes;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/dev", ec))
        if (e.path().filename().string().rfind("video", 0) == 0) nodes.insert(e.path().string());
    std::printf("Video (V4L2) — [media] source = \"v4l2\", device = ...\n");
    if (nodes.empty()) std::printf("  none found (no /dev/video*; is the camera plugged in and its driver loaded?)\n");
    for (const auto& node : nodes) {
        int fd = ::open(node.c_str(), O_RDONLY | O_NONBLOCK);
        if (fd < 0) {
            std::printf("  %s  (cannot open: add this user to the 'video' group)\n", node.c_str());
            continue;
        }
        v4l2_capability cap{};
        if (ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0) {
            uint32_t caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps : cap.capabilities;
            std::printf("  %s  %s (%s)%s\n", node.c_str(), reinterpret_cast<const char*>(cap.card),
                        reinterpret_cast<const char*>(cap.driver),
                        caps & V4L2_CAP_VIDEO_CAPTURE ? "" : "  [not a capture node]");
        }
        ::close(fd);
    }
    std::printf("Audio (ALSA) — [media] audio_source = \"alsa\", audio_device = \"hw:CARD,0\"\n");
    std::ifstream cards("/proc/asound/cards");
    std::string line;
    bool any = false;
    while (std::getline(cards, line)) {
        // " 0 [PCH            ]: HDA-Intel - HDA Intel PCH": the index line of each card.
        auto open = line.find('[');
        if (open == std::string::npos || line.find("]:") == std::string::npos) continue;
        std::string index = line.substr(0, open);
        index.erase(0, index.find_first_not_of(' '));
        index.erase(index.find_last_not_of(' ') + 1);
        std::printf("  hw:%s,0  %s\n", index.c_str(), line.substr(line.find("]:") + 3).c_str());
        any = true;
    }
    if (!any) std::printf("  none found (no /proc/asound/cards entries)\n");
    std::printf("Synthetic test pattern: always available — [media] source = \"synthetic\"\n");
    return 0;
}

}  // namespace lectern
