// Real sources that the media suite starts on this machine: an RTSP camera (GStreamer's RTSP
// server), a PulseAudio daemon playing a tone, an Xvfb display showing a picture (all from
// tests/servers/). Each can be killed and started again, to test loss and return.
#pragma once

#include "recorder.h"
#include "upload_fixtures.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lectern::test {

// A helper script run in its own process group, ready once `ready_file` (or, when "", its own
// log) holds `ready_text`.
class SourceProcess {
public:
    SourceProcess(std::vector<std::string> argv, std::string dir, std::string ready_file, std::string ready_text);
    void kill();     // SIGKILL to the whole group, like a power cut or a pulled cable
    void restart();  // the same command again, waiting until it is ready
    void signal(int sig);  // to the whole group: SIGSTOP hangs it (a hung server), SIGCONT resumes it
    std::string log() const;

private:
    std::vector<std::string> argv_;
    std::string dir_, ready_file_, ready_text_;
    std::unique_ptr<ChildProcess> process_;
    int starts_ = 0;
};

// rtsp://127.0.0.1:PORT/camera: a solid 0x2040c0 picture and a 1 kHz sine at half scale; or, with
// sync_microphone (a PulseTone's microphone_fifo), the sync pattern's flashes without sound, its
// beeps written into that FIFO from the same clock; with timing, when each flash and beep was sent
// is written there (rtsp_camera.py --timing; read with sent_offsets).
struct RtspCamera {
    explicit RtspCamera(const std::string& dir, const std::string& sync_microphone = "", const std::string& timing = "");
    std::string url;
    std::unique_ptr<SourceProcess> process;
};

// rtsp://127.0.0.1:PORT/camera that answers RTSP (OPTIONS, DESCRIBE with one H.264 track, SETUP,
// PLAY) and then sends no media; with mute, it accepts connections and answers nothing at all.
struct SilentRtspCamera {
    SilentRtspCamera(const std::string& dir, bool mute);
    std::string url;
    std::unique_ptr<SourceProcess> process;
};

// From rtsp_camera.py's timing file: beep - flash in seconds (steady clock) for each second of
// its last session that has both.
std::vector<double> sent_offsets(const std::string& timing_file);

// A PulseAudio daemon whose "lectern.monitor" source carries a sine of frequency Hz at -12 dBFS
// (peak), or (frequency 0) what another process plays into its sink "lectern"; with frequency 0 its
// source "microphone" carries what is written into microphone_fifo (nothing: no packets at all).
struct PulseTone {
    explicit PulseTone(const std::string& dir, int frequency = 1000);
    std::string server;  // for PULSE_SERVER
    std::string microphone_fifo;
    std::unique_ptr<SourceProcess> process;
};

// An Xvfb display of size (e.g. "640x360") showing picture on its root window.
struct XvfbPicture {
    XvfbPicture(const std::string& dir, const std::string& size, const std::string& picture);
    std::string display;
    std::unique_ptr<SourceProcess> process;
};

struct Tone {
    double frequency = 0, rms = 0;
};
// The first channel of file's sound from `from` for `seconds`: frequency (median period between
// zero crossings), RMS.
Tone tone_of(const std::string& file, double from, double seconds);

// Polls the recorder's status until done(status) holds or `seconds` pass; returns the last status.
RecorderStatus wait_for(const Recorder& recorder, const std::function<bool(const RecorderStatus&)>& done,
                        double seconds);
bool has_alert(const RecorderStatus& s, const std::string& text);

// recorder->open() on a thread of its own, expected to fail: why and how long it took; nothing when
// it opened, or has not answered within `seconds` (then the recorder and that thread are left
// behind, so that the rest of the suite runs).
struct FailedOpen {
    std::string why;
    double seconds = 0;
};
std::optional<FailedOpen> failed_open_within(std::unique_ptr<Recorder>& recorder, double seconds);

}  // namespace lectern::test
