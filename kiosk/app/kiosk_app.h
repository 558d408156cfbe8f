// The kiosk's two ways to run: the live fullscreen loop, and one offscreen frame to a PNG.
#pragma once

#include "kiosk_options.h"

namespace lectern {

int run_kiosk(const KioskOptions& options);
int run_screenshot(const KioskOptions& options);

}  // namespace lectern
