#include "playback_session.h"

#include <algorithm>

namespace lectern {

PlaybackSession::PlaybackSession(std::unique_ptr<PlaybackDecoder> decoder) : decoder_(std::move(decoder)) {
    if (!decoder_->has_sound()) {
        message_ = "This recording has no sound.";
        return;
    }
    if (SDL_WasInit(SDL_INIT_AUDIO) == 0 && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        message_ = std::string("No sound: ") + SDL_GetError();
        return;
    }
    SDL_AudioSpec want{}, have{};
    want.freq = decoder_->options().sample_rate;
    want.format = AUDIO_F32SYS;
    want.channels = static_cast<Uint8>(decoder_->options().channels);
    want.samples = 1024;
    audio_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // no changes allowed: SDL converts if it must
    if (audio_ == 0) message_ = std::string("No sound device: ") + SDL_GetError() + ". Playing without sound.";
    bytes_per_frame_ = static_cast<int>(sizeof(float)) * decoder_->options().channels;
}

PlaybackSession::~PlaybackSession() {
    if (audio_) SDL_CloseAudioDevice(audio_);
}

void PlaybackSession::play() {
    if (!paused_) return;
    if (ended()) seek(0);
    anchor_time_ = Clock::now();
    paused_ = false;
    if (audio_) SDL_PauseAudioDevice(audio_, 0);
}

void PlaybackSession::pause() {
    if (paused_) return;
    anchor_position_ = position();
    paused_ = true;
    if (audio_) SDL_PauseAudioDevice(audio_, 1);
}

void PlaybackSession::seek(double seconds) {
    decoder_->seek(seconds);
    if (audio_) SDL_ClearQueuedAudio(audio_);
    sound_start_.reset();
    sound_queued_ = 0;
    shown_since_seek_ = false;
    anchor_position_ = std::clamp(seconds, 0.0, std::max(0.0, duration()));
    anchor_time_ = Clock::now();
}

bool PlaybackSession::ended() const { return decoder_->finished() && (!audio_ || SDL_GetQueuedAudioSize(audio_) == 0); }

double PlaybackSession::position() const {
    if (paused_) return anchor_position_;
    // The sound card's clock: what it has played of what was queued. Pictures follow it, so lips
    // and voice stay together however the frame thread is scheduled.
    if (audio_ && sound_start_) {
        const uint64_t waiting = SDL_GetQueuedAudioSize(audio_) / static_cast<uint64_t>(bytes_per_frame_);
        const uint64_t played = sound_queued_ > waiting ? sound_queued_ - waiting : 0;
        return *sound_start_ + double(played) / decoder_->options().sample_rate;
    }
    return anchor_position_ + std::chrono::duration<double>(Clock::now() - anchor_time_).count();
}

std::optional<PlaybackPicture> PlaybackSession::tick() {
    if (audio_) {
        // Keep about half a second queued: enough to ride out a slow frame, little to drop on a seek.
        const uint32_t enough = static_cast<uint32_t>(decoder_->options().sample_rate / 2 * bytes_per_frame_);
        while (SDL_GetQueuedAudioSize(audio_) < enough) {
            auto sound = decoder_->take_sound();
            if (!sound) break;
            if (!sound_start_) sound_start_ = sound->seconds;
            SDL_QueueAudio(audio_, sound->samples.data(), static_cast<Uint32>(sound->samples.size() * sizeof(float)));
            sound_queued_ += sound->samples.size() / decoder_->options().channels;
        }
    } else {
        while (decoder_->take_sound()) {}  // silent: the sound is dropped, the pictures keep time
    }
    std::optional<PlaybackPicture> due;
    const double now = position();
    while (auto next = decoder_->next_picture_seconds()) {
        if (*next > now + 0.005) {
            // After opening or a seek the first picture shows at once (also while paused).
            if (!shown_since_seek_ && !due) due = decoder_->take_picture();
            break;
        }
        due = decoder_->take_picture();  // late ones are skipped: the newest due picture wins
    }
    if (due) shown_since_seek_ = true;
    return due;
}

}  // namespace lectern
