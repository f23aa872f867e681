// What a document is, from its own first bytes: never from its name or a
// type a client declared. The portal checks uploads with it and the node the
// documents meetings are given. Pure.
#pragma once

#include <string_view>

namespace bluemeet::util {

// "application/pdf", "image/png" or "image/jpeg"; empty for anything else.
// A PDF header may follow up to a KiB of junk, as PDF readers allow.
std::string_view document_type(std::string_view head);

}  // namespace bluemeet::util
