import TagihCore

extension LedgerReports {
    /// Today's aging with the accounts read by group: the same figures as
    /// `cachedAging`, for a backend where every row read crosses a socket
    /// (`SQLDialect.rowsCrossASocket`: PostgreSQL).
    ///
    /// `cachedAging` walks the active accounts (with their group and
    /// collector) beside the open charges, both in account order. Over
    /// PostgreSQL's wire the 870,000 accounts' text columns were the dearer
    /// half of that read, and summing on the server was no cheaper: a GROUP
    /// BY account with a FILTER per bucket took 1.7 s on the 1M-account
    /// ledger (the whole report 2× SQLite's), and `lag` over the charges'
    /// index 1.1 s. So here the server sends
    /// 1. the accounts by group (`groupRows`): a row per collector (per
    ///    collector and segment, by segment) of the accounts with open
    ///    charges, with its counts and the accounts' ids in one value
    ///    (`SQLDialect.integerList`), and a row per collector of the few
    ///    accounts holding only unapplied credit;
    /// 2. the open charges (account, due date, open amount) in account
    ///    order, as `cachedAging` reads them, in two halves: one on a second
    ///    connection on the same snapshot (`bulkBeside`), the other on this
    ///    one (`bulkAhead`), so the server builds one while this process
    ///    counts the other. For the whole book the halves are by account id
    ///    and the first starts before 1.; for a scope, after 1., and for a
    ///    scope of few accounts (a collector's) they are its accounts' ids,
    ///    each a probe of the charges' index, not the whole book's charges;
    /// and the buckets are counted here in one pass over 2., an account at
    /// a time. Measured at 1M accounts: see docs/postgres.md.
    ///
    /// The collector filter is also kept in Swift (`counts`), as in
    /// `cachedAging`, so both count the same rows.
    func groupedAging(_ db: any LedgerSQL, asOf day: Day, by grouping: AgingGrouping,
                      collectors: Set<String>? = nil) throws -> [String: AgingTotals] {
        var book = GroupBook(width: buckets.count)

        let charges = """
            SELECT account_id, due_date, open_amount FROM charges \(db.dialect.indexedBy("charges_open"))
            WHERE open_amount > 0 AND
            """
        let range = try db.small("SELECT min(id), max(id) FROM accounts", [])
        let (low, high) = try range.step() ? (range.int(0), range.int(1)) : (0, 0)
        let split = low / 2 + high / 2 + 1
        let byRange = (lower: { db.bulkBeside(charges + " account_id < ?1 ORDER BY account_id", [.int(split)], columns: 3) },
                       upper: { db.bulkAhead(charges + " account_id >= ?1 ORDER BY account_id", [.int(split)], columns: 3) })
        var slots = AccountSlots()
        let parts: [() throws -> any SQLCursor]
        if let collectors {
            // 1. then 2.: the scope's accounts first; when they are at most a
            // quarter of the book (a collector's: a twelfth at 1M), only their
            // charges, by id. (A lead's half of the book by ids: 0.9 against
            // 0.7 s by range, measured.)
            let chosen = try groupRows(db, by: grouping, collectors: collectors, into: &book, slots: &slots).sorted()
            if chosen.isEmpty {
                parts = []
            } else if chosen.count * 4 <= Int(high - low + 1) {
                let half = chosen.count / 2
                let of = charges + " " + db.dialect.inJSONInts("account_id", "?1") + " ORDER BY account_id"
                let lists = [chosen[..<half], chosen[half...]].map { SQLValue.text(LedgerScan.EntriesReader.jsonList(Array($0))) }
                parts = [db.bulkBeside(of, [lists[0]], columns: 3), db.bulkAhead(of, [lists[1]], columns: 3)]
            } else {
                parts = [byRange.lower(), byRange.upper()]
            }
        } else {
            // 2.'s lower half first: the biggest part, built on a second
            // connection while this one answers 1.
            let lower = byRange.lower()
            try groupRows(db, by: grouping, collectors: nil, into: &book, slots: &slots)
            parts = [lower, byRange.upper()]
        }

        // 2. The open charges, an account at a time.
        let today = Int64(day.ordinal)
        let width = book.width
        var sums = [Int64](repeating: 0, count: book.names.count * width)
        var held: [Int] = []
        var account: Int64? = nil
        var g = -1
        func close() {
            if g >= 0 { book.totals[g].count(inBuckets: held, unapplied: false) }
            held.removeAll(keepingCapacity: true)
        }
        for part in parts {
            let charges = try part()
            while try charges.step() {
                let id = charges.int(0)
                if id != account {
                    close()
                    account = id
                    // (Charges of an account out of scope are passed over.)
                    g = slots[id]
                }
                guard g >= 0 else { continue }
                let i = buckets.index(daysPastDue: Int(today - charges.int(1)))
                book.add(&sums[g * width + i], charges.int(2))
                held.append(i)
            }
        }
        close()
        return try book.groups(sums: sums)
    }

