import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The store's refusals of a contact and a plan's excesses are values
/// (issue 16): the command line keeps its English words, and the same value
/// is said in Indonesian, with the form's field names instead of options.
@Suite struct TypedRefusalStoreTests {
    static let day = StoreAuthorityTests.day   // Monday 2025-06-30
    /// `hour` o'clock in Jakarta (UTC+7) on `day`.
    static func at(_ hour: Int) -> Int64 { Int64(day.ordinal) * 86_400 + Int64(hour - 7) * 3_600 }
    static func session(_ u: User, at instant: Int64) -> Session {
        Session(user: u, realLogin: u.login, today: day, now: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    static func error(_ body: () throws -> Any) -> StoreError? {
        do { _ = try body(); return nil } catch let e as StoreError { return e } catch { return nil }
    }

    @Test func contactRefusalsAreValuesSaidInEitherLanguage() throws {
        let scratch = try Scratch()
        let db = try StoreAuthorityTests.ledger(scratch)
        let log = ContactLog(db)
        let ptp = OutcomeTable.standard["PTP"]!
        func promise(_ amount: Int64, _ due: Day) -> StoreError? {
            Self.error {
                try log.log(ContactRequest(accountNo: "ACC001", channel: .phone, outcome: ptp, promise: (Money(minor: amount), due),
                                           at: Self.at(10), day: Self.day), session: Self.session(StoreAuthorityTests.kol, at: Self.at(10)))
            }
        }
        let far = try #require(promise(100_000_00, Day(iso: "2025-08-29")!))
        #expect(far.contact == .promiseOutsideHorizon(due: Day(iso: "2025-08-29")!, from: Self.day, to: Day(iso: "2025-07-30")!, days: 30))
        #expect(far.description == "--promise-date 2025-08-29 must fall from the contact's day 2025-06-30 to 2025-07-30 (30 days)")
        #expect(far.text(Strings(.id), options: false) == "Janji bayar tgl 29 Agu 2025 melewati batas 30 Jul 2025 (30 hari dari kontak)")
        #expect(far.text(Strings(.en), options: false) == "Promised by 29 Aug 2025 is after 30 Jul 2025, 30 days from the contact")
        #expect(far.text(Strings(.id)) == "--promise-date 2025-08-29 melewati batas 2025-07-30 (30 hari dari kontak)",
                "the command line in Indonesian names its option")

        let above = try #require(promise(2_000_000_00, Day(iso: "2025-07-10")!))
        #expect(above.contact == .promiseAboveBalance(amount: Money(minor: 2_000_000_00), account: "ACC001", balance: Money(minor: 1_000_000_00),
                                                      on: Self.day, currency: db.settings.currency))
        #expect(above.description == "--promise 2000000.00 is more than account ACC001's balance 1000000.00 on 2025-06-30")
        #expect(above.text(Strings(.id), options: false) == "Jumlah janji Rp2.000.000 melebihi saldo akun ACC001 Rp1.000.000 pada 30 Jun 2025")

