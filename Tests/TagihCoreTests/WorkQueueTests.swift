import Testing
@testable import TagihCore

/// The queue order, filters, phone keys and zone names.
@Suite struct WorkQueueTests {
    let today = Day(iso: "2026-11-23")!

    func key(_ id: Int64, daysPastDue: Int, balance: Int64, segment: Int32 = 0) -> QueueKey {
        QueueKey(accountID: id, oldestDue: today.adding(days: -daysPastDue), balance: Money(minor: balance), segment: segment)
    }

    @Test func priorityIsOldestBucketThenLargestBalance() {
        let keys = [
            key(1, daysPastDue: 5, balance: 9_000),
            key(2, daysPastDue: 200, balance: 100),
            key(3, daysPastDue: 121, balance: 500),
            key(4, daysPastDue: 120, balance: 10_000),   // 91-120: below every 121+
            key(5, daysPastDue: 30, balance: 9_000),     // 1-30 like account 1: same balance, lower id first
            key(6, daysPastDue: 31, balance: 1),
        ]
        let order = WorkQueue.order(keys, segments: ["RETAIL"], today: today, buckets: .standard).map(\.accountID)
        #expect(order == [3, 2, 4, 6, 1, 5])
    }

    @Test func otherSortsAndFilters() {
        let keys = [key(1, daysPastDue: 5, balance: 300, segment: 0), key(2, daysPastDue: 90, balance: 100, segment: 1),
                    key(3, daysPastDue: 61, balance: 200, segment: -1), key(4, daysPastDue: 91, balance: 200, segment: 1)]
        let segments = ["RETAIL", "UMKM"]
        func ids(_ f: QueueFilter = .init(), _ s: QueueSort = .priority) -> [Int64] {
            WorkQueue.order(keys, segments: segments, today: today, buckets: .standard, filter: f, sort: s).map(\.accountID)
        }
        #expect(ids(QueueFilter(), .balance) == [1, 3, 4, 2], "equal balances fall to the account id")
        #expect(ids(QueueFilter(), .daysPastDue) == [4, 2, 3, 1])
        #expect(ids(QueueFilter(), .accountNo) == [1, 2, 3, 4])
        #expect(ids(QueueFilter(bucket: 3), .priority) == [3, 2], "61-90 holds 61 and 90 days, larger balance first")
        #expect(ids(QueueFilter(segment: "UMKM"), .priority) == [4, 2])
        #expect(ids(QueueFilter(segment: "KORPORAT"), .priority).isEmpty, "an unknown segment matches nothing")
        #expect(ids(QueueFilter(bucket: 4, segment: "UMKM"), .balance) == [4])
    }

