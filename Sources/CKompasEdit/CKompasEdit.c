#include "CKompasEdit.h"

#include <fcntl.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct kompas_editor {
    EditLine *el;
    HistoryW *history;
    FILE *in;
    FILE *out;
    int owns_in;
    int owns_out;
    wchar_t *prompt;
    int interrupted;
    kompas_completion_fn complete;
    void *complete_context;
};

static kompas_editor *editor_of(EditLine *el) {
    void *data = NULL;
    el_wget(el, EL_CLIENTDATA, &data);
    return data;
}

/* libedit decodes keystrokes with the C library's multibyte functions, and only handles
   multibyte input when the codeset is UTF-8. The default "C" locale is ASCII, which would reject
   "â" or "’", so only that case is upgraded; a deliberately chosen locale is respected. */
static void use_utf8_ctype(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (strcmp(codeset, "ANSI_X3.4-1968") != 0 && strcmp(codeset, "US-ASCII") != 0) return;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* fd 0 and 1 share the process's stdio streams so Swift's print() and the editor's output stay
   ordered; other fds get a private close-on-exec copy that kompas_edit_end may close. */
static FILE *open_stream(int fd, const char *mode, FILE *standard, int standard_fd, int *owned) {
    *owned = 0;
    if (fd == standard_fd) return standard;
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0) return NULL;
    FILE *stream = fdopen(copy, mode);
    if (stream == NULL) {
        close(copy);
        return NULL;
    }
    *owned = 1;
    return stream;
}

static wchar_t *prompt_of(EditLine *el) {
    static wchar_t empty[] = L"";
    kompas_editor *editor = editor_of(el);
    return editor->prompt != NULL ? editor->prompt : empty;
}

/* Reprinting the text after the cursor moves the terminal cursor to the end of the line, so the
   "^C" that follows does not split what the user typed. */
static void move_to_line_end(kompas_editor *editor, const LineInfoW *line) {
    for (const wchar_t *c = line->cursor; c < line->lastchar; c++)
        fprintf(editor->out, "%lc", (wint_t)*c);
}

/* Bound to ^C. CC_EOF makes el_wgets return NULL; the flag tells it apart from ^D. */
static unsigned char on_interrupt(EditLine *el, wint_t key) {
    (void)key;
    kompas_editor *editor = editor_of(el);
    editor->interrupted = 1;
    move_to_line_end(editor, el_wline(el));
    fputs("^C\n", editor->out); /* the edit-mode tty maps \n to \r\n */
    fflush(editor->out);
    return CC_EOF;
}

/* Bound to Tab: Swift computes candidates and edits the line through kompas_edit_insert etc. */
static unsigned char on_complete(EditLine *el, wint_t key) {
    (void)key;
    kompas_editor *editor = editor_of(el);
    if (editor->complete == NULL) return CC_ERROR;
    const LineInfoW *line = el_wline(el);
    size_t length = (size_t)(line->cursor - line->buffer);
    switch (editor->complete(editor->complete_context, line->buffer, length)) {
    case KOMPAS_COMPLETION_EDITED: return CC_REFRESH;
    case KOMPAS_COMPLETION_LISTED: return CC_REDISPLAY;
    default: return CC_ERROR;
    }
}

static void configure(kompas_editor *editor, const char *terminal) {
    EditLine *el = editor->el;
    HistEventW event;
    history_w(editor->history, &event, H_SETSIZE, 1000);
    history_w(editor->history, &event, H_SETUNIQUE, 1);
    el_wset(el, EL_CLIENTDATA, (void *)editor);
    if (terminal != NULL) el_wset(el, EL_TERMINAL, terminal);
    el_wset(el, EL_EDITOR, L"emacs");
    /* Restores the terminal on SIGTSTP/SIGTERM/... and follows window resizes. */
    el_wset(el, EL_SIGNAL, 1);
    el_wset(el, EL_HIST, history_w, editor->history);
    el_wset(el, EL_PROMPT_ESC, prompt_of, (int)'\1');
    /* ^C must arrive as a key rather than raise SIGINT: disable the tty interrupt character in
       edit mode ("-intr" keeps it disabled when libedit re-reads the tty, "intr=" applies now).
       Outside el_wgets the terminal is cooked again, so ^C still interrupts running work. */
    el_wset(el, EL_SETTY, L"-d", L"-intr", L"intr=", NULL);
    el_wset(el, EL_ADDFN, L"kompas-interrupt", L"Cancel the line", on_interrupt);
    el_wset(el, EL_BIND, L"^C", L"kompas-interrupt", NULL);
    el_wset(el, EL_ADDFN, L"kompas-complete", L"Complete the word", on_complete);
    el_wset(el, EL_BIND, L"^I", L"kompas-complete", NULL);
}