    /// A row per collector (per collector and segment, by segment) of the
    /// accounts with open charges, with their counts and, unless every
    /// account is in the one group, their ids; then the same of the
    /// accounts with unapplied credit and no open charge, a few thousand.
    /// By collector the queue's index holds the rows in collector order: a
    /// group aggregate with no sort, 140 ms at 1M, where counting the pairs
    /// of every active account took 200 ms on three processes and reading
    /// the ids in collector order another 170 ms.
    @discardableResult
    private func groupRows(_ db: any LedgerSQL, by grouping: AgingGrouping, collectors: Set<String>?,
                           into book: inout GroupBook, slots: inout AccountSlots) throws -> [Int64] {
        let everyone = grouping == .none && collectors == nil
        let keys = grouping == .segment ? "a.collector, a.segment" : "a.collector"
        // A scope is also read as one: the queue index's range of each
        // collector, and the accounts with none as a statement of their own
        // (an OR of the two is a scan of the whole index: 216 against 99 ms
        // for a lead at 1M). `counts` below keeps the rows `cachedAging`'s.
        var scopes: [(filter: String, arguments: [SQLValue])] = [("", [])]
        if let collectors {
            scopes = [(" AND " + db.dialect.inJSONTexts("a.collector", "?1"), [.text(JSONString.array(collectors.sorted()))])]
            if collectors.contains("") { scopes.append((" AND a.collector IS NULL", [])) }
        }
        var chosen: [Int64] = []
        // The row's group slot (-1: out of the scope asked for), and where its counts start.
        let first: Int32 = grouping == .segment ? 2 : 1
        func group(_ row: any SQLCursor) -> Int {
            guard Self.counts(row.text(0), in: collectors) else { return -1 }
            switch grouping {
            case .none: return book.slot("all")
            case .collector: return book.slot(row.text(0) ?? AgingReport.noGroup)
            case .segment: return book.slot(row.text(1) ?? AgingReport.noGroup)
            }
        }
        for scope in scopes {
            let open = try db.small("""
                SELECT \(keys), count(*), sum(a.unapplied), sum(CASE WHEN a.unapplied > 0 THEN 1 ELSE 0 END)\(everyone ? "" : ", " + db.dialect.integerList("a.id"))
                FROM accounts a \(db.dialect.indexedBy("accounts_queue")) WHERE a.open_total > 0\(scope.filter) GROUP BY \(keys) ORDER BY \(keys)
                """, scope.arguments)
            while try open.step() {
                let g = group(open)
                if g >= 0 { book.count(g, accounts: open.int(first), unapplied: open.value(first + 1), unappliedAccounts: open.int(first + 2)) }
                guard !everyone else { continue }
                guard let ids = db.dialect.integers(in: open.value(first + 3)) else { throw StoreError("the accounts' ids could not be read") }
                if g >= 0 {
                    for id in ids { slots.append(id, g) }
                    if collectors != nil { chosen += ids }
                }
            }
        }
        if everyone { slots.seal(everyone: book.names.isEmpty ? -1 : 0) } else { slots.seal() }
        for scope in scopes {
            let creditOnly = try db.small("""
                SELECT \(keys), count(*), sum(a.unapplied) FROM accounts a
                WHERE a.unapplied > 0 AND a.open_total <= 0\(scope.filter) GROUP BY \(keys) ORDER BY \(keys)
                """, scope.arguments)
            while try creditOnly.step() {
                // (A group of these alone is made here: none of its accounts
                // has a charge for `slots` to place.)
                let g = group(creditOnly)
                if g >= 0 { book.count(g, accounts: creditOnly.int(first), unapplied: creditOnly.value(first + 1), unappliedAccounts: creditOnly.int(first)) }
            }
        }
        return chosen
    }
}

