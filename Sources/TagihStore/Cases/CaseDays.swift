import GRDB

/// Each case's days that the queue needs, kept beside the append-only case
/// history so the queue's first paint reads the few unsettled cases instead
/// of every case and event of the year (CONTRACT §9, issue 17's speed).
///
/// `case_days` is derived data, like the balance cache: one row per case with
/// the day it was opened, the first day it was extended and the first day it
/// was settled (a resolution that needs no approval, or a lead's approval),
/// and its account's collector, so a collector's queue reads only their
/// own cases. Triggers on `cases`, `case_events` and the accounts'
/// `collector` keep it in step with every writer,
/// so no code path can forget it; `tagih check` rebuilds it from the history
/// in memory and compares. The status of a case on a day is still derived
/// (`Cases.state`); the row only says which cases can still be open then.
extension Schema {
    static let v14CaseDays = """
    CREATE TABLE case_days (
        case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
        account_id  INTEGER NOT NULL,
        opened      INTEGER NOT NULL,
        extended_on INTEGER,
        settled_on  INTEGER,
        collector   TEXT
    );
    -- The cases not settled on any day (most of a year's are settled), by
    -- collector: the queue reads this index alone.
    CREATE INDEX case_days_unsettled ON case_days(collector, opened, extended_on, account_id) WHERE settled_on IS NULL;
    -- One account's cases (its queue line; a change of its collector).
    CREATE INDEX case_days_account ON case_days(account_id);
    -- Settled cases by the day they were settled: a queue as of an earlier
    -- day also reads the few settled after it.
    CREATE INDEX case_days_settled ON case_days(settled_on) WHERE settled_on IS NOT NULL;
    CREATE TRIGGER case_days_open AFTER INSERT ON cases
    BEGIN INSERT INTO case_days(case_id, account_id, opened, collector)
          VALUES (NEW.id, NEW.account_id, NEW.opened, (SELECT collector FROM accounts WHERE id = NEW.account_id)); END;
    CREATE TRIGGER case_days_collector AFTER UPDATE OF collector ON accounts WHEN NEW.collector IS NOT OLD.collector
    BEGIN UPDATE case_days SET collector = NEW.collector WHERE account_id = NEW.id; END;
    CREATE TRIGGER case_days_extend AFTER INSERT ON case_events WHEN NEW.kind = 'extend'
    BEGIN UPDATE case_days SET extended_on = min(coalesce(extended_on, NEW.day), NEW.day) WHERE case_id = NEW.case_id; END;
    CREATE TRIGGER case_days_settle AFTER INSERT ON case_events
    WHEN NEW.kind = 'approve' OR (NEW.kind = 'resolve' AND NEW.needs_approval = 0)
    BEGIN UPDATE case_days SET settled_on = min(coalesce(settled_on, NEW.day), NEW.day) WHERE case_id = NEW.case_id; END;
    """

    /// What `case_days` holds when derived from the history: the migration
    /// fills it with this, and `check` compares with it.
    static let caseDaysDerived = """
    SELECT c.id, c.account_id, c.opened,
           (SELECT min(day) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'extend'),
           (SELECT min(day) FROM case_events e WHERE e.case_id = c.id
            AND (e.kind = 'approve' OR (e.kind = 'resolve' AND e.needs_approval = 0))),
           (SELECT collector FROM accounts a WHERE a.id = c.account_id)
    FROM cases c
    """
}

/// Reading `case_days`.
enum CaseDays {
    /// The cases that may be unsettled on `day`: (account id, opened,
    /// extended by that day). `scope` is the queue's condition on the
    /// accounts' `collector` with its argument as `?1`; `account`, one account's.
    static func unsettled(_ db: any LedgerSQL, on day: Int64, scope: (condition: String, argument: SQLValue)?, account: Int64?,
                          _ body: (_ accountID: Int64, _ opened: Int64, _ extended: Bool) throws -> Void) throws {
        let q: any SQLCursor
        if let account {
            q = try db.cursor("""
                SELECT account_id, opened, extended_on <= ?1 FROM case_days \(db.dialect.indexedBy("case_days_account"))
                WHERE account_id = ?2 AND opened <= ?1 AND (settled_on IS NULL OR settled_on > ?1)
                """, [.int(day), .int(account)])
        } else {
            let scope = scope ?? ("TRUE", .null)
            q = try db.cursor("""
                SELECT account_id, opened, extended_on <= ?2 FROM case_days \(db.dialect.indexedBy("case_days_unsettled"))
                WHERE settled_on IS NULL AND \(scope.condition) AND opened <= ?2
                UNION ALL
                SELECT account_id, opened, extended_on <= ?2 FROM case_days \(db.dialect.indexedBy("case_days_settled"))
                WHERE settled_on > ?2 AND \(scope.condition) AND opened <= ?2
                """, [scope.argument, .int(day)])
        }
        while try q.step() { try body(q.int(0), q.int(1), q.optInt(2) == 1) }
    }

    private struct Days: Equatable {
        var accountID: Int64, opened: Int64, extendedOn: Int64?, settledOn: Int64?, collector: String?
        init(_ a: Int64, _ o: Int64, _ e: Int64?, _ s: Int64?, _ c: String?) { (accountID, opened, extendedOn, settledOn, collector) = (a, o, e, s, c) }
    }

    /// Rows of `case_days` that differ from the history, for `tagih check`.
    static func problems(_ db: any LedgerSQL) throws -> [String] {
        var derived: [Int64: Days] = [:]
        let d = try db.cursor(Schema.caseDaysDerived + " ORDER BY c.id")
        while try d.step() { derived[d.int(0)] = Days(d.int(1), d.int(2), d.optInt(3), d.optInt(4), d.text(5)) }
        var problems: [String] = []
        let q = try db.cursor("SELECT case_id, account_id, opened, extended_on, settled_on, collector FROM case_days ORDER BY case_id")
        while try q.step() {
            let id = q.int(0)
            let row = Days(q.int(1), q.int(2), q.optInt(3), q.optInt(4), q.text(5))
            if let want = derived.removeValue(forKey: id) {
                if want != row { problems.append("case \(id): its cached days differ from its history") }
            } else {
                problems.append("case \(id) is cached but is no case")
            }
        }
        for id in derived.keys.sorted() { problems.append("case \(id) is missing from the cached case days") }
        return problems
    }
}
