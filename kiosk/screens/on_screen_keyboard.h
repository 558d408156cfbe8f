// A finger-sized on-screen keyboard for find-my-slot on touch screens without a keyboard.
// Edits `text` in place; returns false when the user taps Done.
#pragma once

#include "ui/draw.h"
#include "ui/fonts.h"

#include <string>

namespace lectern {

bool draw_on_screen_keyboard(const ui::Fonts& fonts, const ui::Rect& r, std::string& text);

// Appends what was typed on a physical keyboard this frame (any script, through SDL's text input);
// Backspace removes a character and Escape clears.
void take_typed_text(std::string& text);

// Removes the last UTF-8 character (a Chinese character is one press, not three).
void erase_last_character(std::string& text);

}  // namespace lectern