kompas_editor *kompas_edit_init(const char *prog, int in_fd, int out_fd, const char *terminal) {
    use_utf8_ctype();
    kompas_editor *editor = calloc(1, sizeof *editor);
    if (editor == NULL) return NULL;
    editor->in = open_stream(in_fd, "r", stdin, STDIN_FILENO, &editor->owns_in);
    editor->out = open_stream(out_fd, "w", stdout, STDOUT_FILENO, &editor->owns_out);
    if (editor->in != NULL && editor->out != NULL) {
        FILE *errors = out_fd == STDOUT_FILENO ? stderr : editor->out;
        editor->el = el_init(prog, editor->in, editor->out, errors);
    }
    editor->history = history_winit();
    if (editor->el == NULL || editor->history == NULL) {
        kompas_edit_end(editor);
        return NULL;
    }
    configure(editor, terminal);
    return editor;
}

void kompas_edit_end(kompas_editor *editor) {
    if (editor == NULL) return;
    if (editor->el != NULL) el_end(editor->el);
    if (editor->history != NULL) history_wend(editor->history);
    if (editor->owns_in) fclose(editor->in);
    if (editor->owns_out) fclose(editor->out);
    free(editor->prompt);
    free(editor);
}

void kompas_edit_set_completion(kompas_editor *editor, kompas_completion_fn fn, void *context) {
    editor->complete = fn;
    editor->complete_context = context;
}

const wchar_t *kompas_edit_read_line(
    kompas_editor *editor, const wchar_t *prompt, int *length, kompas_read_status *status) {
    free(editor->prompt);
    editor->prompt = wcsdup(prompt != NULL ? prompt : L"");
    editor->interrupted = 0;
    fflush(NULL); /* what the program printed must appear before the prompt */
    /* On glibc, el_wgets prints the prompt first and enters raw mode only at the first read, so
       keys typed right after the prompt appeared could still be handled (and echoed) by the
       cooked tty. Entering raw mode first closes that window. */
    el_wset(editor->el, EL_PREP_TERM, 1);
    int count = 0;
    const wchar_t *line = el_wgets(editor->el, &count);
    *length = 0;
    if (editor->interrupted) {
        *status = KOMPAS_READ_INTERRUPTED;
        return NULL;
    }
    if (line == NULL || count <= 0) {
        /* leave the cursor on a fresh line for whatever the program prints next */
        fputs("\n", editor->out);
        fflush(editor->out);
        *status = KOMPAS_READ_END_OF_FILE;
        return NULL;
    }
    *length = count;
    *status = KOMPAS_READ_LINE;
    return line;
}

void kompas_edit_history_set_size(kompas_editor *editor, int size) {
    HistEventW event;
    history_w(editor->history, &event, H_SETSIZE, size > 0 ? size : 0);
}

void kompas_edit_history_enter(kompas_editor *editor, const wchar_t *line) {
    HistEventW event;
    history_w(editor->history, &event, H_ENTER, line);
}

int kompas_edit_insert(kompas_editor *editor, const wchar_t *text) {
    return el_winsertstr(editor->el, text);
}

void kompas_edit_delete_before_cursor(kompas_editor *editor, int count) {
    if (count > 0) el_deletestr(editor->el, count);
}

void kompas_edit_write(kompas_editor *editor, const char *utf8) {
    fputs(utf8, editor->out);
    fflush(editor->out);
}

int kompas_edit_columns(kompas_editor *editor) {
    int columns = 0;
    if (el_get(editor->el, EL_GETTC, "co", &columns, NULL) != 0 || columns <= 0) return 80;
    return columns;
}
