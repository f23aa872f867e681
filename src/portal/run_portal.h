// `bluemeet portal`: serves an organization's portal until a signal.
#pragma once

#include "portal/config.h"

namespace bluemeet::portal {

int run_portal(PortalConfig config);

}  // namespace bluemeet::portal
