// A xapian-tcpsrv child process on 127.0.0.1 for tests of remote shards: a free port (tcpsrv has no
// port 0, so a port is chosen and the start retried when it was taken), waiting until it answers,
// and stopping it (and the children it forked) when the object dies.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace capsearch::test {

/// True when xapian-tcpsrv is on PATH; otherwise prints a SKIPPED line naming `test_name`.
bool have_tcpsrv(const std::string& test_name);

class TcpServer {
  public:
    /// Serves `args` (tcpsrv options, then database folders) on a free port; throws when it cannot.
    explicit TcpServer(std::vector<std::string> args);
    ~TcpServer();
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    unsigned port() const { return port_; }
    /// "remote 127.0.0.1:PORT", the stub line for this server.
    std::string stub_line() const;
    /// Stops the server (a shard going down).
    void stop();
    /// Starts it again on the same port (the shard coming back).
    void start_again();

  private:
    bool start_on(unsigned port);

    std::vector<std::string> args_;
    unsigned port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace capsearch::test
