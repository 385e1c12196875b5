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
    /// 1. per (collector, group): how many active accounts, their unapplied
    ///    credit, how many hold some — a few hundred rows;
    /// 2. the ids of the accounts with open charges, in the same
    ///    (collector, group) order, a run per row of 1. (one snapshot: the
    ///    runs' lengths are counted in 1.), so each id's group is known
    ///    without sending its text;
    /// 3. the open charges (account, due date, open amount) in account
    ///    order, as `cachedAging` reads them;
    /// 2. and 3. as integer arrays (`LedgerSQL.bulk`), 3. on a second
    /// connection on the same snapshot while this one answers 1. and 2.
    /// (`bulkBeside`: the server builds both at once, on two cores), and the
    /// buckets are counted here in one pass over 3., an account at a time.
    /// Measured at 1M accounts: see docs/postgres.md.
    ///
    /// The collector filter stays in Swift (`counts`), as in `cachedAging`,
    /// so both read the same rows.
    func groupedAging(_ db: any LedgerSQL, asOf day: Day, by grouping: AgingGrouping,
                      collectors: Set<String>? = nil) throws -> [String: AgingTotals] {
        // No grouping orders by the collector twice (a NULL literal has no
        // type to sort by on a server); its group is named "all" below.
        let column = grouping == .segment ? "a.segment" : "a.collector"
        let width = buckets.count
        var names: [String] = []
        var slot: [String: Int] = [:]
        var totals: [AgingTotals] = []
        var unapplied: [Int64] = []
        var overflow = false
        func add(_ a: inout Int64, _ b: Int64) {
            let (sum, o) = a.addingReportingOverflow(b)
            if o { overflow = true } else { a = sum }
        }

        // 3. first: the open charges, the biggest part (on a server, built
        // on a second connection while this one answers 1. and 2.).
        let openCharges = db.bulkBeside("""
            SELECT account_id, due_date, open_amount FROM charges \(db.dialect.indexedBy("charges_open"))
            WHERE open_amount > 0 ORDER BY account_id
            """, [], columns: 3)

        // 1. The (collector, group) pairs: each one's group slot (-1: out
        // of the scope asked for) and how many ids its run holds.
        let pairs = try db.small("""
            SELECT \(column), a.collector, count(*), sum(a.unapplied), sum(CASE WHEN a.unapplied > 0 THEN 1 ELSE 0 END),
                   sum(CASE WHEN a.open_total > 0 THEN 1 ELSE 0 END)
            FROM accounts a WHERE a.open_total > 0 OR a.unapplied > 0
            GROUP BY 2, 1 ORDER BY 2, 1
            """, [])
        var runs: [(slot: Int, length: Int)] = []
        // Each pair's collector and group with its slot and run, for reading
        // the ids by their group's place (`readByPlace`).
        var pairSlots: [(collector: String?, group: String?, slot: Int, length: Int)] = []
        while try pairs.step() {
            let length = Int(pairs.int(5))
            guard Self.counts(pairs.text(1), in: collectors) else {
                runs.append((-1, length))
                pairSlots.append((pairs.text(1), pairs.text(0), -1, length))
                continue
            }
            let name = grouping == .none ? "all" : (pairs.text(0) ?? AgingReport.noGroup)
            let g: Int
            if let known = slot[name] { g = known } else {
                g = names.count
                slot[name] = g
                names.append(name)
                totals.append(AgingTotals(bucketCount: width))
                unapplied.append(0)
            }
            totals[g].accounts += Int(pairs.int(2))
            if let u = pairs.value(3).int { add(&unapplied[g], u) } else { overflow = true }
            totals[g].unappliedAccounts += Int(pairs.int(4))
            runs.append((g, length))
            pairSlots.append((pairs.text(1), pairs.text(0), g, length))
        }

        // 2. The ids, run by run.
        // (Those with open charges only: the queue's index holds them in
        // collector order, where all the active ones took a sort, 1.2 s.)
        var slots = AccountSlots()
        if grouping == .none && collectors == nil {
            // One group, no scope (`report aging` as an admin): every account
            // with open charges is in it, and its id need not be read.
            slots.seal(everyone: runs.isEmpty ? -1 : 0)
        } else if grouping == .segment {
            try readByPlace(db, pairSlots, into: &slots)
        } else {
            let ids = try db.bulk("SELECT a.id FROM accounts a WHERE a.open_total > 0 ORDER BY a.collector, \(column)", [], columns: 1)
            for run in runs {
                for _ in 0..<run.length {
                    guard try ids.step() else { throw StoreError("the accounts changed while the aging read them") }
                    slots.append(ids.int(0), run.slot)
                }
            }
            guard try !ids.step() else { throw StoreError("the accounts changed while the aging read them") }
            slots.seal()
        }

        // 3. The open charges, an account at a time.
        let charges = try openCharges()
        let today = Int64(day.ordinal)
        var sums = [Int64](repeating: 0, count: names.count * width)
        var held: [Int] = []
        var account: Int64? = nil
        var g = -1
        func close() {
            if g >= 0 { totals[g].count(inBuckets: held, unapplied: false) }
            held.removeAll(keepingCapacity: true)
        }
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
            add(&sums[g * width + i], charges.int(2))
            held.append(i)
        }
        close()
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

extension LedgerReports {
    /// The ids of the accounts with open charges in collector order (the
    /// queue's index holds it: no sort), each with its group's place in the
    /// list of the pairs' groups (0 for NULL): its slot is its collector's
    /// run's slot for that place. In (collector, group) order, as the runs
    /// of the pairs take them, the server sorted 870,000 rows by two texts
    /// (no index has that order, 820 ms; this read 240 ms).
    func readByPlace(_ db: any LedgerSQL, _ pairs: [(collector: String?, group: String?, slot: Int, length: Int)],
                     into slots: inout AccountSlots) throws {
        var places: [String: Int] = [:], list: [String] = []
        for p in pairs {
            if let g = p.group, places[g] == nil { list.append(g); places[g] = list.count }
        }
        // A run per collector (the pairs come in collector order): how many
        // ids, and the slot of each group place (-2: no such pair).
        var runs: [(length: Int, slots: [Int])] = []
        var last: String?? = .none
        for p in pairs {
            if last != .some(p.collector) {
                runs.append((0, [Int](repeating: -2, count: list.count + 1)))
                last = .some(p.collector)
            }
            runs[runs.count - 1].length += p.length
            runs[runs.count - 1].slots[p.group.map { places[$0]! } ?? 0] = p.slot
        }
        let ids = try db.bulk("""
            SELECT a.id, \(db.dialect.placeIn("?1", "a.segment")) FROM accounts a WHERE a.open_total > 0 ORDER BY a.collector
            """, [.text(JSONString.array(list))], columns: 2)
        for run in runs {
            for _ in 0..<run.length {
                guard try ids.step(), case let place = Int(ids.int(1)), place >= 0, place < run.slots.count, run.slots[place] != -2 else {
                    throw StoreError("the accounts changed while the aging read them")
                }
                slots.append(ids.int(0), run.slots[place])
            }
        }
        guard try !ids.step() else { throw StoreError("the accounts changed while the aging read them") }
        slots.seal()
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