        // 22:00 in the debtor's time: blocked until 08:00 the next day.
        let late = Self.at(22)
        let na = OutcomeTable.standard["NA"]!
        let blocked = try #require(Self.error {
            try log.log(ContactRequest(accountNo: "ACC001", channel: .phone, outcome: na, at: late, day: Self.day),
                        session: Self.session(StoreAuthorityTests.kol, at: late))
        })
        guard case .blocked(.afterHours, let next)? = blocked.contact else { Issue.record("not a block: \(blocked)"); return }
        #expect(next?.day == Self.day.adding(days: 1) && next?.minute == 8 * 60)
        #expect(blocked.contact?.overridable == true && blocked.refusal == nil)
        #expect(blocked.description.hasPrefix("blocked: from ") && blocked.description.hasSuffix("; next allowed 2025-07-01 08:00 WIB"))
        #expect(blocked.text(Strings(.id), options: false).hasSuffix("; boleh lagi Sel 1 Jul 2025 08:00 WIB"))
        // A collector's override is refused by Authority: both said, the block typed.
        let overridden = try #require(Self.error {
            try log.log(ContactRequest(accountNo: "ACC001", channel: .phone, outcome: na, at: late, day: Self.day, override: "asked"),
                        session: Self.session(StoreAuthorityTests.kol, at: late))
        })
        #expect(overridden.refusal == .role(.collector, .overridePolicy) && overridden.contact == blocked.contact)
        #expect(overridden.description == blocked.description + "; only a lead or admin may override the contact policy; col01 is a collector")
        #expect(overridden.text(Strings(.id), options: false).contains("; hanya ketua tim atau admin yang boleh mengesampingkan kebijakan kontak"))
        #expect(try db.count("contacts") == 0)
    }

    /// col01's plan for ACC001 beyond a collector's authority: 15% off, 8 monthly instalments.
    static func proposedBeyond() throws -> (Scratch, AppDatabase, PlanBook, Proposal) {
        let scratch = try Scratch()
        let db = try StoreAuthorityTests.ledger(scratch)
        let book = PlanBook(db)
        let p = try book.propose(accountNo: "ACC001", instalments: 8, discountBasisPoints: 1500, downPayment: .zero, frequency: .month,
                                 first: Self.day.adding(days: 7), note: nil, session: StoreAuthorityTests.session(StoreAuthorityTests.kol))
        return (scratch, db, book, p)
    }

    @Test func aPendingPlansExcessesAreReadBackTyped() throws {
        let (_, db, book, p) = try Self.proposedBeyond()
        #expect(p.status == .pending)
        let record = try book.show(String(p.id), asOf: Self.day)
        #expect(record.beyond == "a discount of 15% is above the limit of 0%; 8 instalments are more than 6; "
                + "the last payment on 2026-02-07 is more than 6 months after the first on 2025-07-07", "the record keeps its English words")
        let last = Day(iso: "2026-02-07")!
        #expect(record.excesses == [.discount(1500, limit: 0), .instalments(8, limit: 6), .length(first: Day(iso: "2025-07-07")!, last: last, months: 6)])
        #expect(Strings(.id).planBeyond(record)
                == "diskon 15% di atas batas 0%; 8 angsuran, lebih dari 6; pembayaran terakhir 7 Feb 2026, lebih dari 6 bulan setelah yang pertama")
        #expect(Strings(.en).planBeyond(record)
                == "discount 15% above the limit of 0%; 8 instalments, more than 6; last payment 7 Feb 2026, over 6 months after the first")
        // The collector's limit changed since: the typed list would not say what was decided on, so the words stay.
        _ = try UserDirectory(db).update("col01", session: Fixture.session) { $0.discountLimitBasisPoints = 500 }
        let later = try book.show(String(p.id), asOf: Self.day)
        #expect(later.excesses == nil)
        #expect(Strings(.id).planBeyond(later) == record.beyond)
    }

    /// Two leads decide the same plan: the second reads why in their language.
    @Test func aPlanDecidedTwiceIsATypedRefusal() throws {
        let (_, _, book, p) = try Self.proposedBeyond()
        _ = try book.decide(.decline, plan: p.id, note: "too long", session: Fixture.session)
        let again = try #require(Self.error { try book.decide(.approve, plan: p.id, note: nil, session: Fixture.session) })
        #expect(again.plan == .notPending(p.id, .declined, approving: true))
        #expect(again.description == "plan \(p.id) is declined, not pending: only a pending plan can be approved")
        #expect(again.text(Strings(.id), options: false)
                == "rencana \(p.id) ditolak, bukan menunggu persetujuan: hanya rencana yang menunggu yang dapat disetujui")
        let early = try #require(Self.error {
            try book.propose(accountNo: "ACC001", instalments: 2, discountBasisPoints: 0, downPayment: .zero, frequency: .month,
                             first: Self.day.adding(days: -1), note: nil, session: StoreAuthorityTests.session(StoreAuthorityTests.kol))
        })
        #expect(early.plan == .firstBeforeStart(first: Self.day.adding(days: -1), start: Self.day))
        #expect(early.text(Strings(.id), options: false)
                == "Jatuh tempo pertama 29 Jun 2025 sebelum awal rencana 30 Jun 2025: pembayaran pertama jatuh tempo pada hari awal atau sesudahnya")
    }
}
