/// Refusals of the contact log (`ContactRefusal`) in the reader's language.
/// `options`: the command line names its options (`--promise-date`); the
/// workstation names the form's fields instead, never an option. English
/// with options is the command line's wording that scripts and tests pin.
extension Strings {
    public func contactRefusal(_ r: ContactRefusal, options: Bool) -> String {
        if language == .en && options { return r.commandLineText }
        let id = language == .id
        let amount = options ? "--promise" : self[.fieldPromiseAmount]
        let date = options ? "--promise-date" : self[.fieldPromiseDate]
        let day: (Day) -> String = { options ? $0.iso : self.shortDate($0) }
        switch r {
        case .backdatedTooFar(let at, let hours):
            return id ? "waktu kontak \(ContactRefusal.utc(at)) sudah lebih dari \(hours) jam lalu (backdate_hours aturan); catat kontak saat terjadi"
                      : "the contact's time, \(ContactRefusal.utc(at)), is more than \(hours) hours ago (the rules' backdate_hours); log contacts as they happen"
        case .inTheFuture(let at):
            return id ? "waktu kontak \(ContactRefusal.utc(at)) belum terjadi" : "the contact's time, \(ContactRefusal.utc(at)), is in the future"
        case .promiseNotForOutcome(let code):
            return id ? "hasil \(code) tidak memuat janji bayar; \(amount) dan \(date) hanya untuk hasil janji bayar seperti PTP"
                      : "outcome \(code) takes no promise; \(amount) and \(date) are for a promise outcome such as PTP"
        case .promiseMissing(let code):
            return id ? "hasil \(code) adalah janji bayar: isi \(amount) dan \(date)"
                      : "outcome \(code) is a promise to pay: fill in \(amount) and \(date)"
        case .promiseOutsideHorizon(let due, let from, let to, let days):
            // One of two bounds was passed: name that one, short enough for 80 columns.
            if due < from {
                return id ? "\(date) \(day(due)) sebelum hari kontak \(day(from))" : "\(date) \(day(due)) is before the contact's day \(day(from))"
            }
            return id ? "\(date) \(day(due)) melewati batas \(day(to)) (\(days) hari dari kontak)"
                      : "\(date) \(day(due)) is after \(day(to)), \(days) days from the contact"
        case .promiseNotPositive:
            return id ? "\(amount) harus lebih dari nol" : "\(amount) must be more than zero"
        case .promiseAboveBalance(let promised, let account, let balance, let on, let currency):
            let money = MoneyFormatter(currency: currency, language: language)
            let (p, b) = options ? (promised.machine(currency), balance.machine(currency)) : (money.format(promised), money.format(balance))
            return id ? "\(amount) \(p) melebihi saldo akun \(account) \(b) pada \(day(on))"
                      : "\(amount) \(p) is more than account \(account)'s balance \(b) on \(day(on))"
        case .nextBeforeContactDay(let next, let contactDay):
            let field = options ? "--next" : self[.fieldNextAction]
            return id ? "\(field) \(day(next)) sebelum hari kontak \(day(contactDay))"
                      : "\(field) \(day(next)) is before the contact's day \(day(contactDay))"
        case .overrideWithoutReason:
            let field = options ? "--override" : self[.fieldOverride]
            return id ? "\(field) perlu alasan berupa kata-kata" : "\(field) needs a reason in words"
        case .blocked(let reason, let next):
            let when = next.map { options ? $0.iso : "\(weekdayDate($0.day)) \(BlockReason.clock($0.minute)) \($0.zone)" }
            let never = reason.isHold ? (id ? "tanpa akhir" : "no end set")
                                      : (id ? "tidak boleh dalam setahun ke depan" : "not allowed within a year")
            return id ? "diblokir: \(blockReason(reason)); " + (when.map { "boleh lagi \($0)" } ?? never)
                      : "blocked: \(blockReason(reason)); " + (when.map { "next allowed \($0)" } ?? never)
        case .numberMarked, .partyOnlyToLocate, .emergencyWithoutConsent, .unknownNumber, .noUsableDebtorNumber, .notAPhoneNumber,
             .numberHasParty, .numberOnNoAccount:
            return partyRefusal(r, options: options)
        }
    }
}

