// ncursesw for Swift. Swift 6 refuses C global variables (stdscr, LINES,
// COLS) and cannot import function-like macros (COLOR_PAIR, getmaxyx, A_*),
// so each is wrapped in a static inline function here.
#ifndef TAGIH_CNCURSESW_SHIM_H
#define TAGIH_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *tagih_stdscr(void) { return stdscr; }
static inline int tagih_lines(void) { return LINES; }
static inline int tagih_cols(void) { return COLS; }

static inline attr_t tagih_a_normal(void) { return A_NORMAL; }
static inline attr_t tagih_a_bold(void) { return A_BOLD; }
static inline attr_t tagih_a_reverse(void) { return A_REVERSE; }
static inline attr_t tagih_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tagih_a_dim(void) { return A_DIM; }
static inline attr_t tagih_color_pair(short n) { return COLOR_PAIR(n); }

/// Writes one character cell (a base character plus up to four combining
/// marks) at row y, column x with the given attributes and colour pair.
static inline int tagih_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, chars, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &c);
}


// ---- The terminal given back on a fatal signal.
// A crash (SIGSEGV, a Swift trap's SIGILL/SIGTRAP, SIGABRT, ...) would leave
// the terminal raw, in the alternate screen, cursor hidden. The handler below
// uses only async-signal-safe calls: it writes the terminal's reset sequence
// (taken from terminfo while curses was started, kept in a static buffer),
// puts back the terminal modes saved before curses changed them, then
// restores the default action and re-raises, so the process still dies of
// its signal (exit 128 + signal, a core where the system keeps one).
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// The state lives in a function's static: Swift's importer emits a header's
// static functions but not its zero-initialised static arrays.
struct tagih_fatal_state {
    struct termios modes;
    volatile sig_atomic_t armed;
    int fd;
    size_t reset_length;
    char reset[512];
    char stack[65536];
};

static inline struct tagih_fatal_state *tagih_fatal(void) {
    static struct tagih_fatal_state state = { .fd = -1 };
    return &state;
}

static void tagih_fatal_handler(int sig) {
    struct tagih_fatal_state *f = tagih_fatal();
    if (f->armed) {
        f->armed = 0;
        if (f->reset_length > 0) {
            ssize_t ignored = write(f->fd, f->reset, f->reset_length);
            (void)ignored;
        }
        tcsetattr(f->fd, TCSANOW, &f->modes);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Appends terminfo capability `name` (when the terminal has it) to the reset sequence.
static inline void tagih_fatal_append(const char *name) {
    struct tagih_fatal_state *f = tagih_fatal();
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (f->reset_length + n > sizeof f->reset) return;
    memcpy(f->reset + f->reset_length, s, n);
    f->reset_length += n;
}

/// Saves the modes of terminal `fd` as they are before curses starts: what a
/// crash puts back. Returns 0, or -1 when `fd` is not a terminal.
static inline int tagih_fatal_save_modes(int fd) {
    struct tagih_fatal_state *f = tagih_fatal();
    if (tcgetattr(fd, &f->modes) != 0) return -1;
    f->fd = fd;
    return 0;
}

/// Arms the handlers once curses runs (terminfo is loaded): the reset
/// sequence is the way out of curses' screen (sgr0, cnorm, rmkx, rmcup).
static inline void tagih_fatal_arm(void) {
    struct tagih_fatal_state *f = tagih_fatal();
    if (f->fd < 0) return;
    f->reset_length = 0;
    tagih_fatal_append("sgr0");
    tagih_fatal_append("cnorm");
    tagih_fatal_append("rmkx");
    tagih_fatal_append("rmcup");
    // A stack overflow is a SIGSEGV with no stack left: handle it on a stack of its own.
    stack_t alt;
    alt.ss_sp = f->stack;
    alt.ss_size = sizeof f->stack;
    alt.ss_flags = 0;
    sigaltstack(&alt, NULL);
    const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = tagih_fatal_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_ONSTACK | SA_NODEFER;
        sigaction(fatal[i], &action, NULL);
    }
    f->armed = 1;
}

/// The terminal is given back normally: a later crash leaves it alone.
static inline void tagih_fatal_disarm(void) { tagih_fatal()->armed = 0; }

#endif
