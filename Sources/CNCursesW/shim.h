#ifndef GLANCE_TUI_CNCURSESW_SHIM_H
#define GLANCE_TUI_CNCURSESW_SHIM_H
/* The wide-character API (wget_wch, setcchar, wadd_wch) is only declared under these macros. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

/* Swift cannot import C macros with arguments nor mutable C globals under strict concurrency. */
static inline WINDOW *gt_stdscr(void) { return stdscr; }
static inline int gt_lines(void) { return LINES; }
static inline int gt_cols(void) { return COLS; }
static inline int gt_colors(void) { return COLORS; }
static inline int gt_color_pairs(void) { return COLOR_PAIRS; }
static inline int gt_key_code_yes(void) { return KEY_CODE_YES; }
static inline int gt_key_resize(void) { return KEY_RESIZE; }
static inline int gt_err(void) { return ERR; }
static inline int gt_ok(void) { return OK; }
static inline void gt_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t gt_a_bold(void) { return A_BOLD; }
static inline attr_t gt_a_dim(void) { return A_DIM; }
static inline attr_t gt_a_reverse(void) { return A_REVERSE; }
static inline attr_t gt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gt_a_italic(void) { return A_ITALIC; }
static inline attr_t gt_a_normal(void) { return A_NORMAL; }
static inline int gt_key_f(int n) { return KEY_F(n); }

/* Puts one grapheme cluster (up to a few wchar_t: base plus combining marks) at y, x. */
static inline int gt_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &c);
}

/* The mouse: every press and release of buttons 1-3 and the wheel (buttons 4 and 5), and
   reading one report. Only button 1's press and the wheel act; the rest is asked for because
   ncurses, filtering out an event not in the mask, waits in wget_wch for the next byte even
   under nodelay (a click's release froze the screen until the next key, which was lost). */
static inline mmask_t gt_mouse_wanted(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED
         | BUTTON3_PRESSED | BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t gt_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gt_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gt_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int gt_key_mouse(void) { return KEY_MOUSE; }
static inline int gt_getmouse(int *x, int *y, mmask_t *bstate) {
    MEVENT e;
    if (getmouse(&e) != OK) return ERR;
    *x = e.x; *y = e.y; *bstate = e.bstate;
    return OK;
}
#endif
