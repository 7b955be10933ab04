#ifndef CLIBEDIT_SHIM_H
#define CLIBEDIT_SHIM_H

// libedit's own header; pkg-config adds -I/usr/include/editline, histedit.h lives in /usr/include.
#include <histedit.h>

#endif
