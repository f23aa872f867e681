// A spool tar from anyone with a server's secret: extracted into a scratch
// directory with small limits. Whatever it holds, nothing may land outside
// that directory, and nothing may crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "recording/tar_extract.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path root = fs::temp_directory_path() / ("bluemeet-fuzz-tar-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  const fs::path tar = root / "in.tar", dest = root / "out";
  {
    std::ofstream out(tar, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  bluemeet::recording::ExtractLimits limits;
  limits.max_entry_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.max_entries = 200;
  (void)bluemeet::recording::extract_tar(tar, dest, limits);
  // Only the tar and what was extracted under out/ may exist.
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    auto rel = e.path().lexically_relative(root).string();
    if (rel != "in.tar" && rel != "out" && !rel.starts_with("out/")) __builtin_trap();
    if (fs::is_symlink(e.symlink_status())) __builtin_trap();
  }
  fs::remove_all(root);
  return 0;
}
