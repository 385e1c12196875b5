/* The SQLite floor for Tagih's charge import, run by scripts/bench.
 *
 * Inserts N charge rows, already parsed, through one prepared statement with
 * the C API into Tagih's own charges schema (the table, the unique identity
 * index and the two account-ordered indexes) in one transaction, as
 * `tagih import charges` does once it has parsed and validated a row. No
 * import that keeps those indexes can be faster; comparing it with
 * `sqlite3 .import` into a bare table shows how much of the gap is SQLite's.
 *
 * Usage: sqlite-floor DB N
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void must(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        fprintf(stderr, "sqlite-floor: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: sqlite-floor DB N\n"); return 2; }
    long n = atol(argv[2]);
    sqlite3 *db;
    remove(argv[1]);
    must(sqlite3_open(argv[1], &db), db, "open");
    /* The same page size, journal, sync and cache as Tagih's ledger. */
    must(sqlite3_exec(db,
        "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
        "CREATE TABLE charges (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,"
        " source TEXT NOT NULL CHECK (source IN ('invoice', 'debit')), ref TEXT NOT NULL,"
        " issue_date INTEGER NOT NULL, due_date INTEGER NOT NULL, amount INTEGER NOT NULL CHECK (amount > 0),"
        " description TEXT, batch_id INTEGER NOT NULL, open_amount INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX charges_ref ON charges(source, ref);"
        "CREATE INDEX charges_account ON charges(account_id);"
        "CREATE INDEX charges_open ON charges(account_id, due_date, open_amount) WHERE open_amount > 0;",
        0, 0, 0), db, "schema");
    sqlite3_stmt *st;
    must(sqlite3_prepare_v2(db,
        "INSERT INTO charges(account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount)"
        " VALUES (?, 'invoice', ?, ?, ?, ?, ?, 1, ?) ON CONFLICT(source, ref) DO NOTHING", -1, &st, 0), db, "prepare");
    double t0 = now();
    must(sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0), db, "begin");
    char ref[32];
    /* Five invoices per account, in account order, as the demo files are. */
    for (long i = 0; i < n; i++) {
        long account = i / 5, amount = 100000 + i % 1000;
        snprintf(ref, sizeof ref, "INV-2026%02ld-%07ld", 7 + i % 5, account);
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, account);
        sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, 20600 + i % 5 * 30);
        sqlite3_bind_int64(st, 4, 20630 + i % 5 * 30);
        sqlite3_bind_int64(st, 5, amount);
        sqlite3_bind_text(st, 6, "Tagihan Oktober 2026", -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 7, amount);
        must(sqlite3_step(st), db, "insert");
    }
    must(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
    printf("%ld rows: %.2f s\n", n, now() - t0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}
