// A recording's metadata.xml as a server hands it over: parsed, and what
// parses must write back and parse again to the same recording.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "recording/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto meta = bluemeet::recording::parse_metadata_xml(xml);
  if (!meta) return 0;
  auto again = bluemeet::recording::parse_metadata_xml(bluemeet::recording::write_metadata_xml(*meta));
  if (!again || again->record_id != meta->record_id || again->meeting_id != meta->meeting_id) __builtin_trap();
  return 0;
}
