import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Contact parties in the store (CONTRACT §9): phones and their dated
/// marks, the number each contact used, the party rules inside the write,
/// all sealed and audited, and an older ledger's seals kept by the upgrade.
@Suite struct PhoneBookTests {
    static func wib(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 { ContactOrderTests.wib(day, hour, minute) }

    /// A1 with two numbers in its phone column, A2 sharing the second one.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try Fixture.ledger()
        try db.importFile(.accounts, try scratch.write("a.csv", """
            account_no,name,phone,timezone,collector
            A1,Siti Rahayu,0812-3456-7890; 021 555 1234,Asia/Jakarta,col01
            A2,Bayu,+62 21 5551234,Asia/Jakarta,col02
            A3,Tanpa Telepon,,Asia/Jakarta,col01

            """))
        try db.importFile(.charges, try scratch.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,INV-1,2025-05-01,2025-05-31,1000000
            A3,INV-3,2025-05-01,2025-05-31,1000000

            """))
        return db
    }

    static func log(_ db: AppDatabase, _ no: String, _ code: String, _ at: Int64, to: String? = nil, channel: Channel = .phone,
                    override: String? = nil, inbound: Bool = false) throws -> LoggedContact {
        try ContactLog(db).log(ContactRequest(accountNo: no, channel: channel, outcome: OutcomeTable.standard[code]!,
                                              at: at, day: Day(ordinal: Int32((at + 7 * 3600) / 86_400)), override: override,
                                              inbound: inbound, to: to),
                               session: Fixture.session(at: at))
    }

    static func refusal(_ body: () throws -> Any) -> ContactRefusal? {
        do { _ = try body(); return nil } catch let e as StoreError { return e.contact } catch { return nil }
    }

    @Test func theImportsNumbersAreTheDebtorsThenTheAddedOnes() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let book = PhoneBook(db)
        #expect(try book.phones("A1").map(\.number) == ["0812-3456-7890", "021 555 1234"])
        #expect(try book.phones("A1").allSatisfy { $0.party == .debtor && $0.id == nil && $0.marks.isEmpty })
        #expect(try book.phones("A3").isEmpty)
        #expect(try book.add(accountNo: "A1", number: "0813-1111-2222", party: .emergency, consent: nil, session: Fixture.session).change == .added)
        #expect(try book.add(accountNo: "A1", number: " 021-777 ", party: .workplace, consent: nil, session: Fixture.session).change == .added)
        let phones = try book.phones("A1")
        #expect(phones.map(\.number) == ["0812-3456-7890", "021 555 1234", "0813-1111-2222", "021-777"])
        #expect(phones.map(\.party) == [.debtor, .debtor, .emergency, .workplace])
        // The same number (any spelling) keeps its party; a consent is recorded on it.
        #expect(throws: StoreError.self) { try book.add(accountNo: "A1", number: "+62 813 1111 2222", party: .debtor, consent: nil, session: Fixture.session) }
        #expect(try book.add(accountNo: "A1", number: "6281311112222", party: .emergency, consent: "agreed 2025-06-30", session: Fixture.session).change
                == .consentRecorded)
        #expect(try book.phones("A1")[2].consent == "agreed 2025-06-30")
        #expect(try book.add(accountNo: "A1", number: "0813-1111-2222", party: .emergency, consent: nil, session: Fixture.session).change == .unchanged)
        // An import number given a consent gets its own row, still first.
        #expect(try book.add(accountNo: "A1", number: "0812 3456 7890", party: .debtor, consent: "self", session: Fixture.session).change == .consentRecorded)
        #expect(try book.phones("A1").map(\.number) == ["0812-3456-7890", "021 555 1234", "0813-1111-2222", "021-777"])
        #expect(try book.phones("A1")[0].id != nil)
        #expect(throws: StoreError.self) { try book.add(accountNo: "A1", number: "0812 3456 7890", party: .workplace, consent: nil, session: Fixture.session) }
        #expect(throws: StoreError.self) { try book.add(accountNo: "A9", number: "0899 1", party: .debtor, consent: nil, session: Fixture.session) }
        #expect(throws: StoreError.self) { try book.add(accountNo: "A1", number: "12", party: .debtor, consent: nil, session: Fixture.session) }
        #expect(throws: StoreError.self) { try book.add(accountNo: "A1", number: "0899\u{1B}1", party: .debtor, consent: nil, session: Fixture.session) }
        let actions = try db.writer.read { try String.fetchAll($0, sql: "SELECT action FROM audit WHERE action LIKE 'phone.%' ORDER BY id") }
        #expect(actions == ["phone.add", "phone.add", "phone.consent", "phone.consent"])
        let failed = try IntegrityTests.failed(db)
        #expect(failed.isEmpty, "\(failed)")
    }

    /// A number added with `phone add` finds its account in the workstation's
    /// search, by any prefix of it, as the imported numbers do; counted once.
    @Test func anAddedNumberFindsItsAccount() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let store = WorkstationStore(db)
        #expect(try store.search("0813 1111", limit: 10).isEmpty)
        _ = try PhoneBook(db).add(accountNo: "A3", number: "0813-1111-2222", party: .emergency, consent: "ok", session: Fixture.session)
        for q in ["0813-1111-2222", "+62 813 1111", "0813111"] {
            #expect(try store.search(q, limit: 10).map(\.accountNo) == ["A3"], "\(q)")
            #expect(try store.searchCount(q, upTo: 100) == 1, "\(q)")
        }
        // The same number added to an account that has it in its phone column: one hit.
        _ = try PhoneBook(db).add(accountNo: "A1", number: "0812 3456 7890", party: .debtor, consent: "self", session: Fixture.session)
        #expect(try store.search("0812-3456", limit: 10).map(\.accountNo) == ["A1"])
        #expect(try store.searchCount("0812-3456", upTo: 100) == 1)
    }

    @Test func aMarkHoldsOnEveryAccountWithTheNumberFromItsDay() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let marked = try PhoneBook(db).mark(number: "(021) 555-1234", status: .wrong, session: Fixture.session)
        #expect(marked.accounts == ["A1", "A2"])
        #expect(try db.count("phone_marks") == 2 && db.count("phones") == 2)
        let a1 = try PhoneBook(db).phones("A1")
        #expect(a1[1].number == "021 555 1234" && a1[1].status(on: Fixture.today) == .wrong && a1[1].status(on: Fixture.today.adding(days: -1)) == .ok)
        #expect(try PhoneBook(db).phones("A2")[0].marks == [PhoneMark(day: Fixture.today, status: .wrong, by: "admin")])
        // The workstation's account screen reads the same phones, marks and all (issue 17).
        let detail = try WorkstationStore(db).account(id: 1, asOf: Fixture.today, now: Self.wib("2025-06-02", 10))
        #expect(detail.parties.map(\.number) == ["0812-3456-7890", "021 555 1234"])
        #expect(detail.parties.map { $0.status(on: Fixture.today) } == [.ok, .wrong])
        _ = try PhoneBook(db).mark(number: "021 5551234", status: .ok, session: Fixture.session)
        #expect(try PhoneBook(db).phones("A2")[0].status(on: Fixture.today) == .ok, "the last mark of the day holds")
        #expect(throws: StoreError.self) { try PhoneBook(db).mark(number: "0899 000", status: .wrong, session: Fixture.session) }
        #expect(try db.failedChecks() == [])
    }

    /// The number a contact used is recorded; a marked number refuses
    /// contact and the default moves to the next usable debtor number.
    @Test func contactsUseAndRecordANumber() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let monday = Self.wib("2025-06-30", 9)
        let first = try Self.log(db, "A1", "NA", monday)
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [first.id]) == "0812-3456-7890")
        _ = try PhoneBook(db).mark(number: "081234567890", status: .doNotCall, session: Fixture.session)
        let second = try Self.log(db, "A1", "NA", monday + 60)
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [second.id]) == "021 555 1234")
        #expect(Self.refusal { try Self.log(db, "A1", "NA", monday + 120, to: "+62 812 3456 7890") }
                == .numberMarked(number: "0812-3456-7890", status: .doNotCall, since: Fixture.today))
        #expect(Self.refusal { try Self.log(db, "A1", "NA", monday + 120, to: "0899 12345") } == .unknownNumber(number: "0899 12345", account: "A1"))
        // A letter or a visit uses no number; an account without numbers is called as before.
        let letter = try Self.log(db, "A1", "NA", monday + 180, channel: .letter)
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [letter.id]) == nil)
        #expect(throws: StoreError.self) { try Self.log(db, "A1", "NA", monday + 180, to: "021 555 1234", channel: .email) }
        let none = try Self.log(db, "A3", "RPC", monday + 240)
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [none.id]) == nil)
        _ = try PhoneBook(db).mark(number: "021 555 1234", status: .disconnected, session: Fixture.session)
        #expect(Self.refusal { try Self.log(db, "A1", "NA", monday + 300) } == .noUsableDebtorNumber(account: "A1"))
        // A call the debtor made from anywhere is recorded (R5), with no number when none is usable.
        let inbound = try Self.log(db, "A1", "RPC", monday + 360, inbound: true)
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [inbound.id]) == nil)
        // The day before the marks, a contact through the first number was allowed (a backdated log).
        let saturday = try Self.log(db, "A1", "NA", Self.wib("2025-06-28", 10))
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [saturday.id]) == "0812-3456-7890")
        #expect(try db.failedChecks() == [])
        let detail = try db.text("SELECT detail FROM audit WHERE subject = ?", ["A1 contact \(first.id)"])
        #expect(detail?.contains("to=0812-3456-7890") == true, "\(detail ?? "")")
    }

    /// Emergency and workplace numbers only locate the debtor; an emergency
    /// number needs consent; no override lifts either (R5). The limits count
    /// the debtor's attempts whichever number was used.
    @Test func thirdPartiesAndLimits() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let book = PhoneBook(db)
        _ = try book.add(accountNo: "A1", number: "0813-1111-2222", party: .emergency, consent: nil, session: Fixture.session)
        _ = try book.add(accountNo: "A1", number: "021-777-888", party: .workplace, consent: nil, session: Fixture.session)
        let t = Self.wib("2025-06-30", 10)
        #expect(Self.refusal { try Self.log(db, "A1", "TP", t, to: "0813-1111-2222") } == .emergencyWithoutConsent(number: "0813-1111-2222"))
        #expect(Self.refusal { try Self.log(db, "A1", "TP", t, to: "0813-1111-2222", override: "urgent") } == .emergencyWithoutConsent(number: "0813-1111-2222"))
        _ = try book.add(accountNo: "A1", number: "0813-1111-2222", party: .emergency, consent: "agreed on the form", session: Fixture.session)
        #expect(Self.refusal { try Self.log(db, "A1", "RPC", t, to: "0813-1111-2222", override: "lead says") }
                == .partyOnlyToLocate(number: "0813-1111-2222", party: .emergency, outcome: "RPC"))
        #expect(Self.refusal { try Self.log(db, "A1", "RTP", t, to: "021777888") } == .partyOnlyToLocate(number: "021-777-888", party: .workplace, outcome: "RTP"))
        _ = try Self.log(db, "A1", "TP", t, to: "0813-1111-2222")
        _ = try Self.log(db, "A1", "NA", t + 60, to: "021-777-888")
        _ = try Self.log(db, "A1", "BUSY", t + 120)
        // ojk: 3 attempts a day on the account, whichever numbers they went to.
        guard case .blocked(.dailyLimit(3), _) = Self.refusal({ try Self.log(db, "A1", "NA", t + 180, to: "021 555 1234") }) else {
            Issue.record("the fourth attempt of the day is over the limit"); return
        }
        #expect(try db.count("contacts") == 3 && db.count("contacts", where: "phone_number IS NOT NULL") == 3)
        #expect(try db.failedChecks() == [])
    }

    // (Edits of phones, marks and the number used outside Tagih: TableSealTests.anEditOutsideTagihIsFound.)

    /// A ledger sealed before v12: its contacts keep their seal through the
    /// upgrade (the number used counts only when set), so `check` passes
    /// with nothing resealed; contacts logged after record their number.
    @Test func anUpgradedLedgerKeepsItsSeals() throws {
        let scratch = try Scratch()
        let db = try AppDatabase.open(path: scratch.path("old.db"), settings: Settings(), create: true)
        try Schema.migrator.migrate(db.writer, upTo: "v10-seals")
        try db.writer.write { d in
            try d.execute(sql: "INSERT INTO users(login, name, role) VALUES ('admin', 'Admin', 'admin'), ('col01', 'C', 'collector')")
            try d.execute(sql: "INSERT INTO accounts(account_no, name, phone, timezone, collector) VALUES ('A1', 'Siti', '0812-3456-7890', 'Asia/Jakarta', 'col01')")
            try TableSeals.sealNewAccounts(d, after: 0, columns: SealedTable.accounts.alwaysHashed)
            try d.execute(sql: """
                INSERT INTO contacts(account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                     attempt, contact, right_party, promise, note)
                VALUES (1, 'col01', 'col01', ?, ?, ?, '2025-06-27 10:00 WIB', 'phone', 'NA', 1, 0, 0, 0, 'before parties')
                """, arguments: [Self.wib("2025-06-27", 10), Day(iso: "2025-06-27")!.ordinal, Day(iso: "2025-06-27")!.ordinal])
            // The caches and indexes import and the contact log keep.
            try ContactLog.refreshQueueCache(d, accountID: 1)
            try PhoneIndex.rebuild(d)
            try d.execute(sql: "INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild')")
            try AuditTrail.append(d, session: Fixture.session, action: "test", subject: "v10 ledger", detail: "")
        }
        let sealedBefore = try db.writer.read { try TableSeals.recorded($0)[.contacts] }
        #expect(sealedBefore != nil && sealedBefore != .zero)
        _ = try db.migrate()
        #expect(try db.writer.read { try TableSeals.recompute($0, .contacts) } == sealedBefore)
        #expect(try !AuditTrail.recordUpgradeSeals(db, session: Fixture.session), "nothing to reseal")
        let failed = try IntegrityTests.failed(db)
        #expect(failed.isEmpty, "\(failed)")
        let logged = try Self.log(db, "A1", "NA", Self.wib("2025-06-30", 10))
        #expect(try db.text("SELECT phone_number FROM contacts WHERE id = ?", [logged.id]) == "0812-3456-7890")
        #expect(try db.failedChecks() == [])
        // The old contact given a number outside Tagih is found.
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER contacts_no_update")
            try d.execute(sql: "UPDATE contacts SET phone_number = '0812' WHERE id = 1")
        }
        #expect(try db.failedChecks().contains("sealed tables"))
    }
}
