#ifndef CLIBYAML_SHIM_H
#define CLIBYAML_SHIM_H

// libyaml's own header (Debian: libyaml-dev).
#include <yaml.h>

#endif
