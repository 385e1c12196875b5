/// Why a hold or case action is refused (CONTRACT §9): a value, so the
/// command line and the workstation each say it in the reader's language
/// (`Strings.caseRefusal`).
public enum CaseRefusal: Error, Sendable, Equatable {
    /// A hold of that kind is already in force on the account.
    case alreadyOnHold(account: String, kind: HoldKind, since: Day)
    /// No hold of that kind is in force on the account today.
    case notOnHold(account: String, kind: HoldKind)
    case untilBeforeToday(until: Day, today: Day)
    /// Promises and plans are refused while a hold other than hardship is in force.
    case heldForPromise(account: String, kind: HoldKind, since: Day)
    case heldForPlan(account: String, kind: HoldKind, since: Day)
    case unknownCase(Int64)
    /// The case is resolved (or waits for approval) and takes no more of this.
    case notOpen(Int64, CaseStatus)
    case alreadyExtended(Int64, due: Day)
    /// Approve or decline a case whose resolution does not wait for approval.
    case notAwaiting(Int64, CaseStatus)
    case creditNotPositive
    case creditAboveBalance(credit: Money, account: String, balance: Money, currency: Currency)
    /// A charge named with `--charge` is not one of the account's.
    case unknownCharge(account: String, ref: String)
    case emptyText(field: String)

    /// The command line's English sentence.
    public var commandLineText: String { Strings(.en).caseRefusal(self) }
}

extension Strings {
    /// A hold or case refusal in the reader's language.
    public func caseRefusal(_ r: CaseRefusal) -> String {
        let id = language == .id
        switch r {
        case .alreadyOnHold(let a, let k, let since):
            return id ? "akun \(a) sudah ditahan (\(k.rawValue) sejak \(since.iso))" : "account \(a) is already on hold (\(k.rawValue) since \(since.iso))"
        case .notOnHold(let a, let k):
            return id ? "akun \(a) tidak sedang ditahan \(k.rawValue)" : "account \(a) has no \(k.rawValue) hold in force"
        case .untilBeforeToday(let until, let today):
            return id ? "--until \(until.iso) sebelum hari ini \(today.iso)" : "--until \(until.iso) is before today \(today.iso)"
        case .heldForPromise(let a, let k, let since):
            return id ? "akun \(a) ditahan (\(k.rawValue) sejak \(since.iso)): janji bayar tidak diterima selama penahanan"
                      : "account \(a) is on hold (\(k.rawValue) since \(since.iso)): no promise to pay is taken while it holds"
        case .heldForPlan(let a, let k, let since):
            return id ? "akun \(a) ditahan (\(k.rawValue) sejak \(since.iso)): rencana pembayaran tidak diterima selama penahanan"
                      : "account \(a) is on hold (\(k.rawValue) since \(since.iso)): no payment plan is taken while it holds"
        case .unknownCase(let n):
            return id ? "kasus \(n) tidak dikenal" : "unknown case \(n)"
        case .notOpen(let n, let s):
            return id ? "kasus \(n) \(caseStatus(s)): hanya kasus terbuka yang dapat diubah" : "case \(n) is \(s.rawValue): only an open case can take this"
        case .alreadyExtended(let n, let due):
            return id ? "kasus \(n) sudah diperpanjang sekali (batas \(due.iso)); perpanjangan hanya sekali"
                      : "case \(n) was already extended once (due \(due.iso)); a case is extended only once"
        case .notAwaiting(let n, let s):
            return id ? "kasus \(n) \(caseStatus(s)), tidak menunggu persetujuan" : "case \(n) is \(s.rawValue), not awaiting approval"
        case .creditNotPositive:
            return id ? "--credit harus lebih dari nol" : "--credit must be more than zero"
        case .creditAboveBalance(let c, let a, let b, let currency):
            return id ? "--credit \(c.machine(currency)) melebihi saldo akun \(a) \(b.machine(currency))"
                      : "--credit \(c.machine(currency)) is more than account \(a)'s balance \(b.machine(currency))"
        case .unknownCharge(let a, let ref):
            return id ? "--charge \(ref) bukan tagihan akun \(a)" : "--charge \(ref) is not a charge of account \(a)"
        case .emptyText(let field):
            return id ? "\(field) perlu diisi dengan kata-kata" : "\(field) needs text in words"
        }
    }

    /// A resolution's outcome in the reader's language (in a sentence; the
    /// forms and the command line keep the contract's words).
    public func caseOutcome(_ o: CaseOutcome) -> String {
        guard language == .id else { return o.rawValue }
        switch o {
        case .upheld: return "dikabulkan"
        case .rejected: return "ditolak"
        case .partly: return "dikabulkan sebagian"
        }
    }

    /// How a case came in, in the reader's language (the command line keeps `--via`'s words).
    public func caseVia(_ v: CaseVia) -> String {
        guard language == .id else { return v.rawValue }
        switch v {
        case .phone: return "telepon"
        case .email: return "surel"
        case .letter: return "surat"
        case .visit: return "kunjungan"
        case .ojk: return "OJK"
        }
    }

    /// A hold's kind in the reader's language (the command line keeps `--kind`'s words).
    public func holdKind(_ k: HoldKind) -> String {
        guard language == .id else { return k.rawValue }
        switch k {
        case .dispute: return "sengketa"
        case .hardship: return "kesulitan keuangan"
        case .cease: return "minta berhenti dihubungi"
        case .deceased: return "meninggal dunia"
        case .bankrupt: return "pailit"
        case .legal: return "proses hukum"
        }
    }

    /// A case status in the reader's language.
    public func caseStatus(_ s: CaseStatus) -> String {
        guard language == .id else { return s.rawValue }
        switch s {
        case .open: return "terbuka"
        case .overdue: return "lewat batas waktu"
        case .awaitingApproval: return "menunggu persetujuan"
        case .resolved: return "selesai"
        }
    }
}
