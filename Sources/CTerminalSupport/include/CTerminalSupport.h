#ifndef GLANCE_TUI_TERMINAL_SUPPORT_H
#define GLANCE_TUI_TERMINAL_SUPPORT_H
#include <stdio.h>
#include <stdint.h>

/* Signal plumbing that must be written in C: handlers may only do async-signal-safe work. */

/* SIGINT, SIGTERM, SIGHUP and SIGQUIT write their number to fd; the UI loop then leaves cleanly. */
int gt_route_quit_signals(int fd);

/* Chains after the SIGWINCH handler ncurses installed, keeping ncurses' KEY_RESIZE, and wakes
   the UI loop through fd so a resize that lands just before poll() is not missed. */
int gt_chain_sigwinch(int fd);

/* On SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE and SIGABRT: run cleanup (restore the terminal),
   then die of the same signal so the exit status and any core dump stay truthful. */
int gt_install_crash_cleanup(void (*cleanup)(void));


/* Column widths and locale, from the C library (Swift's Glibc module hides wcwidth). */
int gt_wcwidth(uint32_t scalar);
int gt_ctype_is_utf8(void);
const char *gt_set_ctype(const char *name);
const char *gt_set_all_from_environment(void);
#endif
