/// Every label people read, in one table per language. Code asks for a key;
/// a missing Indonesian label falls back to English, never to a key name.
public struct Strings: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    public subscript(_ key: Key) -> String {
        switch language {
        case .id: Strings.indonesian[key] ?? Strings.english[key] ?? key.rawValue
        case .en: Strings.english[key] ?? key.rawValue
        }
    }

    public enum Key: String, Sendable {
        case agingTitle, all, byCollector, bySegment, byNone, group, accounts, unapplied, balance, total, current
        case account, name, phone, email, address, timeZone, segment, collector, asOf
        case pastDue, oldestPastDue, bucket, openCharges, ref, dueDate, amount, open, daysPastDue, days, noOpenCharges
        case none, users, login, role, discountLimit, team, active, inactive, checkPassed, checkFailed
        case userStatus, noLimit
        case channel, created, rotated, graceUntil, noChannels
    }

    static let english: [Key: String] = [
        .agingTitle: "Aging as of", .all: "All", .byCollector: "by collector", .bySegment: "by segment", .byNone: "all accounts",
        .group: "Group", .accounts: "Accounts", .unapplied: "Unapplied", .balance: "Balance", .total: "TOTAL", .current: "Current",
        .account: "Account", .name: "Name", .phone: "Phone", .email: "E-mail", .address: "Address", .timeZone: "Time zone",
        .segment: "Segment", .collector: "Collector", .asOf: "Position as of",
        .pastDue: "Past due", .oldestPastDue: "Oldest past due", .bucket: "Bucket", .openCharges: "Open charges",
        .ref: "Ref", .dueDate: "Due date", .amount: "Amount", .open: "Open", .daysPastDue: "Days past due", .days: "days",
        .noOpenCharges: "No open charges.", .none: "(none)",
        .users: "Users", .login: "Login", .role: "Role", .discountLimit: "Discount limit", .team: "Team",
        .active: "active", .inactive: "inactive", .checkPassed: "All checks passed.", .checkFailed: "Check failed",
        .userStatus: "Status", .noLimit: "no limit",
        .channel: "Channel", .created: "Created", .rotated: "Rotated", .graceUntil: "Old secret until",
        .noChannels: "No payment channels; `tagih channel add NAME` creates one.",
    ]

    static let indonesian: [Key: String] = [
        .agingTitle: "Umur piutang per", .all: "Semua", .byCollector: "per kolektor", .bySegment: "per segmen", .byNone: "semua akun",
        .group: "Grup", .accounts: "Akun", .unapplied: "Kredit lebih", .balance: "Saldo", .total: "TOTAL", .current: "Lancar",
        .account: "Akun", .name: "Nama", .phone: "Telepon", .email: "Surel", .address: "Alamat", .timeZone: "Zona waktu",
        .segment: "Segmen", .collector: "Kolektor", .asOf: "Posisi per",
        .pastDue: "Lewat jatuh tempo", .oldestPastDue: "Tunggakan tertua", .bucket: "Kelompok umur", .openCharges: "Tagihan terbuka",
        .ref: "Ref", .dueDate: "Jatuh tempo", .amount: "Jumlah", .open: "Sisa", .daysPastDue: "Hari lewat", .days: "hari",
        .noOpenCharges: "Tidak ada tagihan terbuka.", .none: "(tanpa)",
        .users: "Pengguna", .login: "Login", .role: "Peran", .discountLimit: "Batas diskon", .team: "Tim",
        .active: "aktif", .inactive: "nonaktif", .checkPassed: "Semua pemeriksaan lulus.", .checkFailed: "Pemeriksaan gagal",
        .userStatus: "Status", .noLimit: "tanpa batas",
        .channel: "Kanal", .created: "Dibuat", .rotated: "Diganti", .graceUntil: "Rahasia lama sampai",
        .noChannels: "Belum ada kanal pembayaran; `tagih channel add NAMA` membuatnya.",
    ]

    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let monthsID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]

    /// `30 Juni 2025` / `30 June 2025`.
    public func longDate(_ d: Day) -> String {
        let (y, m, day) = d.components
        return "\(day) \((language == .id ? Strings.monthsID : Strings.monthsEN)[m - 1]) \(y)"
    }

    /// The label of a bucket (`current` is translated; ranges are numbers).
    public func bucketLabel(_ label: String) -> String { label == "current" ? self[.current] : label }
}
