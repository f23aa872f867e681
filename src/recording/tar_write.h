// Writes a recording into a spool as Scalelite's transfer format: an
// uncompressed tar of <format>/<recordID>/..., under a temporary name
// (".<recordID>.tar.tmp"), fsync'ed, then renamed to "<recordID>.tar", so an
// importer never sees half a tar.
#pragma once

#include <filesystem>
#include <string>

namespace bluemeet::recording {

// `root` holds <format>/<recordID>/; every format present is included.
// Throws std::runtime_error (with the reason) when it cannot.
void write_spool_tar(const std::filesystem::path& root, const std::string& record_id,
                     const std::filesystem::path& spool);

}  // namespace bluemeet::recording
