#include "recording/tar_write.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unistd.h>
#include <vector>

#include "recording/tar_extract.h"

namespace bluemeet::recording {
namespace fs = std::filesystem;

namespace {

struct WriterCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};

void check(archive* a, int rc, const std::string& what) {
  if (rc != ARCHIVE_OK) throw std::runtime_error(what + ": " + (archive_error_string(a) ? archive_error_string(a) : "?"));
}

}  // namespace

void write_spool_tar(const fs::path& root, const std::string& record_id, const fs::path& spool) {
  fs::path tmp = spool / ("." + record_id + ".tar.tmp");
  fs::path final_path = spool / (record_id + ".tar");
  {
    std::unique_ptr<archive, WriterCloser> a(archive_write_new());
    check(a.get(), archive_write_set_format_pax_restricted(a.get()), "tar format");
    check(a.get(), archive_write_open_filename(a.get(), tmp.c_str()), "cannot create " + tmp.string());
    std::vector<char> buffer(1 << 16);
    for (const auto& format : fs::directory_iterator(root)) {
      fs::path dir = format.path() / record_id;
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> entries{dir};
      for (const auto& e : fs::recursive_directory_iterator(dir)) entries.push_back(e.path());
      for (const auto& p : entries) {
        auto rel = fs::relative(p, root).generic_string();
        std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(e.get(), rel.c_str());
        archive_entry_set_mtime(e.get(), ::time(nullptr), 0);
        if (fs::is_directory(p)) {
          archive_entry_set_filetype(e.get(), AE_IFDIR);
          archive_entry_set_perm(e.get(), 0755);
          check(a.get(), archive_write_header(a.get(), e.get()), "tar header");
          continue;
        }
        if (!fs::is_regular_file(p)) continue;
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(fs::file_size(p)));
        check(a.get(), archive_write_header(a.get(), e.get()), "tar header");
        std::ifstream in(p, std::ios::binary);
        while (in) {
          in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
          auto n = in.gcount();
          if (n > 0 && archive_write_data(a.get(), buffer.data(), static_cast<std::size_t>(n)) != n)
            throw std::runtime_error("cannot write " + tmp.string() + ": " + archive_error_string(a.get()));
        }
      }
    }
    check(a.get(), archive_write_close(a.get()), "cannot finish " + tmp.string());
  }
  int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot sync " + tmp.string());
  }
  ::close(fd);
  fs::rename(tmp, final_path);
  fsync_directory(spool);
}

}  // namespace bluemeet::recording
