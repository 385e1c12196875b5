// cairo and its PDF surface, for the warning letters (Sources/TagihLetters).
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
