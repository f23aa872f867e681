// Time as the domain logic sees it: milliseconds since the Unix epoch, passed
// in by the caller so that state machines are testable without sleeping.
#pragma once

#include <cstdint>
#include <string>

namespace bluemeet::util {

using Millis = std::int64_t;

Millis now_millis();  // wall clock
// Java's Date.toString() in UTC, as BBB prints createDate: "Fri Apr 20 04:14:05 UTC 2018".
std::string java_date_string(Millis t);

}  // namespace bluemeet::util