extension ContactRefusal {
    /// The command line's English sentence, as CONTRACT §6 and the CLI
    /// tests have it (`blocked: REASON; next allowed 2026-11-09 08:00 WIB`).
    public var commandLineText: String {
        switch self {
        case .backdatedTooFar(let at, let hours):
            "the contact's moment \(Self.utc(at)) is more than \(hours) hours ago (the rules' backdate_hours); log contacts as they happen"
        case .inTheFuture(let at): "the contact's moment \(Self.utc(at)) is in the future"
        case .promiseNotForOutcome(let code):
            "outcome \(code) takes no promise; --promise and --promise-date are for a promise outcome such as PTP"
        case .promiseMissing(let code): "outcome \(code) is a promise to pay: give --promise AMOUNT and --promise-date DATE"
        case .promiseOutsideHorizon(let due, let from, let to, let days):
            "--promise-date \(due.iso) must fall from the contact's day \(from.iso) to \(to.iso) (\(days) days)"
        case .promiseNotPositive: "--promise must be more than zero"
        case .promiseAboveBalance(let amount, let account, let balance, let on, let currency):
            "--promise \(amount.machine(currency)) is more than account \(account)'s balance \(balance.machine(currency)) on \(on.iso)"
        case .nextBeforeContactDay(let next, let day): "--next \(next.iso) is before the contact's day \(day.iso)"
        case .overrideWithoutReason: "--override needs a reason in words"
        case .blocked(let reason, let next):
            // A hold with no end (CONTRACT §9) says so rather than "within a year".
            "blocked: \(reason.text); " + (next.map { "next allowed \($0.iso)" } ?? (reason.isHold ? "no end set" : "not allowed within a year"))
        case .numberMarked, .partyOnlyToLocate, .emergencyWithoutConsent, .unknownNumber, .noUsableDebtorNumber, .notAPhoneNumber,
             .numberHasParty, .numberOnNoAccount:
            Strings(.en).partyRefusal(self, options: true)
        }
    }

    /// A moment as `YYYY-MM-DD HH:MM UTC`.
    public static func utc(_ at: Int64) -> String {
        let days = at >= 0 ? at / 86_400 : -((-at + 86_399) / 86_400)
        let day = Day(ordinal: Int32(days))
        return "\(day.iso) \(BlockReason.clock(Int((at - days * 86_400) / 60))) UTC"
    }
}

extension Strings {
    /// Why a plan waits for a lead, in the reader's language when its
    /// excesses are known as values, else as the proposal wrote it.
    public func planBeyond(_ p: PlanRecord) -> String? {
        p.excesses.map { $0.map(proposersExcess).joined(separator: "; ") } ?? p.beyond
    }

    /// An excess as a lead reads it: the limit is the proposer's, not the
    /// reader's (the plan form says "your").
    func proposersExcess(_ e: PlanExcess) -> String {
        guard case .discount(let bp, let limit) = e else { return planExcess(e) }
        return language == .id ? planExcess(e) : "discount \(formatPercent(bp))% above the limit of \(formatPercent(limit))%"
    }
}

extension Strings {
    /// Why terms make no plan (`PlanError`), in the reader's language; the
    /// command line's English names its options, the plan form its fields.
    public func planError(_ e: PlanError, currency: Currency, options: Bool) -> String {
        if language == .en && options { return e.text(currency) }
        let id = language == .id
        let money = MoneyFormatter(currency: currency, language: language)
        let amount: (Money) -> String = { options ? $0.machine(currency) : money.format($0) }
        switch e {
        case .nothingOwed:
            return id ? "akun tidak berutang apa pun untuk direncanakan (saldo tidak positif)"
                      : "the account owes nothing to plan (balance is not positive)"
        case .instalments(let n):
            let field = options ? "--instalments" : self[.fieldInstalments]
            return id ? "\(field) \(n): rencana berisi 1 sampai 360 angsuran" : "\(field) \(n): a plan has 1 to 360 instalments"
        case .discount(let bp):
            let field = options ? "--discount" : self[.fieldDiscount]
            return id ? "\(field) \(formatPercent(bp)): diskon dari 0 sampai di bawah 100 persen"
                      : "\(field) \(formatPercent(bp)): a discount is from 0 to 100 percent, below 100"
        case .downPayment(let down, let total):
            return id ? "uang muka (\(amount(down))) harus kurang dari total rencana (\(amount(total))) dan tidak negatif"
                      : "the down payment (\(amount(down))) must be less than the plan total (\(amount(total))) and not negative"
        case .instalmentBelowUnit:
            return id ? "tiap angsuran akan kurang dari satu satuan mata uang; kurangi jumlah angsuran"
                      : "each instalment would be below one currency unit; use fewer instalments"
        case .overflow:
            return id ? "jumlahnya terlalu besar untuk dihitung dengan tepat" : "the amounts are too large to compute exactly"
        case .beyondCalendar:
            return id ? "pembayaran terakhir melewati 9999-12-31; majukan tanggal atau kurangi angsuran"
                      : "the last payment would fall after 9999-12-31; choose an earlier first date or fewer instalments"
        }
    }
}

