// The [media] section: what to capture, how to encode it and where recordings go.
// config/lectern.example.toml documents every key with its default.
#pragma once

#include <string>

namespace lectern {

class TableReader;

struct MediaConfig {
    // Video source: synthetic (lavfi test pattern with clock + tone), sync (a flash and a beep every
    // second, for measuring A/V sync), v4l2, x11grab, rtsp, file.
    std::string source = "synthetic";
    std::string device = "/dev/video0";  // v4l2 device node
    std::string input_format;            // v4l2 input format (mjpeg, yuyv422); "" = driver default
    std::string display = ":0.0";        // x11grab display
    std::string url;                     // rtsp URL
    int rtsp_timeout_seconds = 5;
    std::string file;                    // file source path
    bool loop = true;                    // file source: start again at the end (a camera never ends)

    // Audio: "auto" = the video source's own audio (synthetic tone, file/rtsp audio) or silence;
    // "alsa", "pulse" = a separate capture device; "none" = silence.
    std::string audio_source = "auto";
    std::string audio_device = "default";
    int sample_rate = 48000;
    int channels = 2;
    int audio_bitrate_kbps = 128;

    int width = 1280;
    int height = 720;
    int fps = 30;
    // A source of another shape: "letterbox" (black bars, all of the picture), "stretch", "crop".
    std::string fit = "letterbox";
    std::string preset = "veryfast";  // libx264 preset, chosen by bench/media (see BENCHMARKS.md)
    int crf = 23;
    int video_bitrate_kbps = 0;      // 0 = constant quality (crf); otherwise average bitrate
    double keyframe_seconds = 1.0;   // one fragment per keyframe interval: a crash loses at most this much

    std::string output_dir = "~/Lectern/recordings";  // "~" is $HOME; no HOME = ./recordings
    std::string file_name = "{date}_{room}_{time}_{speaker}";
    int preview_width = 640;
    int preview_fps = 15;
    // Automatic recording and its padding are [session] auto_record / padding_seconds.
    int disk_warn_mb = 2048;
    int disk_stop_mb = 256;
};

void read_media(TableReader r, MediaConfig& c);

// output_dir with "~" expanded; ./recordings when HOME is unset.
std::string resolved_output_dir(const MediaConfig& c);

}  // namespace lectern
