/// The workstation's labels, part of the one string table (`Strings`):
/// every word the screens show comes from here, in both languages.
extension Strings {
    public enum UI: String, Sendable, CaseIterable {
        // chrome
        case appName, queueTitle, accountTitle, searchTitle, helpTitle, enlarge, nowLabel
        // roles
        case roleCollector, roleLead, roleAdmin
        // queue
        case scopeLabel, scopeMine, scopeTeam, scopeUnassigned, scopeBook, scopeCollector
        case filterLabel, allBuckets, allSegments, sortLabel
        case sortPriority, sortBalance, sortDays, sortAccountNo
        case colAccount, colName, colBalance, colDays, colBucket, colLastContact, colNext
        case whyLabel, whyOldestBucket, rankOf, queueEmpty, queueEmptyFiltered, beingWorkedBy, loading
        case noOtherQueues
        // account
        case phones, localTime, position, buckets, charges, activity, contacts, promises, plans, notes
        case noContactsYet, noPromisesYet, noPlansYet, noActivity, noCharges
        case colDate, colKind, colChannel, colRef, colAmount, colOpen, colDue, colIssued, colNote, colStatus
        case kindPayment, kindCredit, kindWriteoff, kindDebit, kindReversal, reversedOn, paidInFull
        case leaseHeldBy, leaseNote
        // search
        case searchPrompt, searchHint, searchNoResults, matchAccountNo, matchName, matchPhone, resultsCount
        // help
        case groupNavigation, groupQueue, groupAccount, groupSearch, groupGeneral, helpFooter
        // actions
        case actHelp, actSearch, actOpen, actBack, actQuit, actUp, actDown, actPageUp, actPageDown, actTop, actBottom
        case actBucket, actSegment, actSort, actScope, actClear, actRefresh, actClearInput
        // hints (the key line under each screen)
        case hintQueue, hintAccount, hintSearch, hintHelp
    }

    public subscript(_ key: UI) -> String {
        switch language {
        case .id: Strings.indonesianUI[key] ?? Strings.englishUI[key] ?? key.rawValue
        case .en: Strings.englishUI[key] ?? key.rawValue
        }
    }

    static let englishUI: [UI: String] = [
        .appName: "Tagih", .queueTitle: "Work queue", .accountTitle: "Account", .searchTitle: "Search accounts", .helpTitle: "Help",
        .enlarge: "Please enlarge the window to at least 80×24", .nowLabel: "now",
        .roleCollector: "collector", .roleLead: "lead", .roleAdmin: "admin",
        .scopeLabel: "Queue", .scopeMine: "my accounts", .scopeTeam: "team", .scopeUnassigned: "unassigned",
        .scopeBook: "whole book", .scopeCollector: "collector",
        .filterLabel: "Filter", .allBuckets: "all buckets", .allSegments: "all segments", .sortLabel: "Sort",
        .sortPriority: "priority", .sortBalance: "balance", .sortDays: "days past due", .sortAccountNo: "account no",
        .colAccount: "Account", .colName: "Name", .colBalance: "Balance", .colDays: "Days", .colBucket: "Bucket",
        .colLastContact: "Contacted", .colNext: "Next",
        .whyLabel: "Why", .whyOldestBucket: "%d days past due, bucket %@", .rankOf: "%d of %d",
        .queueEmpty: "Nothing to work: no account in this queue is past due.",
        .queueEmptyFiltered: "No account matches the filter (x clears it).",
        .beingWorkedBy: "being worked by %@", .loading: "…",
        .noOtherQueues: "Collectors work their own queue only",
        .phones: "Phone", .localTime: "Debtor's time", .position: "Position", .buckets: "Buckets",
        .charges: "Open charges", .activity: "Payments and adjustments", .contacts: "Contacts", .promises: "Promises to pay",
        .plans: "Payment plans", .notes: "Notes",
        .noContactsYet: "No contact logged yet.", .noPromisesYet: "No promise to pay.", .noPlansYet: "No payment plan.",
        .noActivity: "No payments or adjustments.", .noCharges: "No open charges.",
        .colDate: "Date", .colKind: "Kind", .colChannel: "Channel", .colRef: "Ref", .colAmount: "Amount", .colOpen: "Open",
        .colDue: "Due", .colIssued: "Issued", .colNote: "Note", .colStatus: "Status",
        .kindPayment: "payment", .kindCredit: "credit note", .kindWriteoff: "write-off", .kindDebit: "debit", .kindReversal: "reversal",
        .reversedOn: "reversed %@", .paidInFull: "paid",
        .leaseHeldBy: "Being worked by %@ — coordinate before you call.", .leaseNote: "You are working this account.",
        .searchPrompt: "Find", .searchHint: "account no, name (any word) or phone (0812…, +62812…, 62812…)",
        .searchNoResults: "No account found.", .matchAccountNo: "account no", .matchName: "name", .matchPhone: "phone",
        .resultsCount: "%d found",
        .groupNavigation: "Moving around", .groupQueue: "Work queue", .groupAccount: "Account", .groupSearch: "Search",
        .groupGeneral: "General", .helpFooter: "Keys can be changed in config/keys.toml. Esc closes this help.",
        .actHelp: "show this help", .actSearch: "search the whole book", .actOpen: "open the selected account",
        .actBack: "go back", .actQuit: "quit Tagih", .actUp: "move up", .actDown: "move down", .actPageUp: "page up",
        .actPageDown: "page down", .actTop: "first line", .actBottom: "last line",
        .actBucket: "filter by bucket (cycles)", .actSegment: "filter by segment (cycles)", .actSort: "change the sort order",
        .actScope: "switch queue (team, collector, book)", .actClear: "clear the filters",
        .actRefresh: "reload from the ledger", .actClearInput: "clear the search text",
        .hintQueue: "Enter open  / search  b bucket  g segment  o sort  t queue  ? help  q quit",
        .hintAccount: "↑↓ scroll  PgUp/PgDn page  r reload  / search  ? help  Esc back",
        .hintSearch: "type to search  ↑↓ choose  Enter open  Ctrl-U clear  Esc back",
        .hintHelp: "Esc close",
    ]