extension Strings {
    /// A plan refusal in the reader's language; `options` as for contacts.
    public func planRefusal(_ r: PlanRefusal, options: Bool) -> String {
        if language == .en && options { return r.commandLineText }
        let id = language == .id
        let day: (Day) -> String = { options ? $0.iso : self.shortDate($0) }
        switch r {
        case .firstBeforeStart(let first, let start):
            let field = options ? "--first" : self[.fieldFirst]
            return id ? "\(field) \(day(first)) sebelum awal rencana \(day(start)): pembayaran pertama jatuh tempo pada hari awal atau sesudahnya"
                      : "\(field) \(day(first)) is before the plan's start on \(day(start)): the first payment falls due on the start day or later"
        case .terms(let account, let e, let currency): return "\(account): " + planError(e, currency: currency, options: options)
        case .unknownPlan(let n): return id ? "rencana \(n) tidak dikenal" : "unknown plan \(n)"
        case .notPending(let n, let status, let approving):
            return id ? "rencana \(n) \(planStatus(status.rawValue)), bukan menunggu persetujuan: hanya rencana yang menunggu yang dapat \(approving ? "disetujui" : "ditolak")"
                      : "plan \(n) is \(planStatus(status.rawValue)), not waiting: only a plan waiting for approval can be \(approving ? "approved" : "declined")"
        case .firstDuePassed(let n, let firstDue):
            return id ? "pembayaran pertama rencana \(n) jatuh tempo \(day(firstDue)), sebelum hari ini: usulkan lagi dengan tanggal baru"
                      : "plan \(n)'s first payment was due on \(day(firstDue)), before today: propose it again with new dates"
        case .notCancellable(let n, let status):
            return id ? "rencana \(n) \(planStatus(status.rawValue)): hanya rencana yang menunggu atau aktif yang dapat dibatalkan"
                      : "plan \(n) is \(planStatus(status.rawValue)): only a pending or active plan can be cancelled"
        }
    }
}

extension Strings {
    /// A party rule's refusal (CONTRACT §9) in the reader's language; the
    /// command line's names its options (`--to`), a form its words.
    func partyRefusal(_ r: ContactRefusal, options: Bool) -> String {
        let id = language == .id
        let day: (Day) -> String = { options ? $0.iso : self.shortDate($0) }
        let to = options ? "--to" : (id ? "nomor tujuan" : "the number to call")
        let shown = { (n: String) in TextField.visible(n) }
        switch r {
        case .numberMarked(let n, let status, let since):
            return id ? "nomor \(shown(n)) ditandai \(phoneStatus(status)) sejak \(day(since)): tidak boleh dihubungi"
                      : "number \(shown(n)) is marked \(phoneStatus(status)) since \(day(since)): it may not be contacted"
        case .partyOnlyToLocate(let n, let party, let outcome):
            let codes = PartyRules.locatingOutcomes.sorted().joined(separator: ", ")
            return id ? "nomor \(shown(n)) milik kontak \(phoneParty(party)): hanya untuk mencari debitur, tidak untuk menagih; hasil \(outcome) ditolak (boleh: \(codes))"
                      : "number \(shown(n)) is a\(party == .emergency ? "n" : "") \(phoneParty(party)) contact's: only to locate the debtor, never to collect; outcome \(outcome) is refused (allowed: \(codes))"
        case .emergencyWithoutConsent(let n):
            let how = options ? " (tagih phone add … --consent)" : ""
            return id ? "nomor darurat \(shown(n)) belum punya persetujuan tercatat untuk dihubungi\(how)"
                      : "emergency number \(shown(n)) has no recorded consent to be called\(how)"
        case .unknownNumber(let n, let account):
            let see = options ? " (tagih phone list \(account))" : ""
            return id ? "\(to) \(shown(n)) bukan nomor akun \(account)\(see)"
                      : "\(to) \(shown(n)) is not a number of account \(account)\(see)"
        case .noUsableDebtorNumber(let account):
            return id ? "semua nomor debitur akun \(account) ditandai tidak dapat dihubungi; pilih nomor lain dengan \(to) atau tambahkan nomor"
                      : "every debtor number of account \(account) is marked not to be contacted; name another with \(to) or add one"
        case .notAPhoneNumber(let n):
            return id ? "\(shown(n)) bukan nomor telepon (perlu sedikitnya 3 angka setelah kode negara atau 0 di depan)"
                      : "\(shown(n)) is not a phone number (it needs at least 3 digits after the country code or leading 0)"
        case .numberHasParty(let n, let account, let party):
            return id ? "\(shown(n)) sudah tercatat di akun \(account) sebagai nomor \(phoneParty(party)); pihak sebuah nomor tidak berubah"
                      : "\(shown(n)) is already on account \(account) as \(party == .emergency || party == .other ? "an" : "a") \(party.rawValue) number; a number keeps its party"
        case .numberOnNoAccount(let n):
            return id ? "\(shown(n)) bukan nomor telepon akun mana pun" : "\(shown(n)) is not a phone number of any account"
        default:
            return contactRefusal(r, options: options)
        }
    }

    /// A party's name in the reader's language.
    public func phoneParty(_ p: PhoneParty) -> String {
        guard language == .id else { return p.rawValue }
        switch p {
        case .debtor: return "debitur"
        case .emergency: return "darurat"
        case .workplace: return "kantor"
        case .other: return "lainnya"
        }
    }

    /// A phone status in the reader's language.
    public func phoneStatus(_ s: PhoneStatus) -> String {
        guard language == .id else { return s.rawValue }
        switch s {
        case .ok: return "aktif"
        case .wrong: return "salah sambung"
        case .disconnected: return "tidak aktif"
        case .doNotCall: return "jangan dihubungi"
        }
    }
}
