// Extracts a recording tar (Scalelite's transfer format: an uncompressed,
// or gzip-compressed, tar of <format>/<recordID>/...) into a directory,
// refusing what a hostile or broken tar could do: absolute paths, "..",
// links, devices and FIFOs, entries or totals over the limits, names that
// are not UTF-8-safe path components. Files are written and fsync'ed, so
// that a commit made after extraction survives a crash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace bluemeet::recording {

struct ExtractLimits {
  std::uint64_t max_entry_bytes = 16ULL << 30;  // one file
  std::uint64_t max_total_bytes = 64ULL << 30;  // all files
  std::size_t max_entries = 200'000;
  std::size_t max_depth = 32;
};

enum class ExtractError {
  none,
  corrupt,   // not a readable tar (truncated, garbage): retrying will not help
  hostile,   // a forbidden entry, or over the limits: retrying will not help
  no_space,  // the disk is full (or over quota): retry later
  io,        // another I/O error: retry later
};

struct ExtractResult {
  ExtractError error = ExtractError::none;
  std::string message;  // what went wrong, for the log
  std::uint64_t bytes = 0;
  std::size_t files = 0;
};

// `dest` must not exist yet; it is created. On failure it may hold a partial
// tree, which the caller removes.
ExtractResult extract_tar(const std::filesystem::path& tar, const std::filesystem::path& dest,
                          const ExtractLimits& limits = {});

// Makes a directory entry durable (after renames into it).
void fsync_directory(const std::filesystem::path& dir);

}  // namespace bluemeet::recording
