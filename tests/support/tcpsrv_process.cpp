// xapian-tcpsrv as a child process; see tcpsrv_process.hpp.
#include "support/tcpsrv_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace capsearch::test {
namespace {

sockaddr_in loopback(unsigned port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// The port the kernel picks for a socket bound to port 0 (free now; a server may still race us).
unsigned free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot find a free port on 127.0.0.1");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

bool answers(unsigned port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in a = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

bool have_tcpsrv(const std::string& test_name) {
    if (std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0) return true;
    std::cout << "SKIPPED " << test_name << " (xapian-tcpsrv not installed: apt-get install xapian-tools)\n";
    return false;
}

TcpServer::TcpServer(std::vector<std::string> args) : args_(std::move(args)) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        if (start_on(free_port())) return;
    }
    throw std::runtime_error("xapian-tcpsrv did not start");
}

TcpServer::~TcpServer() { stop(); }

std::string TcpServer::stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_) + "\n"; }

bool TcpServer::start_on(unsigned port) {
    std::vector<std::string> argv_s = {"xapian-tcpsrv", "--quiet", "--interface",
                                       "127.0.0.1",     "--port",  std::to_string(port)};
    argv_s.insert(argv_s.end(), args_.begin(), args_.end());
    pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
        // A session of its own: on SIGTERM tcpsrv kills its whole process group (its forked children).
        ::setsid();
        std::vector<char*> argv;
        for (std::string& a : argv_s) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    for (int i = 0; i < 400; ++i) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) return false;  // It exited: the port was taken.
        if (answers(port)) {
            pid_ = pid;
            port_ = port;
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return false;
}

void TcpServer::stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void TcpServer::start_again() {
    stop();
    for (int attempt = 0; attempt < 80; ++attempt) {
        if (start_on(port_)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    throw std::runtime_error("xapian-tcpsrv did not start again on port " + std::to_string(port_));
}

}  // namespace capsearch::test
