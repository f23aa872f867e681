// Starting and reaping a child process the POSIX way (Linux), for the Janus
// supervisor. Kept apart so the supervisor reads as policy, not syscalls.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bluemeet::media {

struct ChildProcess {
  pid_t pid = 0;
  int pidfd = -1;  // readable once the child has exited; owned by the caller
};

// name itself when it contains a '/', else the first executable match in
// $PATH; nullopt when there is none.
std::optional<std::string> find_executable(const std::string& name);

// fork + exec of path with args (argv[0] included). The child: stdin from
// /dev/null, stdout and stderr appended to log_fd, its own process group (a
// terminal's Ctrl-C reaches the node, which then stops it in order), default
// signal mask, no other inherited descriptors, and SIGKILL when the thread
// that spawned it dies (PR_SET_PDEATHSIG), so it never outlives the node.
// Throws std::system_error when fork or pidfd_open fails; an exec failure
// shows as exit status 127.
ChildProcess spawn_child(const std::string& path, const std::vector<std::string>& args, int log_fd);

// The wait status once the child has exited (reaping it), nullopt while it
// runs, -1 when something else already reaped it.
std::optional<int> try_reap(pid_t pid);

// "exited with status 1", "killed by signal 9 (Killed)".
std::string describe_wait_status(int status);

}  // namespace bluemeet::media