    @Test func permutationAndFilterAgreeWithANaiveSortOnGeneratedQueues() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let keys = (0..<300).map { i in
                key(Int64(i + 1), daysPastDue: Int(rng.next() % 400) - 20, balance: Int64(rng.next() % 50) * 1000,
                    segment: Int32(rng.next() % 3) - 1)
            }
            let naive = keys.sorted { a, b in
                let ba = Buckets.standard.index(daysPastDue: Day.days(from: a.oldestDue, to: today))
                let bb = Buckets.standard.index(daysPastDue: Day.days(from: b.oldestDue, to: today))
                return ba != bb ? ba > bb : a.balance != b.balance ? a.balance.minor > b.balance.minor : a.accountID < b.accountID
            }
            #expect(WorkQueue.order(keys, segments: ["A", "B"], today: today, buckets: .standard) == naive)
            let filtered = WorkQueue.order(keys, segments: ["A", "B"], today: today, buckets: .standard, filter: QueueFilter(bucket: 5, segment: "B"))
            #expect(filtered == naive.filter { $0.segment == 1 && Day.days(from: $0.oldestDue, to: today) > 120 })
        }
    }

    /// The whole priority order (QueueRule's list) against a model that
    /// compares keys as the rules read: callable before blocked, then the
    /// flag, then the older bucket, hardship below its bucket, then the
    /// larger balance, then the id. Negative balances and ids far apart too.
    @Test func priorityOrderAgreesWithTheRulesOnGeneratedKeysWithFlagsHoldsAndBlocks() {
        var rng = SplitMix64(seed: 23)
        let flags: [QueueFlag] = [.promiseDueToday, .instalmentDue, .brokenPromise, .instalmentMissed, .actionDue, .caseDue,
                                  .planApproved, .planDeclined, .none, .none, .none]
        for _ in 0..<20 {
            let keys = (0..<400).map { i -> QueueKey in
                var k = key(Int64(i) * 7_919 % 1_000_003 + Int64(rng.next() % 3) * 2_000_000, daysPastDue: Int(rng.next() % 400) - 20,
                            balance: (Int64(rng.next() % 40) - 5) * 1000)
                k.flag = flags[Int(rng.next() % UInt64(flags.count))]
                k.hold = rng.next() % 5 == 0 ? .hardship : .none
                k.opensAt = rng.next() % 4 == 0 ? 1_800_000_000 : 0
                return k
            }
            func bucket(_ k: QueueKey) -> Int { Buckets.standard.index(daysPastDue: Day.days(from: k.oldestDue, to: today)) }
            let naive = keys.sorted { a, b in
                if a.blockedNow != b.blockedNow { return !a.blockedNow }
                if a.flag != b.flag { return a.flag < b.flag }
                if bucket(a) != bucket(b) { return bucket(a) > bucket(b) }
                if (a.hold == .hardship) != (b.hold == .hardship) { return b.hold == .hardship }
                if a.balance != b.balance { return a.balance.minor > b.balance.minor }
                return a.accountID < b.accountID
            }
            #expect(WorkQueue.order(keys, segments: [], today: today, buckets: .standard).map(\.accountID) == naive.map(\.accountID))
        }
    }

    @Test func repositioningOneKeyEqualsSortingAgain() {
        var rng = SplitMix64(seed: 11)
        let flags: [QueueFlag] = [.none, .none, .none, .actionDue, .brokenPromise, .promiseDueToday]
        func random(_ id: Int64) -> QueueKey {
            key(id, daysPastDue: Int(rng.next() % 300), balance: Int64(rng.next() % 40) * 1000, segment: 0)
                .with(flag: flags[Int(rng.next() % 6)], opensAt: rng.next() % 4 == 0 ? 1_000 : 0)
        }
        for _ in 0..<30 {
            var keys = (1...200).map { random($0) }
            var orders = QueueSort.allCases.map { WorkQueue.sortedIndices(keys, today: today, buckets: .standard, sort: $0) }
            let p = Int(rng.next() % 200)
            keys[p] = random(keys[p].accountID)
            for (i, sort) in QueueSort.allCases.enumerated() {
                WorkQueue.reposition(Int32(p), in: &orders[i], keys: keys, sort: sort, today: today, buckets: .standard)
                #expect(orders[i] == WorkQueue.sortedIndices(keys, today: today, buckets: .standard, sort: sort), "\(sort)")
            }
        }
    }

    @Test func phoneKeys() {
        #expect(PhoneKey.key("0812-3456-7890") == "81234567890")
        #expect(PhoneKey.key("+62 812 3456 7890") == "81234567890")
        #expect(PhoneKey.key("6281234567890") == "81234567890")
        #expect(PhoneKey.key("(021) 555-0101") == "215550101")
        #expect(PhoneKey.key("08") == nil)
        #expect(PhoneKey.keys("0812 1111 222 / +62 812 1111 222; 021 555 0101") == ["8121111222", "215550101"])
        // The byte-level `keys` is `numbers`, then `key`, without repeats, on any field.
        let fields = ["", ",;/|", "08", "0812", "62", "620812345", "0062 21", "  +62 (812) 3456-7890 ext. 12 | 0812 3456 7890 ",
                      "Telp: ٠٨١٢ 3456 / HP 0856-1234-5678;;0856 1234 5678", "081234567890,021-555-0101/6221 5550101|abc",
                      "０８１２３４５ / 0812345", "0812 3456 🙂 789; Rumah: (0274) 512 345", "62 62 812", "00000", "0 0 0 1 2 3"]
        for f in fields {
            var seen: Set<String> = []
            let composed = PhoneKey.numbers(f).compactMap(PhoneKey.key).filter { seen.insert($0).inserted }
            #expect(PhoneKey.keys(f) == composed, "\(f)")
        }
        // The bytes' `numbers` and `key` give what Characters give, on seeded random fields.
        var rng = SplitMix64(seed: 18)
        let alphabet: [Character] = Array("0123456789 ,;/|\t+-()aZ٠０🙂") + ["e\u{301}", ",\u{301}", " \u{301}"]
        for _ in 0..<2000 {
            let f = String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let reference = f.split(whereSeparator: { ",;/|".contains($0) }).map { $0.trimmed(of: " \t") }.filter { !$0.isEmpty }
            #expect(PhoneKey.numbers(f) == reference, "\(f.debugDescription)")
            let digits = String(f.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init))
            let stripped = digits.hasPrefix("62") ? String(digits.dropFirst(2)) : digits.hasPrefix("0") ? String(digits.dropFirst()) : digits
            #expect(PhoneKey.key(f) == (stripped.count >= 3 ? stripped : nil), "\(f.debugDescription)")
        }
        #expect(PhoneKey.looksLikePhone("+62 812") && PhoneKey.looksLikePhone("0812-3"))
        #expect(!PhoneKey.looksLikePhone("ACC001") && !PhoneKey.looksLikePhone("08") && !PhoneKey.looksLikePhone("Siti"))
    }

    @Test func zoneNames() {
        #expect(ZoneNames.abbreviation("Asia/Jakarta") == "WIB")
        #expect(ZoneNames.abbreviation("Asia/Pontianak") == "WIB")
        #expect(ZoneNames.abbreviation("Asia/Makassar") == "WITA")
        #expect(ZoneNames.abbreviation("Asia/Jayapura") == "WIT")
        #expect(ZoneNames.abbreviation("America/New_York") == nil)
        #expect(ZoneNames.utcOffset(7 * 3600) == "UTC+7")
        #expect(ZoneNames.utcOffset(5 * 3600 + 1800) == "UTC+5:30")
        #expect(ZoneNames.utcOffset(-3 * 3600) == "UTC-3")
    }

    @Test func labelsAndCounts() {
        let id = Strings(.id), en = Strings(.en)
        #expect(id.format(.rankOf, 3, 1200) == "3 dari 1200")
        #expect(en.format(.whyOldestBucket, 45, "31-60") == "45 days past due (31-60)")
        #expect(id.weekdayDate(today) == "Sen 23 Nov 2026")
        #expect(en.shortDate(Day(iso: "2026-08-01")!) == "1 Aug 2026")
        #expect(id.shortDate(Day(iso: "2026-08-01")!) == "1 Agu 2026")
        #expect(MoneyFormatter(currency: .idr, language: .id).count(1_234_567) == "1.234.567")
        #expect(MoneyFormatter(currency: .idr, language: .en).count(-1_000) == "-1,000")
        // Every workstation label exists in both languages.
        for key in Strings.UI.allCases {
            #expect(Strings.englishUI[key] != nil, "no English for \(key)")
            #expect(Strings.indonesianUI[key] != nil, "no Indonesian for \(key)")
        }
    }
}

extension QueueKey {
    func with(flag: QueueFlag, opensAt: Int64) -> QueueKey {
        var k = self
        k.flag = flag
        k.opensAt = opensAt
        return k
    }
}