    static let indonesianUI: [UI: String] = [
        .appName: "Tagih", .queueTitle: "Antrian kerja", .accountTitle: "Akun", .searchTitle: "Cari akun", .helpTitle: "Bantuan",
        .enlarge: "Perbesar jendela ke minimal 80×24", .nowLabel: "sekarang",
        .roleCollector: "kolektor", .roleLead: "ketua tim", .roleAdmin: "admin",
        .scopeLabel: "Antrian", .scopeMine: "akun saya", .scopeTeam: "tim", .scopeUnassigned: "belum ditugaskan",
        .scopeBook: "seluruh portofolio", .scopeCollector: "kolektor",
        .filterLabel: "Filter", .allBuckets: "semua umur", .allSegments: "semua segmen", .sortLabel: "Urut",
        .sortPriority: "prioritas", .sortBalance: "saldo", .sortDays: "hari lewat", .sortAccountNo: "nomor akun",
        .colAccount: "Akun", .colName: "Nama", .colBalance: "Saldo", .colDays: "Hari", .colBucket: "Umur",
        .colLastContact: "Dihubungi", .colNext: "Berikut",
        .whyLabel: "Alasan", .whyOldestBucket: "lewat %d hari, umur %@", .rankOf: "%d dari %d",
        .queueEmpty: "Tidak ada yang perlu dikerjakan: tidak ada akun lewat jatuh tempo di antrian ini.",
        .queueEmptyFiltered: "Tidak ada akun yang cocok dengan filter (x menghapusnya).",
        .beingWorkedBy: "sedang dikerjakan %@", .loading: "…",
        .noOtherQueues: "Kolektor hanya mengerjakan antriannya sendiri",
        .phones: "Telepon", .localTime: "Waktu debitur", .position: "Posisi", .buckets: "Umur piutang",
        .charges: "Tagihan terbuka", .activity: "Pembayaran dan penyesuaian", .contacts: "Kontak", .promises: "Janji bayar",
        .plans: "Rencana pembayaran", .notes: "Catatan",
        .noContactsYet: "Belum ada kontak tercatat.", .noPromisesYet: "Tidak ada janji bayar.", .noPlansYet: "Tidak ada rencana pembayaran.",
        .noActivity: "Tidak ada pembayaran atau penyesuaian.", .noCharges: "Tidak ada tagihan terbuka.",
        .colDate: "Tanggal", .colKind: "Jenis", .colChannel: "Kanal", .colRef: "Ref", .colAmount: "Jumlah", .colOpen: "Sisa",
        .colDue: "Jatuh tempo", .colIssued: "Terbit", .colNote: "Catatan", .colStatus: "Status",
        .kindPayment: "pembayaran", .kindCredit: "nota kredit", .kindWriteoff: "hapus buku", .kindDebit: "debit", .kindReversal: "pembatalan",
        .reversedOn: "dibatalkan %@", .paidInFull: "lunas",
        .leaseHeldBy: "Sedang dikerjakan %@ — koordinasikan sebelum menelepon.", .leaseNote: "Anda sedang mengerjakan akun ini.",
        .searchPrompt: "Cari", .searchHint: "nomor akun, nama (kata mana saja) atau telepon (0812…, +62812…, 62812…)",
        .searchNoResults: "Akun tidak ditemukan.", .matchAccountNo: "nomor akun", .matchName: "nama", .matchPhone: "telepon",
        .resultsCount: "%d ditemukan",
        .groupNavigation: "Berpindah", .groupQueue: "Antrian kerja", .groupAccount: "Akun", .groupSearch: "Pencarian",
        .groupGeneral: "Umum", .helpFooter: "Tombol dapat diubah di config/keys.toml. Esc menutup bantuan ini.",
        .actHelp: "tampilkan bantuan ini", .actSearch: "cari di seluruh portofolio", .actOpen: "buka akun terpilih",
        .actBack: "kembali", .actQuit: "keluar dari Tagih", .actUp: "naik", .actDown: "turun", .actPageUp: "halaman sebelumnya",
        .actPageDown: "halaman berikutnya", .actTop: "baris pertama", .actBottom: "baris terakhir",
        .actBucket: "filter umur piutang (bergiliran)", .actSegment: "filter segmen (bergiliran)", .actSort: "ganti urutan",
        .actScope: "ganti antrian (tim, kolektor, portofolio)", .actClear: "hapus filter",
        .actRefresh: "muat ulang dari buku besar", .actClearInput: "hapus teks pencarian",
        .hintQueue: "Enter buka  / cari  b umur  g segmen  o urut  t antrian  ? bantuan  q keluar",
        .hintAccount: "↑↓ gulir  PgUp/PgDn halaman  r muat ulang  / cari  ? bantuan  Esc kembali",
        .hintSearch: "ketik untuk mencari  ↑↓ pilih  Enter buka  Ctrl-U hapus  Esc kembali",
        .hintHelp: "Esc tutup",
    ]

