import Foundation
import TagihCore
import TagihStore

/// A realistic, deterministic Indonesian demo ledger, written as the four
/// import files of CONTRACT §3 (accounts, charges, payments, adjustments).
///
/// Every account is generated on its own from a SplitMix64 stream seeded by
/// (`seed`, account number), so the same arguments always give byte-identical
/// files. Rows are streamed through one reusable byte buffer per file and
/// flushed in 1 MiB chunks: memory use does not grow with the number of accounts.
///
/// How an account behaves is drawn from a profile, and the aging picture as of
/// `today` follows from it rather than being forced:
/// - *lancar* (pays each invoice around its due date): current or fully paid,
///   sometimes a few days past due;
/// - *telat* (pays in order, but a steady 10–75 days late): 1-30 to 61-90;
/// - *macet* (paid for a while, then stopped; billing suspended after a few
///   unpaid months): 31-60 up to 121+, some written off;
/// - *tidak bayar* (never paid anything): mostly new accounts.
/// Payments pay invoices oldest first (one payment per invoice, sometimes split
/// in two instalments or two months paid at once), so the contract's allocation
/// gives the intended picture; partial payments, credit notes, late fees,
/// bounced payments (reversals), small overpayments and write-offs are sprinkled on top.
struct DemoLedger {
    struct Staff {
        let login: String
        let name: String
        let role: String // "collector" | "lead"
        let team: String
    }

    struct Files {
        let accounts: String
        let charges: String
        let payments: String
        let adjustments: String
        let accountRows: Int
        let chargeRows: Int
        let paymentRows: Int
        let adjustmentRows: Int
    }

    /// A file could not be created or written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    let accounts: Int
    let today: Day
    let seed: UInt64
    let currency: Currency
    let chargesPerAccount: Int?
    let paymentsPerAccount: Int?

    /// accounts: number of accounts; seed: PRNG seed (fixed default 20251123);
    /// chargesPerAccount/paymentsPerAccount: nil = a realistic random spread (about 3 charges and 2 payments per account on average);
    /// a number = exactly that many per account (the benchmark uses 5 and 4).
    init(accounts: Int, today: Day, seed: UInt64 = 20251123, currency: Currency = .idr,
         chargesPerAccount: Int? = nil, paymentsPerAccount: Int? = nil) {
        self.accounts = max(0, accounts)
        self.today = today
        self.seed = seed
        self.currency = currency
        self.chargesPerAccount = chargesPerAccount.map { max(0, $0) }
        self.paymentsPerAccount = paymentsPerAccount.map { max(0, $0) }
    }

    /// Two teams with a lead each and 12 collectors in total.
    var staff: [Staff] {
        DemoData.staff.map { Staff(login: $0.0, name: $0.1, role: $0.2, team: $0.3) }
    }

    /// Writes accounts.csv, charges.csv, payments.csv, adjustments.csv into `directory` (which exists).
    func write(to directory: String) throws -> Files {
        try generate(into: directory, direct: nil, cutoff: nil)
    }

    /// Adds the accounts and their entries dated before `cutoff` to `loader`,
    /// and writes the entries dated on or after it as import files into
    /// `directory` (which exists) for the nightly batch; a kind with no such
    /// entry gets no file.
    func load(into loader: LedgerLoader, filesFrom cutoff: Day, to directory: String) throws -> Files {
        let files = try generate(into: directory, direct: loader, cutoff: cutoff)
        let rows = [files.accountRows, files.chargeRows, files.paymentRows, files.adjustmentRows]
        for (path, n) in zip([files.accounts, files.charges, files.payments, files.adjustments], rows) where n == 0 {
            try? FileManager.default.removeItem(atPath: path)
        }
        return files
    }

    private func generate(into directory: String, direct: LedgerLoader?, cutoff: Day?) throws -> Files {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = ["accounts.csv", "charges.csv", "payments.csv", "adjustments.csv"].map { base + $0 }
        var gen = try DemoGenerator(ledger: self, paths: paths, direct: direct, cutoff: cutoff)
        do {
            try gen.run()
        } catch {
            gen.abandon()
            throw error
        }
        return Files(accounts: paths[0], charges: paths[1], payments: paths[2], adjustments: paths[3],
                     accountRows: gen.accountRows, chargeRows: gen.chargeRows,
                     paymentRows: gen.paymentRows, adjustmentRows: gen.adjustmentRows)
    }
}
