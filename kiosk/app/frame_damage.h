// What changed on screen between two frames, for the software renderer to draw and present only
// that (kiosk/app/frame_renderer.cpp). A console frame usually changes its live preview and audio
// meters and nothing else; drawing all 1920x1080 pixels again cost most of the frame's CPU.
//
// Frames are compared command by command (ImGui starts a command at each clip rectangle or texture
// change, so a screen's boxes are separate commands) and, within a command, triangle by triangle:
// a triangle that differs in position, colour or texture coordinates damages its old and new
// bounding boxes; once a command's triangles stop lining up (a text grew by a glyph), everything
// after in that command is damaged. Triangles drawn with a picture's texture are damaged wherever
// they are. Rectangles are padded for anti-aliased fringes and
// clipped to the command's clip rectangle, as the drawing is.
#pragma once

#include <imgui.h>

#include <vector>

namespace lectern {

struct DamageRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1) in pixels
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    long area() const { return empty() ? 0 : long(x1 - x0) * (y1 - y0); }
};

class FrameDamage {
public:
    // Compares `frame` with the frame last passed here and remembers it. Triangles with a texture
    // other than `fonts` (the live preview, thumbnails, a playing recording: their pixels change
    // without their geometry) are damaged in every frame. `everything`: the screen must be drawn
    // whole (first frame, exposed window, new fonts). Returns at most kMaxRects rectangles (nearby
    // ones merged), or one covering the whole display.
    std::vector<DamageRect> update(const ImDrawData& frame, ImTextureID fonts, bool everything);
    static constexpr int kMaxRects = 4;

private:
    struct Triangle {
        ImDrawVert v[3];
    };
    struct Command {
        ImTextureID texture;
        ImVec4 clip;
        std::vector<Triangle> triangles;
    };
    std::vector<Command> last_;
    ImVec2 last_size_{0, 0};
};

}  // namespace lectern
