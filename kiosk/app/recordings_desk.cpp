#include "recordings_desk.h"

#include "recording_link.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>

namespace lectern {
namespace {

constexpr size_t kThumbnailsKept = 300;  // 300 × 320×180 RGBA ≈ 70 MB of textures at most

}  // namespace

BrowserSettings RecordingsDesk::kiosk_settings(const LecternConfig& config) {
    BrowserSettings s;
    s.open_catalog = [config] { return Catalog::open(expand_home(config.archive.catalog_db)); };
    s.follow = [config](Catalog& c) { bring_up_to_date(c, config); };
    s.list_drives = [] { return list_removable_drives(); };
    return s;
}

BrowserSettings RecordingsDesk::folder_settings(const std::string& dir, const std::string& scratch_db) {
    BrowserSettings s;
    s.open_catalog = [dir, scratch_db] {
        auto catalog = Catalog::open(scratch_db);
        catalog->reindex({dir});
        return catalog;
    };
    return s;
}

RecordingsDesk::RecordingsDesk(const LecternConfig& config, BrowserSettings settings)
    : config_(config), browser_(std::make_unique<RecordingsBrowser>(std::move(settings))) {}

const Recording* RecordingsDesk::find(int64_t id) const {
    if (!snapshot_) return nullptr;
    for (const Recording& r : snapshot_->results)
        if (r.id == id) return &r;
    return nullptr;
}

const RecordingsView& RecordingsDesk::update(SDL_Renderer* renderer, bool shown, bool recorder_busy) {
    browser_->set_active(shown);
    if (auto latest = browser_->snapshot(); latest != snapshot_) {
        snapshot_ = latest;
        note_glyphs(*snapshot_);
    }
    take_thumbnails(renderer);
    refresh_link(renderer);
    update_player(renderer, shown, recorder_busy);
    view_.answered = snapshot_ ? snapshot_->query : "";
    view_.results = snapshot_ ? &snapshot_->results : nullptr;
    view_.total = snapshot_ ? snapshot_->total : 0;
    view_.problem = snapshot_ ? snapshot_->problem : "";
    view_.drives = snapshot_ ? snapshot_->drives : std::vector<RemovableDrive>{};
    view_.thumbnails = &thumbnail_views_;
    view_.copy = copier_.status();
    view_.recording_now = recorder_busy;
    return view_;
}

void RecordingsDesk::take_thumbnails(SDL_Renderer* renderer) {
    for (ReadyThumbnail& t : browser_->take_thumbnails()) {
        TextureView v;
        if (!t.picture.rgba.empty()) {
            RgbaTexture& texture = thumbnails_.try_emplace(t.media_path, renderer).first->second;
            if (texture.update(t.picture.rgba.data(), t.picture.width, t.picture.height)) v = {texture.id(), texture.width(), texture.height()};
        }
        thumbnail_views_[t.media_path] = v;
        thumbnail_order_.push_back(t.media_path);
    }
    while (thumbnail_order_.size() > kThumbnailsKept) {
        const std::string oldest = thumbnail_order_.front();
        thumbnail_order_.pop_front();
        thumbnails_.erase(oldest);
        thumbnail_views_.erase(oldest);
        browser_->forget_thumbnail(oldest);  // made again if it is shown again
    }
}

// The selected recording's link and QR code; remade only when the link changes (an upload finishing
// can change it).
void RecordingsDesk::refresh_link(SDL_Renderer* renderer) {
    const uint64_t generation = snapshot_ ? snapshot_->generation : 0;
    if (generation == link_generation_) return;  // same results, same selection
    link_generation_ = generation;
    const Recording* r = find(selected_);
    std::optional<RecordingLink> link = r ? recording_link(*r, config_) : std::nullopt;
    view_.link = link ? link->url : "";
    view_.link_where = link ? link->where : "";
    if (view_.link == qr_text_) return;
    qr_text_ = view_.link;
    view_.qr = {};
    if (qr_text_.empty()) return;
    try {
        const QrCode code = make_qr_code(qr_text_);
        const int quiet = 4, side = code.size + 2 * quiet;  // the white margin readers need
        std::vector<uint8_t> rgba(static_cast<size_t>(side) * side * 4, 255);
        for (int y = 0; y < code.size; ++y)
            for (int x = 0; x < code.size; ++x)
                if (code.dark(x, y)) {
                    uint8_t* px = &rgba[(static_cast<size_t>(y + quiet) * side + x + quiet) * 4];
                    px[0] = px[1] = px[2] = 0;
                }
        qr_ = RgbaTexture(renderer, RgbaTexture::Filter::Sharp);
        if (qr_.update(rgba.data(), side, side)) view_.qr = {qr_.id(), side, side};
    } catch (const std::exception& e) {
        view_.link_where = e.what();
    }
}

void RecordingsDesk::update_player(SDL_Renderer* renderer, bool shown, bool recorder_busy) {
    PlayerView& p = view_.player;
    if ((!shown || recorder_busy) && (player_ || opening_.valid())) {
        // Never on a public screen, never beside a recording: the decoder stops and frees the CPU.
        player_.reset();
        if (opening_.valid()) opening_.wait();
        opening_ = {};
        p.state = recorder_busy ? PlayerView::State::Refused : PlayerView::State::Closed;
        p.message = recorder_busy ? "Playback stopped: a recording started." : "";
        p.picture = {};
    }
    if (opening_.valid() && opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        auto opened = opening_.get();
        if (opened) {
            player_ = std::make_unique<PlaybackSession>(std::move(*opened));
            picture_ = RgbaTexture(renderer);
            p.message = player_->message();
            player_->play();
        } else {
            p.state = PlayerView::State::Failed;
            p.message = opened.error();
        }
    }
    if (!player_) return;
    if (auto picture = player_->tick())
        if (picture_.update(picture->rgba.data(), picture->width, picture->height)) p.picture = {picture_.id(), picture_.width(), picture_.height()};
    p.position = std::min(player_->position(), player_->duration());
    p.duration = player_->duration();
    p.state = player_->ended() ? PlayerView::State::Ended : player_->paused() ? PlayerView::State::Paused : PlayerView::State::Playing;
    if (p.state == PlayerView::State::Ended) player_->pause();
}

void RecordingsDesk::apply(const std::vector<RecordingsRequest>& requests, bool recorder_busy) {
    PlayerView& p = view_.player;
    for (const RecordingsRequest& q : requests) {
        switch (q.kind) {
            case RecordingsRequest::Kind::Search: browser_->search(q.text); break;
            case RecordingsRequest::Kind::Select:
                selected_ = q.recording;
                link_generation_ = 0;  // remake the link for the new selection
                break;
            case RecordingsRequest::Kind::Play: {
                if (recorder_busy) {
                    p = {PlayerView::State::Refused, q.recording, "Playback waits until the recording stops."};
                    break;
                }
                if (player_ && p.recording == q.recording) {
                    player_->play();
                    break;
                }
                const Recording* r = find(q.recording);
                if (!r) break;
                player_.reset();
                p = {PlayerView::State::Loading, q.recording, "Opening…"};
                opening_ = std::async(std::launch::async, [path = r->media_path] { return PlaybackDecoder::open(path); });
                break;
            }
            case RecordingsRequest::Kind::Pause:
                if (player_) player_->pause();
                break;
            case RecordingsRequest::Kind::Seek:
                if (player_ && p.recording == q.recording) player_->seek(q.seconds);
                break;
            case RecordingsRequest::Kind::ClosePlayer:
                player_.reset();
                p = {};
                break;
            case RecordingsRequest::Kind::CopyToDrive: {
                const Recording* r = find(q.recording);
                if (!r) break;
                std::string label = q.text;
                for (const RemovableDrive& d : view_.drives)
                    if (d.mount_point == q.text) label = d.label;
                copier_.start({*r}, q.text, label);
                break;
            }
            case RecordingsRequest::Kind::CancelCopy: copier_.cancel(); break;
        }
    }
}

void RecordingsDesk::note_glyphs(const BrowserSnapshot& snapshot) {
    std::string text = snapshot.query;
    for (const Recording& r : snapshot.results) {
        text += r.title + r.room + r.event + r.problem;
        for (const auto& s : r.speakers) text += s.name + s.native_name + s.affiliation;
    }
    bool fresh = false;
    for (const char* c = text.c_str(); *c;) {
        unsigned int code = 0;
        c += std::max(1, ImTextCharFromUtf8(&code, c, nullptr));
        if (code >= 0x100 && seen_.insert(code).second) {  // Latin-1 is always baked
            ImWchar w = static_cast<ImWchar>(code);
            char utf8[8] = {};
            ImTextStrToUtf8(utf8, sizeof utf8, &w, &w + 1);
            glyphs_ += utf8;
            fresh = true;
        }
    }
    if (fresh) ++glyph_generation_;
}

}  // namespace lectern
