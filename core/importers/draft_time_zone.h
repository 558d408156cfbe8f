// Which time zone an imported programme is shown in: the one the file names when its times agree,
// else one inferred from the offsets its times are written with (a file that says "UTC" while
// every time carries +01:00 is shown at +01:00), else UTC; every guess becomes a note.
#pragma once

#include "schedule_draft.h"

namespace lectern {

// Sets draft.time_zone to a zone that exists; appends notes saying what was guessed.
void settle_time_zone(ScheduleDraft& draft);

// "+01:00" for 60 minutes.
std::string offset_text(minutes offset);

}  // namespace lectern
