// What the screens show of the recorder: a plain snapshot filled by the shell from the media
// pipeline's status once per frame (the preview is already a texture), so drawing never touches it.
#pragma once

#include "agenda.h"

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

struct RecorderView {
    enum class State { Unavailable, Idle, Recording, Paused, Failed };
    State state = State::Unavailable;
    std::string message;              // why it failed, or what it is doing
    std::string item_id;              // the agenda item being recorded
    seconds elapsed{0};
    uint64_t file_bytes = 0;
    uint64_t dropped_frames = 0;
    double fps = 0;
    std::vector<std::string> alerts;  // "no signal", "disk low", … in plain words
    std::vector<float> peak_dbfs;     // per channel, −inf…0
    std::vector<float> rms_dbfs;
    ImTextureID preview = nullptr;    // latest preview frame, or null
    int preview_width = 0;
    int preview_height = 0;
};

}  // namespace lectern
