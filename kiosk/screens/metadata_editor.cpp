// Correcting an item's metadata before upload: title, speakers, a note; for an item not yet
// recorded, the one being recorded, or one whose files are still held before upload. Typing goes
// to the chosen field from a keyboard or the on-screen keys; Save sends the correction to the controller.
#include "on_screen_keyboard.h"
#include "operator.h"
#include "ui/draw.h"
#include "ui/theme.h"

namespace lectern {

using namespace ui;

void draw_metadata_editor(const ScreenContext& ctx, OperatorUi& ui, const Rect& r, std::vector<Intent>& out) {
    const Fonts& f = ctx.fonts;
    const float u = f.unit;
    panel(r, colour::panel, 16 * u);
    ImGui::GetWindowDrawList()->AddRect(r.min, r.max, colour::accent, 16 * u, 0, 3 * u);
    const Rect inner = r.inset(28 * u);
    text(f.heading, inner.min, colour::text, "Correct the recording's details", inner.width());
    std::string* fields[] = {&ui.draft.title, &ui.draft.speakers, &ui.draft.note};
    static const char* names[] = {"Title", "Speakers (comma-separated)", "Note"};
    take_typed_text(*fields[ui.editing_field]);
    float y = inner.min.y + f.heading->FontSize + 24 * u;
    const float field_h = f.body->FontSize + 36 * u;
    for (int i = 0; i < 3; ++i) {
        text(f.small, ImVec2(inner.min.x, y), colour::text_dim, names[i]);
        y += f.small->FontSize + 6 * u;
        ImGui::PushID(i);
        const Rect field{{inner.min.x, y}, {inner.max.x, y + field_h}};
        if (button_at("##field", field, f.body, i == ui.editing_field ? IM_COL32(40, 70, 110, 255) : 0)) ui.editing_field = i;
        ImGui::PopID();
        text(f.body, ImVec2(field.min.x + 16 * u, y + 18 * u), colour::text, *fields[i] + (i == ui.editing_field ? "_" : ""),
             field.width() - 32 * u);
        y += field_h + 14 * u;
    }
    const float button_h = 84 * u;
    const Rect save{{inner.max.x - 260 * u, inner.max.y - button_h}, {inner.max.x, inner.max.y}};
    const Rect cancel{{save.min.x - 280 * u, save.min.y}, {save.min.x - 20 * u, save.max.y}};
    const Rect keys_toggle{{inner.min.x, save.min.y}, {inner.min.x + 360 * u, save.max.y}};
    if (button_at("Save", save, f.heading, IM_COL32(40, 110, 190, 255))) {
        MetadataCorrection correction = ui.draft;
        // Speakers left as the programme has them keep their affiliations (a typed line has none).
        for (const AgendaItem& item : ctx.agenda.items)
            if (item.id == ui.editing_item && correction.speakers == speaker_line(ctx.agenda, item)) correction.speakers.clear();
        out.push_back({IntentKind::Run, Command{CommandKind::Correct, ui.editing_item, "", correction}, ""});
        ui.editing_item.clear();
        ui.keyboard = false;
    }
    if (button_at("Cancel##edit", cancel, f.heading) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        ui.editing_item.clear();
        ui.keyboard = false;
    }
    if (button_at(ui.keyboard ? "Hide keys" : "On-screen keys", keys_toggle, f.body)) ui.keyboard = !ui.keyboard;
    if (ui.keyboard && !ui.editing_item.empty()) {
        const Rect keys{{inner.min.x, y + 10 * u}, {inner.max.x, save.min.y - 16 * u}};
        if (keys.height() > 200 * u) ui.keyboard = draw_on_screen_keyboard(f, keys, *fields[ui.editing_field]);
    }
}

}  // namespace lectern
