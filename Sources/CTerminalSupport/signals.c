#define _GNU_SOURCE
#include "CTerminalSupport.h"
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t quit_fd = -1;
static volatile sig_atomic_t winch_fd = -1;
static struct sigaction previous_winch;
static void (*crash_cleanup)(void) = 0;

static void write_byte(int fd, int signo) {
    if (fd < 0) return;
    int saved = errno;
    unsigned char b = (unsigned char)signo;
    ssize_t r = write(fd, &b, 1);
    (void)r;
    errno = saved;
}

static void on_quit(int signo) { write_byte(quit_fd, signo); }

static void on_winch(int signo) {
    if (previous_winch.sa_flags & SA_SIGINFO) {
        if (previous_winch.sa_sigaction) previous_winch.sa_sigaction(signo, 0, 0);
    } else if (previous_winch.sa_handler != SIG_DFL && previous_winch.sa_handler != SIG_IGN && previous_winch.sa_handler) {
        previous_winch.sa_handler(signo);
    }
    write_byte(winch_fd, signo);
}

static void on_crash(int signo) {
    static volatile sig_atomic_t running = 0;
    if (!running && crash_cleanup) {
        running = 1;
        crash_cleanup();
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

int gt_route_quit_signals(int fd) {
    quit_fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit;
    sigemptyset(&sa.sa_mask);
    int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (sigaction(signals[i], &sa, 0) != 0) return -1;
    return 0;
}

int gt_chain_sigwinch(int fd) {
    winch_fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_winch;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return sigaction(SIGWINCH, &sa, &previous_winch);
}

int gt_install_crash_cleanup(void (*cleanup)(void)) {
    crash_cleanup = cleanup;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (sigaction(signals[i], &sa, 0) != 0) return -1;
    return 0;
}
