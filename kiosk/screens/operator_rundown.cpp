// The room's items with their status, and per item: skip or record, and correct its metadata.
#include "local_time.h"
#include "operator.h"
#include "ui/draw.h"
#include "ui/theme.h"

namespace lectern {

using namespace ui;

namespace {

ImU32 status_colour(ItemStatus s) {
    switch (s) {
        case ItemStatus::Recording: return colour::live;
        case ItemStatus::Recorded: return colour::ok;
        case ItemStatus::Skipped: return colour::text_dim;
        case ItemStatus::Missed: return colour::warning;
        case ItemStatus::Upcoming: break;
    }
    return colour::text_dim;
}

}  // namespace

void draw_rundown(const ScreenContext& ctx, const OperatorView& view, OperatorUi& ui, const Rect& r, std::vector<Intent>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    const std::string& zone = ctx.agenda.event.time_zone;
    panel(r, colour::panel, 14 * u);
    const Rect inner = r.inset(18 * u);
    text(f.body_bold, inner.min, colour::text_dim, "Rundown");
    float y = inner.min.y + f.body_bold->FontSize + 12 * u;
    const float row_h = 76 * u;  // finger-sized: ≥ 9 mm on a 10-inch 1280x800 panel
    // Keep the current item in view: start a row or two above it.
    size_t first = 0;
    for (size_t i = 0; i < view.rundown.size(); ++i)
        if (view.rundown[i].second == ItemStatus::Recording || (view.rundown[i].first->is_on(ctx.now) && first == 0)) first = i > 1 ? i - 1 : 0;
    const size_t fits = static_cast<size_t>((inner.max.y - y) / (row_h + 8 * u));
    if (first + fits > view.rundown.size()) first = view.rundown.size() > fits ? view.rundown.size() - fits : 0;
    for (size_t i = first; i < view.rundown.size() && y + row_h <= inner.max.y; ++i) {
        const auto& [item, status] = view.rundown[i];
        const bool on = status == ItemStatus::Recording;
        panel(Rect{{inner.min.x, y}, {inner.max.x, y + row_h}}, on ? IM_COL32(70, 24, 28, 255) : colour::panel_raised, 10 * u);
        float x = inner.min.x + 14 * u;
        text(f.body_bold, ImVec2(x, y + 6 * u), colour::text, clock_text(item->start, zone));
        text(f.small, ImVec2(x, y + 10 * u + f.body_bold->FontSize), status_colour(status), to_string(status));
        x += measure(f.body_bold, "00:00").x + 70 * u;
        const float buttons_w = 2 * 150 * u + 12 * u;
        const float text_w = inner.max.x - buttons_w - x - 24 * u;
        text(f.body, ImVec2(x, y + 6 * u), colour::text, item->title, text_w);
        text(f.small, ImVec2(x, y + 12 * u + f.body->FontSize), colour::text_dim, speaker_line(ctx.agenda, *item), text_w);
        ImGui::PushID(item->id.c_str());
        const float bx = inner.max.x - buttons_w - 8 * u;
        const Rect skip{{bx, y + 6 * u}, {bx + 150 * u, y + row_h - 6 * u}};
        if (status == ItemStatus::Skipped) {
            if (button_at("Record", skip, f.body, colour::button_on_row)) out.push_back({IntentKind::Run, Command{CommandKind::RecordItem, item->id, "", {}}, ""});
        } else if (status == ItemStatus::Upcoming && item->kind != ItemKind::Break) {  // breaks are never recorded
            if (button_at("Skip", skip, f.body, colour::button_on_row)) out.push_back({IntentKind::Run, Command{CommandKind::SkipItem, item->id, "", {}}, ""});
        }
        const Rect edit{{skip.max.x + 12 * u, skip.min.y}, {skip.max.x + 162 * u, skip.max.y}};
        // A correction reaches an item through its plan (not yet on tape), the recorder (being
        // recorded) or the files still held before upload (recorded); a missed item has no file,
        // and one already with the uploader would keep its old title there.
        const bool correctable = view.uncorrectable.count(item->id) == 0;
        if (correctable && button_at("Edit", edit, f.body, colour::button_on_row)) {
            ui.editing_item = item->id;
            ui.editing_field = 0;
            ui.draft = MetadataCorrection{item->title, speaker_line(ctx.agenda, *item), item->note};
        }
        ImGui::PopID();
        y += row_h + 8 * u;
    }
}

}  // namespace lectern
