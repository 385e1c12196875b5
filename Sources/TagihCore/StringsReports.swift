/// The command line's human reports beyond aging and the account (promises,
/// activity, roll rates, KPIs, plans), in both languages. Machine formats
/// (CSV, JSON) never use these: their column names are the contract's.
extension Strings {
    public enum Report: String, Sendable, CaseIterable {
        case promisesTitle, promisesTitleReplaced, madeOnHeading, byHeading, dueHeading, paidHeading, statusHeading
        case activityTitle, noContactsInPeriod, attemptsHeading, contactsHeading, rightPartyHeading, promisesHeading, promisedHeading, keptHeading, brokenHeading,
             keptRateHeading, collectedHeading
        case rollTitle, rollFrom, openingHeading, rollClosed
        case kpiTitle, kpiStart, kpiCharged, kpiEnd, kpiNotYetDue, kpiCEIText, kpiDSOText, kpiDays
        case planShowTitle, planShowTerms, planShowTermsOne, planShowBeyond, planShowNote, planHeading, startHeading, totalHeading, instalmentsHeading, noPlans
    }

    public subscript(_ key: Report) -> String {
        switch language {
        case .id: Strings.indonesianReports[key] ?? Strings.englishReports[key] ?? key.rawValue
        case .en: Strings.englishReports[key] ?? key.rawValue
        }
    }

    /// A report label with `%d` / `%@` placeholders filled in order.
    public func format(_ key: Report, _ args: CustomStringConvertible...) -> String { Strings.fill(self[key], args) }

    /// A promise's status as a word (`open`, `kept`, `broken` in English).
    public func promiseStatus(_ s: PromiseStatus) -> String {
        switch s {
        case .open: self[.promiseOpen]
        case .kept: self[.promiseKept]
        case .broken: self[.promiseBroken]
        case .replaced: self[.promiseReplaced]
        }
    }

    /// A plan's status in a report: the contract's word in English, translated in Bahasa Indonesia.
    public func planStatusWord(_ status: String) -> String {
        language == .en ? status : planStatus(status)
    }

    /// `month`, `2weeks`, `week` as people say it: `every month` / `setiap bulan`.
    public func every(_ f: PlanFrequency) -> String {
        switch f {
        case .week: self[.everyWeek]
        case .twoWeeks: self[.every2Weeks]
        case .month: self[.everyMonth]
        }
    }

    /// A percentage or other hundredths figure with the language's decimal mark.
    public func decimal(_ text: String) -> String {
        language == .id ? String(text.map { $0 == "." ? "," : $0 }) : text
    }

    static let englishReports: [Report: String] = [
        .promisesTitle: "Promises to pay as of %@: %d (open %d, kept %d, broken %d)",
        .promisesTitleReplaced: "Promises to pay as of %@: %d (open %d, kept %d, broken %d, replaced %d)",
        .madeOnHeading: "Made on", .byHeading: "By", .dueHeading: "Due", .paidHeading: "Paid", .statusHeading: "Status",
        .activityTitle: "Collector activity %@ to %@", .noContactsInPeriod: "No contacts logged in the period.",
        .attemptsHeading: "Attempts", .contactsHeading: "Contacts", .rightPartyHeading: "Right party", .promisesHeading: "Promises",
        .promisedHeading: "Promised", .keptHeading: "Kept", .brokenHeading: "Broken", .keptRateHeading: "Kept rate", .collectedHeading: "Collected",
        .rollTitle: "Roll rates from %@ to %@: where each bucket's balances went", .rollFrom: "From %@", .openingHeading: "Opening",
        .rollClosed: "closed",
        .kpiTitle: "Collection KPIs %@ to %@ (%d days)", .kpiStart: "Receivables at the start", .kpiCharged: "Charged in the period",
        .kpiEnd: "Receivables at the end", .kpiNotYetDue: "(of which not yet due %@)",
        .kpiCEIText: "(start + charged − end) / (start + charged − end not yet due)", .kpiDSOText: "end / charged × days",
        .kpiDays: "days",
        .planShowTitle: "Plan %d for %@: %@ since %@, proposed by %@ on %@",
        .planShowTerms: "Balance %@, discount %@% (%@), total %@, down payment %@, %d instalments %@",
        .planShowTermsOne: "Balance %@, discount %@% (%@), total %@, down payment %@, 1 instalment",
        .planShowBeyond: "Beyond authority: %@", .planShowNote: "Note: %@",
        .planHeading: "Plan", .startHeading: "Start", .totalHeading: "Total", .instalmentsHeading: "Instalments", .noPlans: "No payment plans.",
    ]

    static let indonesianReports: [Report: String] = [
        .promisesTitle: "Janji bayar per %@: %d (berjalan %d, ditepati %d, diingkari %d)",
        .promisesTitleReplaced: "Janji bayar per %@: %d (berjalan %d, ditepati %d, diingkari %d, diganti %d)",
        .madeOnHeading: "Dibuat", .byHeading: "Oleh", .dueHeading: "Jatuh tempo", .paidHeading: "Dibayar", .statusHeading: "Status",
        .activityTitle: "Aktivitas kolektor %@ s.d. %@", .noContactsInPeriod: "Tidak ada kontak tercatat dalam periode ini.",
        .attemptsHeading: "Upaya", .contactsHeading: "Kontak", .rightPartyHeading: "Debitur", .promisesHeading: "Janji",
        .promisedHeading: "Dijanjikan", .keptHeading: "Ditepati", .brokenHeading: "Diingkari", .keptRateHeading: "Tingkat tepat", .collectedHeading: "Tertagih",
        .rollTitle: "Roll rate %@ s.d. %@: ke mana saldo tiap kelompok umur berpindah", .rollFrom: "Dari %@", .openingHeading: "Saldo awal",
        .rollClosed: "lunas",
        .kpiTitle: "KPI penagihan %@ s.d. %@ (%d hari)", .kpiStart: "Piutang di awal", .kpiCharged: "Ditagihkan dalam periode",
        .kpiEnd: "Piutang di akhir", .kpiNotYetDue: "(yang belum jatuh tempo %@)",
        .kpiCEIText: "(awal + ditagihkan − akhir) / (awal + ditagihkan − akhir belum jatuh tempo)",
        .kpiDSOText: "akhir / ditagihkan × hari", .kpiDays: "hari",
        .planShowTitle: "Rencana %d untuk %@: %@ sejak %@, diajukan oleh %@ pada %@",
        .planShowTerms: "Saldo %@, diskon %@% (%@), total %@, uang muka %@, %d angsuran %@",
        .planShowTermsOne: "Saldo %@, diskon %@% (%@), total %@, uang muka %@, 1 angsuran",
        .planShowBeyond: "Di luar wewenang: %@", .planShowNote: "Catatan: %@",
        .planHeading: "Rencana", .startHeading: "Mulai", .totalHeading: "Total", .instalmentsHeading: "Angsuran", .noPlans: "Tidak ada rencana pembayaran.",
    ]
}
