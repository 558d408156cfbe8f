// The embedded default camera: a lavfi test pattern with a running clock and a beeping tone, so
// the demo and the tests record with no hardware.
#include "source.h"

namespace lectern {

std::string synthetic_graph(const MediaConfig& c, bool clock) {
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    const int font = std::max(12, c.height / 18);
    const char* layout = c.channels == 1 ? "mono" : "stereo";
    // drawtext shows wall-clock time and media time, so a viewer can see gaps and drift.
    const std::string text = ",drawtext=text='%{localtime\\:%X}  %{pts\\:hms}':fontsize=" + std::to_string(font) +
                             ":fontcolor=white:box=1:boxcolor=black@0.6:x=" + std::to_string(font / 2) +
                             ":y=" + std::to_string(font / 2);
    return "testsrc2=size=" + size + ":rate=" + std::to_string(c.fps) + ",format=yuv420p" + (clock ? text : "") +
           "[out0];sine=frequency=440:beep_factor=4:sample_rate=" + std::to_string(c.sample_rate) +
           ",aformat=sample_fmts=fltp:channel_layouts=" + layout + "[out1]";
}

std::string sync_graph(const MediaConfig& c) {
    const std::string fps = std::to_string(c.fps);
    const char* layout = c.channels == 1 ? "mono" : "stereo";
    // Frames 0 and 1 of every second are white; a 1 kHz beep starts on the same second and lasts
    // 50 ms. The flash and the beep begin at exactly the same media time.
    return "color=c=black:size=" + std::to_string(c.width) + "x" + std::to_string(c.height) + ":rate=" + fps +
           ",format=yuv420p,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(n," + fps +
           "),2)'[out0];aevalsrc=exprs='if(lt(mod(t,1),0.05),0.5*sin(2*PI*1000*t),0)':sample_rate=" +
           std::to_string(c.sample_rate) + ",aformat=sample_fmts=fltp:channel_layouts=" + layout + "[out1]";
}

std::string camera_like_graph(const MediaConfig& c) {
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    const char* layout = c.channels == 1 ? "mono" : "stereo";
    // Temporal uniform noise of +-6 levels (standard deviation about 3.5), like a camera's sensor
    // in a lit hall; it changes every pixel every frame, as no test pattern does.
    return "testsrc2=size=" + size + ":rate=" + std::to_string(c.fps) + ",format=yuv420p,noise=alls=6:allf=t+u" +
           "[out0];sine=frequency=440:beep_factor=4:sample_rate=" + std::to_string(c.sample_rate) +
           ",aformat=sample_fmts=fltp:channel_layouts=" + layout + "[out1]";
}

SourceSpec synthetic_source(const MediaConfig& c, bool real_time) {
    SourceSpec s;
    s.what = "synthetic test pattern";
    s.format = "lavfi";
    s.url = c.source == "sync" ? sync_graph(c) : c.source == "camera_like" ? camera_like_graph(c) : synthetic_graph(c);
    if (c.source == "sync") s.what = "synthetic flash and beep";
    if (c.source == "camera_like") s.what = "synthetic camera-like picture";
    s.fix = "check that FFmpeg's lavfi device and the drawtext filter (fontconfig) are installed";
    // A generator runs as fast as the CPU allows; pacing makes it behave like a camera. The
    // benchmark turns pacing off to measure CPU per media second.
    s.live = real_time;
    s.pace = real_time;
    s.reconnect = false;
    return s;
}

}  // namespace lectern
