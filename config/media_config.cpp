#include "media_config.h"

#include "home_path.h"
#include "toml_reader.h"


namespace lectern {

void read_media(TableReader r, MediaConfig& c) {
    c.source = r.choice("source", c.source, {"synthetic", "sync", "camera_like", "v4l2", "x11grab", "rtsp", "file"});
    c.device = r.text("device", c.device);
    c.input_format = r.text("input_format", c.input_format);
    c.display = r.text("display", c.display);
    c.url = r.text("url", c.url);
    c.rtsp_timeout_seconds = static_cast<int>(r.integer("rtsp_timeout_seconds", c.rtsp_timeout_seconds, 1, 120));
    c.file = r.text("file", c.file);
    c.loop = r.boolean("loop", c.loop);
    if (c.source == "rtsp" && c.url.rfind("rtsp://", 0) != 0)
        r.problem("url", "source = \"rtsp\" needs url = \"rtsp://host:554/path\"");
    if (c.source == "file" && c.file.empty()) r.problem("file", "source = \"file\" needs file = \"/path/to/video.mp4\"");

    c.audio_source = r.choice("audio_source", c.audio_source, {"auto", "alsa", "pulse", "none"});
    c.audio_device = r.text("audio_device", c.audio_device);
    c.sample_rate = static_cast<int>(r.integer("sample_rate", c.sample_rate, 8000, 96000));
    c.channels = static_cast<int>(r.integer("channels", c.channels, 1, 2));
    c.audio_bitrate_kbps = static_cast<int>(r.integer("audio_bitrate_kbps", c.audio_bitrate_kbps, 32, 512));

    c.width = static_cast<int>(r.integer("width", c.width, 160, 3840));
    c.height = static_cast<int>(r.integer("height", c.height, 120, 2160));
    if (c.width % 2) r.problem("width", "must be even (H.264 4:2:0 needs even sizes)");
    if (c.height % 2) r.problem("height", "must be even (H.264 4:2:0 needs even sizes)");
    c.fps = static_cast<int>(r.integer("fps", c.fps, 1, 60));
    c.fit = r.choice("fit", c.fit, {"letterbox", "stretch", "crop"});
    c.preset = r.choice("preset", c.preset,
                        {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow"});
    c.crf = static_cast<int>(r.integer("crf", c.crf, 0, 51));
    c.video_bitrate_kbps = static_cast<int>(r.integer("video_bitrate_kbps", c.video_bitrate_kbps, 0, 100000));
    c.keyframe_seconds = r.number("keyframe_seconds", c.keyframe_seconds, 0.25, 2.0);

    c.output_dir = r.text("output_dir", c.output_dir);
    if (c.output_dir.empty()) r.problem("output_dir", "must not be empty; e.g. \"~/Lectern/recordings\"");
    c.file_name = r.text("file_name", c.file_name);
    if (c.file_name.empty()) r.problem("file_name", "must not be empty; e.g. \"{date}_{room}_{time}_{speaker}\"");
    c.preview_width = static_cast<int>(r.integer("preview_width", c.preview_width, 0, 1920));
    c.preview_fps = static_cast<int>(r.integer("preview_fps", c.preview_fps, 1, 60));
    c.disk_warn_mb = static_cast<int>(r.integer("disk_warn_mb", c.disk_warn_mb, 0, 1000000));
    c.disk_stop_mb = static_cast<int>(r.integer("disk_stop_mb", c.disk_stop_mb, 16, 1000000));
    r.finish();
}

std::string resolved_output_dir(const MediaConfig& c) {
    return expand_home(c.output_dir);
}

}  // namespace lectern
