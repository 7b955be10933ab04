#ifndef CKOMPASEDIT_H
#define CKOMPASEDIT_H

// A thin, non-variadic wrapper around libedit's wide-character API, callable from Swift.
// Swift cannot call el_wset/history_w (variadic) nor touch stdin/stdout (mutable globals).

#include <stddef.h>
#include <wchar.h>

typedef struct kompas_editor kompas_editor;

typedef enum kompas_read_status {
    KOMPAS_READ_LINE = 0,
    KOMPAS_READ_INTERRUPTED = 1,
    KOMPAS_READ_END_OF_FILE = 2,
} kompas_read_status;

/// What the completion callback did, so the editor knows how to redraw.
typedef enum kompas_completion_result {
    KOMPAS_COMPLETION_NOTHING = 0,   // no candidates: beep
    KOMPAS_COMPLETION_EDITED = 1,    // text inserted/deleted: refresh the line
    KOMPAS_COMPLETION_LISTED = 2,    // text printed below the line: redraw prompt and line
} kompas_completion_result;

/// Called on Tab with the text before the cursor (not NUL-terminated).
typedef kompas_completion_result (*kompas_completion_fn)(
    void *context, const wchar_t *before_cursor, size_t length);

/// Creates an emacs-mode editor reading `in_fd` and drawing on `out_fd` (the fds are dup'ed,
/// except 0 and 1 which use stdin/stdout). `terminal` is a terminfo name, NULL for $TERM.
/// Returns NULL when libedit cannot be initialised.
kompas_editor *kompas_edit_init(const char *prog, int in_fd, int out_fd, const char *terminal);

/// Restores the terminal and frees everything.
void kompas_edit_end(kompas_editor *editor);

void kompas_edit_set_completion(kompas_editor *editor, kompas_completion_fn fn, void *context);

/// Reads one line. The result points into libedit's buffer (valid until the next call), includes
/// the trailing newline if one was typed, and is NULL unless *status is KOMPAS_READ_LINE.
/// Non-printing prompt sequences (colours) must be wrapped in '\1' ... '\1'.
const wchar_t *kompas_edit_read_line(
    kompas_editor *editor, const wchar_t *prompt, int *length, kompas_read_status *status);

/// In-memory history used by the arrow keys and searches.
void kompas_edit_history_set_size(kompas_editor *editor, int size);
void kompas_edit_history_enter(kompas_editor *editor, const wchar_t *line);

/// Editing primitives for the completion callback.
int kompas_edit_insert(kompas_editor *editor, const wchar_t *text);
void kompas_edit_delete_before_cursor(kompas_editor *editor, int count);
void kompas_edit_write(kompas_editor *editor, const char *utf8);
int kompas_edit_columns(kompas_editor *editor);

#endif