    static let monthsShortEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsShortID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysID = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]

    /// `23 Nov 2026` / `23 Agu 2026`.
    public func shortDate(_ d: Day) -> String {
        let (y, m, day) = d.components
        return "\(day) \((language == .id ? Strings.monthsShortID : Strings.monthsShortEN)[m - 1]) \(y)"
    }

    /// `Mon 23 Nov 2026` / `Sen 23 Nov 2026`.
    public func weekdayDate(_ d: Day) -> String {
        "\((language == .id ? Strings.weekdaysID : Strings.weekdaysEN)[d.isoWeekday - 1]) \(shortDate(d))"
    }

    /// A label with `%d` / `%@` placeholders filled in order.
    public func format(_ key: UI, _ args: CustomStringConvertible...) -> String {
        var out = ""
        var rest = Substring(self[key])
        var i = 0
        while let at = rest.firstIndex(of: "%") {
            out += rest[..<at]
            let after = rest[rest.index(after: at)...]
            if let c = after.first, c == "d" || c == "@", i < args.count {
                out += args[i].description
                i += 1
                rest = after.dropFirst()
            } else {
                out += "%"
                rest = after
            }
        }
        return out + rest
    }

    public func role(_ r: Role) -> String {
        switch r {
        case .collector: self[.roleCollector]
        case .lead: self[.roleLead]
        case .admin: self[.roleAdmin]
        }
    }
}
