// Process-wide SQLite settings that Swift cannot make itself: sqlite3_config
// is variadic, and Swift does not call C variadic functions.
#include <sqlite3.h>

// Called once, before the first connection opens (sqlite3_config refuses
// with SQLITE_MISUSE once SQLite is initialised; then nothing changes).
//
// - Multi-thread mode: GRDB already hands each connection to one thread at a
//   time, so SQLite's own per-connection mutex, taken on every bind, step and
//   column call, only costs time (about a tenth of a bulk load). The core
//   mutexes that guard what connections share stay on.
// - No memory statistics: they take a global mutex on every allocation, and
//   nothing reads them.
// - URI file names: a read-only ledger in a read-only folder is opened as
//   `file:PATH?immutable=1` (most builds allow URIs already; this makes sure).
static inline int tagih_sqlite_tune(void) {
    int threads = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    int stats = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    int uri = sqlite3_config(SQLITE_CONFIG_URI, 1);
    return threads == SQLITE_OK && stats == SQLITE_OK && uri == SQLITE_OK ? 0 : 1;
}
