// The fixed response shapes of the BBB API: error envelopes and the short
// SUCCESS answers. Message texts follow BBB 3.0; clients key on messageKey.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bluemeet::bbb {

// <response><returncode>FAILED</returncode><messageKey>K</messageKey><message>M</message></response>
std::string error_xml(std::string_view key, std::string_view message);
// The older multi-error envelope, still used for nonUniqueVoiceBridge.
std::string errors_xml(const std::vector<std::pair<std::string, std::string>>& errors);
// <response><returncode>SUCCESS</returncode>[<messageKey>K</messageKey><message>M</message>]</response>
std::string success_xml(std::string_view key = {}, std::string_view message = {});

// The API index (GET /bigbluebutton/api): version 2.0, as BBB 3.0 answers it.
// BBB's index answer; a node adds whether it carries audio and video
// (<media>true|false</media>, ignored by BBB clients).
std::string api_index_xml(std::optional<bool> media = std::nullopt);

// {"response":{"returncode":"FAILED","messageKey":K,"message":M}}
std::string error_json(std::string_view key, std::string_view message);

// Well-known errors.
namespace errors {
inline constexpr std::string_view kChecksumMessage = "Checksums do not match";
std::string checksum();
std::string missing_meeting_id();
std::string not_found();
std::string unsupported_content_type();
}  // namespace errors

}  // namespace bluemeet::bbb
