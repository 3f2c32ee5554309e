#ifndef CLINBOX_CCURSES_SHIM_H
#define CLINBOX_CCURSES_SHIM_H
/* The define must sit in the header: a cSettings define does not reach Swift's importer,
   and without it curses.h hides get_wch, add_wch, cchar_t and setcchar. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot import, and C globals that Swift 6 rejects as shared mutable state. */
static inline WINDOW *cb_stdscr(void)       { return stdscr; }
static inline int     cb_colors(void)       { return COLORS; }
static inline int     cb_color_pairs(void)  { return COLOR_PAIRS; }
static inline attr_t  cb_a_normal(void)     { return A_NORMAL; }
static inline attr_t  cb_a_bold(void)       { return A_BOLD; }
static inline attr_t  cb_a_reverse(void)    { return A_REVERSE; }
static inline attr_t  cb_a_underline(void)  { return A_UNDERLINE; }
static inline attr_t  cb_a_dim(void)        { return A_DIM; }
static inline int     cb_key_f(int n)       { return KEY_F(n); }
static inline void    cb_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
/* Mouse masks are computed macros. */
static inline mmask_t cb_mouse_events(void)   { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t cb_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cb_button1_double(void)  { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t cb_wheel_up(void)        { return BUTTON4_PRESSED; }
static inline mmask_t cb_wheel_down(void)      { return BUTTON5_PRESSED; }
#endif
