// The screen of an X11 display (a slide laptop through a capture PC, or the kiosk's own desktop).
#include "source.h"

namespace lectern {

SourceSpec x11grab_source(const MediaConfig& c) {
    SourceSpec s;
    s.what = "X11 display " + c.display;
    s.format = "x11grab";
    s.url = c.display;
    s.options = {{"framerate", std::to_string(c.fps)}, {"draw_mouse", "1"}};
    s.fix = "check that the X server on " + c.display + " runs, answers (restart it if it hangs) and allows this user " +
            "(xhost), or set [media] display";
    s.fix_silent = "the X server on " + c.display + " does not answer (stopped or hung): restart it, or set [media] display";
    // libxcb waits for the X server's answers without looking at FFmpeg's interrupt callback: a
    // hung X server held open() for ever. Probed on a thread of its own, with V4L2's 10 s.
    s.reads_ignore_interrupt = true;
    s.take_audio = false;
    s.wall_clock_stamps = true;  // x11grab stamps each grab with the wall clock
    return s;
}

}  // namespace lectern
