#include "frame_damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace lectern {

namespace {

// SDL cuts rectangles and triangles to whole pixels in its own ways (a rectangle's position and
// size each truncated): two pixels of margin around a triangle's bounding box cover that.
constexpr int kPad = 2;
// Rectangles closer than this are drawn as one: each rectangle costs a pass over the draw data.
constexpr int kNear = 24;

DamageRect unite(const DamageRect& a, const DamageRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

bool near(const DamageRect& a, const DamageRect& b) {
    return a.x0 <= b.x1 + kNear && b.x0 <= a.x1 + kNear && a.y0 <= b.y1 + kNear && b.y0 <= a.y1 + kNear;
}

class RectSet {
public:
    explicit RectSet(DamageRect screen) : screen_(screen) {}

    void add(DamageRect r) {
        r = {std::max(r.x0, screen_.x0), std::max(r.y0, screen_.y0), std::min(r.x1, screen_.x1), std::min(r.y1, screen_.y1)};
        if (r.empty()) return;
        // Grow into every rectangle it touches, until it touches none.
        for (bool merged = true; merged;) {
            merged = false;
            for (size_t i = 0; i < rects_.size(); ++i) {
                if (!near(rects_[i], r)) continue;
                r = unite(r, rects_[i]);
                rects_.erase(rects_.begin() + static_cast<long>(i));
                merged = true;
                break;
            }
        }
        rects_.push_back(r);
    }

    // At most `limit` rectangles: merges the pair whose union adds the least area, again and again.
    std::vector<DamageRect> take(size_t limit) {
        while (rects_.size() > limit) {
            size_t best_i = 0, best_j = 1;
            long best = std::numeric_limits<long>::max();
            for (size_t i = 0; i < rects_.size(); ++i)
                for (size_t j = i + 1; j < rects_.size(); ++j) {
                    const long cost = unite(rects_[i], rects_[j]).area() - rects_[i].area() - rects_[j].area();
                    if (cost < best) best = cost, best_i = i, best_j = j;
                }
            rects_[best_i] = unite(rects_[best_i], rects_[best_j]);
            rects_.erase(rects_.begin() + static_cast<long>(best_j));
        }
        return rects_;
    }

private:
    DamageRect screen_;
    std::vector<DamageRect> rects_;
};

DamageRect box(const ImDrawVert* v, int n, const ImVec4& clip) {
    float x0 = v[0].pos.x, y0 = v[0].pos.y, x1 = x0, y1 = y0;
    for (int i = 1; i < n; ++i) {
        x0 = std::min(x0, v[i].pos.x), y0 = std::min(y0, v[i].pos.y);
        x1 = std::max(x1, v[i].pos.x), y1 = std::max(y1, v[i].pos.y);
    }
    // Nothing is drawn outside the clip rectangle (its edges as the renderer cuts them to pixels).
    x0 = std::max(x0, clip.x), y0 = std::max(y0, clip.y), x1 = std::min(x1, clip.z), y1 = std::min(y1, clip.w);
    if (x1 <= x0 || y1 <= y0) return {};
    return {static_cast<int>(std::floor(x0)) - kPad, static_cast<int>(std::floor(y0)) - kPad, static_cast<int>(std::ceil(x1)) + kPad,
            static_cast<int>(std::ceil(y1)) + kPad};
}

bool same(const ImDrawVert& a, const ImDrawVert& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

std::vector<DamageRect> FrameDamage::update(const ImDrawData& frame, ImTextureID fonts, bool everything) {
    const DamageRect screen{0, 0, static_cast<int>(std::ceil(frame.DisplaySize.x)), static_cast<int>(std::ceil(frame.DisplaySize.y))};
    std::vector<Command> now;
    for (int n = 0; n < frame.CmdListsCount; ++n) {
        const ImDrawList& list = *frame.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) continue;
            Command c{cmd.GetTexID(), ImVec4(cmd.ClipRect.x - frame.DisplayPos.x, cmd.ClipRect.y - frame.DisplayPos.y,
                                              cmd.ClipRect.z - frame.DisplayPos.x, cmd.ClipRect.w - frame.DisplayPos.y), {}};
            c.triangles.reserve(cmd.ElemCount / 3);
            const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
            const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
            for (unsigned i = 0; i + 3 <= cmd.ElemCount; i += 3) c.triangles.push_back({{vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]]}});
            now.push_back(std::move(c));
        }
    }
    const bool whole = everything || now.size() != last_.size() || frame.DisplaySize.x != last_size_.x || frame.DisplaySize.y != last_size_.y;
    RectSet damage(screen);
    if (!whole) {
        auto damage_all = [&damage](const Command& c, size_t from) {
            for (size_t t = from; t < c.triangles.size(); ++t) damage.add(box(c.triangles[t].v, 3, c.clip));
        };
        for (size_t k = 0; k < now.size(); ++k) {
            const Command& a = last_[k];
            const Command& b = now[k];
            if (a.texture != b.texture || std::memcmp(&a.clip, &b.clip, sizeof a.clip) != 0) {
                damage_all(a, 0), damage_all(b, 0);
                continue;
            }
            if (b.texture != fonts) damage_all(b, 0);
            const size_t common = std::min(a.triangles.size(), b.triangles.size());
            size_t t = 0;
            for (; t < common; ++t) {
                const Triangle& x = a.triangles[t];
                const Triangle& y = b.triangles[t];
                if (same(x.v[0], y.v[0]) && same(x.v[1], y.v[1]) && same(x.v[2], y.v[2])) continue;
                // Same shape moved or recoloured: both places. Otherwise the triangles no longer
                // line up (a glyph came or went): everything from here on in this command.
                damage.add(box(x.v, 3, a.clip)), damage.add(box(y.v, 3, b.clip));
            }
            damage_all(a, t), damage_all(b, t);
        }
    }
    last_ = std::move(now);
    last_size_ = frame.DisplaySize;
    if (whole) return {screen};
    return damage.take(kMaxRects);
}

}  // namespace lectern
