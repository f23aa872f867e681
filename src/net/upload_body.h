// A Beast body for large uploads: the bytes go straight to a file as they
// arrive and are hashed (SHA-256) on the way, so a recording of gigabytes
// never sits in memory and its digest needs no second pass over the disk.
// Internal to the HTTP server (http_server.cc).
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>
#include <cerrno>
#include <memory>
#include <string>

#include "util/crypto.h"

namespace bluemeet::net::detail {

struct UploadBody {
  struct value_type {
    std::string path;              // set before reading: the file to create
    std::string sha256;            // set when the body is complete
    std::uint64_t size = 0;
    std::shared_ptr<int> fd;       // open while reading
  };

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

    void init(const boost::optional<std::uint64_t>&, boost::beast::error_code& ec) {
      int fd = ::open(body_.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
      if (fd < 0) {
        ec = boost::beast::error_code(errno, boost::system::generic_category());
        return;
      }
      body_.fd = std::shared_ptr<int>(new int(fd), [](int* p) {
        ::close(*p);
        delete p;
      });
      ec = {};
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      std::size_t total = 0;
      for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers); ++it) {
        boost::asio::const_buffer b = *it;
        const char* p = static_cast<const char*>(b.data());
        std::size_t left = b.size();
        hasher_.update(p, left);
        while (left > 0) {
          auto n = ::write(*body_.fd, p, left);
          if (n < 0) {
            if (errno == EINTR) continue;
            ec = boost::beast::error_code(errno, boost::system::generic_category());  // ENOSPC, typically
            return total;
          }
          p += n;
          left -= static_cast<std::size_t>(n);
          total += static_cast<std::size_t>(n);
        }
      }
      body_.size += total;
      ec = {};
      return total;
    }

    void finish(boost::beast::error_code& ec) {
      // Durable before anyone is told it arrived: the importer may be on another machine.
      if (::fsync(*body_.fd) != 0) {
        ec = boost::beast::error_code(errno, boost::system::generic_category());
        return;
      }
      body_.fd.reset();
      body_.sha256 = hasher_.final_hex();
      ec = {};
    }

   private:
    value_type& body_;
    util::Hasher hasher_{util::HashAlg::sha256};
  };
};

}  // namespace bluemeet::net::detail
