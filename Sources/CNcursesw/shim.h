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

#endif