/// The groups of `groupedAging` as they are met: each one's name, slot,
/// counts and unapplied credit, the sums checked for overflow.
struct GroupBook {
    let width: Int
    var names: [String] = []
    private var slots: [String: Int] = [:]
    var totals: [AgingTotals] = []
    private var unapplied: [Int64] = []
    private var overflow = false

    init(width: Int) { self.width = width }

    /// The group's slot, made when it is new.
    mutating func slot(_ name: String) -> Int {
        if let known = slots[name] { return known }
        slots[name] = names.count
        names.append(name)
        totals.append(AgingTotals(bucketCount: width))
        unapplied.append(0)
        return names.count - 1
    }

    mutating func count(_ g: Int, accounts: Int64, unapplied credit: SQLValue, unappliedAccounts: Int64) {
        totals[g].accounts += Int(accounts)
        var sum = unapplied[g]
        if let u = credit.int { add(&sum, u) } else { overflow = true }
        unapplied[g] = sum
        totals[g].unappliedAccounts += Int(unappliedAccounts)
    }

    mutating func add(_ a: inout Int64, _ b: Int64) {
        let (sum, o) = a.addingReportingOverflow(b)
        if o { overflow = true } else { a = sum }
    }

    /// Each group's totals with its bucket sums (`sums`: a row of `width` a group).
    func groups(sums: [Int64]) throws -> [String: AgingTotals] {
        if overflow { throw StoreError.overflow("an aging total") }
        var groups: [String: AgingTotals] = [:]
        for (i, name) in names.enumerated() {
            var t = totals[i]
            t.unapplied = Money(minor: unapplied[i])
            for b in 0..<width { t.buckets[b] = Money(minor: sums[i * width + b]) }
            groups[name] = t
        }
        return groups
    }
}

/// The group slot of each account with open charges, by id: a flat array
/// indexed by id when the ids are dense (a ledger's usually are: a look-up
/// per account costs an index), else a dictionary.
struct AccountSlots {
    private var ids: [Int64] = []
    private var slots: [Int32] = []
    private var dense: [Int32] = []
    private var map: [Int64: Int32] = [:]
    private var isDense = false
    /// The one slot of every account, when there is one group and no scope.
    private var everyone: Int32?

    mutating func append(_ id: Int64, _ slot: Int) {
        ids.append(id)
        slots.append(Int32(slot))
    }

    /// Chooses the form once every id is in.
    mutating func seal() {
        let top = ids.max() ?? 0
        let low = ids.min() ?? 0
        isDense = low >= 0 && top < Int64(4 * ids.count + 1024)
        if isDense {
            dense = [Int32](repeating: -1, count: Int(top) + 1)
            for (id, s) in zip(ids, slots) { dense[Int(id)] = s }
        } else {
            map.reserveCapacity(ids.count)
            for (id, s) in zip(ids, slots) { map[id] = s }
        }
        ids = []
        slots = []
    }

    /// Every account in `slot`: no ids are kept.
    mutating func seal(everyone slot: Int) { everyone = Int32(slot) }

    /// The account's slot, or -1 (out of scope, or none read).
    subscript(id: Int64) -> Int {
        if let everyone { return Int(everyone) }
        if isDense { return id >= 0 && id < Int64(dense.count) ? Int(dense[Int(id)]) : -1 }
        return Int(map[id] ?? -1)
    }
}
