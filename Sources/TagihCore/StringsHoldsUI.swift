/// The workstation's words for holds, phones and cases (issue 17), in both
/// languages: a table of their own beside `Strings.UI`, so the screens of
/// issue 17 add no lines to the shared table others edit.
extension Strings {
    public enum HoldsUI: String, Sendable, CaseIterable {
        // the account screen
        case holdsInForce, holdLine, holdUntil, holdNoEnd, casesOpen, casesNoneOpen, caseLine, caseLineOverdue
        // the queue's held filter
        case filterHeld, filterToWork
        // the hold form
        case holdTitle, holdPlace, holdRelease, holdFieldAction, holdFieldKind, holdFieldReason, holdFieldUntil, untilHint,
             holdPlaced, holdReleased, holdReasonRequired, holdBadUntil, holdNothingToRelease, tipHoldKeys, holdsNow, holdNoneInForce
        // phones (contact parties)
        case phonesSection, phonesTitle, phoneMarkedSince, phoneConsent, phoneNoConsent, phoneOnlyToLocate, phoneKeys, phoneMarked,
             phoneNone, phoneUnusable, contactNumber
    }

    public subscript(_ key: HoldsUI) -> String {
        switch language {
        case .id: Strings.indonesianHolds[key] ?? Strings.englishHolds[key] ?? key.rawValue
        case .en: Strings.englishHolds[key] ?? key.rawValue
        }
    }

    public func format(_ key: HoldsUI, _ args: CustomStringConvertible...) -> String { Strings.fill(self[key], args) }

    static let englishHolds: [HoldsUI: String] = [
        .holdsInForce: "Holds in force (%d)", .holdLine: "%@ since %@, %@: “%@”", .holdUntil: "until %@", .holdNoEnd: "no end set",
        .casesOpen: "Cases (%d open of %d)", .casesNoneOpen: "Cases: none open (%d resolved)",
        .caseLine: "#%d %@, %@, due %@: %@", .caseLineOverdue: "#%d %@, OVERDUE, was due %@: %@",
        .filterHeld: "held accounts", .filterToWork: "to work",
        .holdTitle: "Hold on %@",
        .holdPlace: "place", .holdRelease: "release", .holdFieldAction: "Action", .holdFieldKind: "Kind", .holdFieldReason: "Reason",
        .holdFieldUntil: "Until", .untilHint: "YYYY-MM-DD, or empty: no end set",
        .holdPlaced: "Hold %@ placed on %@.", .holdReleased: "Hold %@ released on %@.",
        .holdReasonRequired: "A reason is required: type it, then save.", .holdBadUntil: "Until: write the last day as YYYY-MM-DD, not before today.",
        .holdNothingToRelease: "No %@ hold is in force on this account.",
        .tipHoldKeys: "Tab field  ←→ choose  %@ save  Esc back",
        .holdsNow: "In force today: %@", .holdNoneInForce: "no hold",
        .phonesSection: "Phones (%d)", .phonesTitle: "Phones of %@", .phoneMarkedSince: "%@ since %@ (%@)",
        .phoneConsent: "consent: “%@”", .phoneNoConsent: "no consent: not to be called",
        .phoneOnlyToLocate: "to locate only", .phoneKeys: "↑↓ choose  mark: w wrong  x disconnected  d do-not-call  o ok  Esc back",
        .phoneMarked: "%@ marked %@ on %d account(s).", .phoneNone: "No phone on file.", .phoneUnusable: "no usable number", .contactNumber: "Number",
    ]

    static let indonesianHolds: [HoldsUI: String] = [
        .holdsInForce: "Penahanan berlaku (%d)", .holdLine: "%@ sejak %@, %@: “%@”", .holdUntil: "sampai %@", .holdNoEnd: "tanpa tanggal akhir",
        .casesOpen: "Kasus (%d terbuka dari %d)", .casesNoneOpen: "Kasus: tidak ada yang terbuka (%d selesai)",
        .caseLine: "#%d %@, %@, tenggat %@: %@", .caseLineOverdue: "#%d %@, LEWAT TENGGAT, tenggat %@: %@",
        .filterHeld: "akun ditahan",
        .filterToWork: "perlu dikerjakan",
        .holdTitle: "Penahanan %@",
        .holdPlace: "pasang", .holdRelease: "lepas", .holdFieldAction: "Tindakan", .holdFieldKind: "Jenis", .holdFieldReason: "Alasan",
        .holdFieldUntil: "Sampai", .untilHint: "TTTT-BB-HH, atau kosong: tanpa tanggal akhir",
        .holdPlaced: "Penahanan %@ dipasang pada %@.", .holdReleased: "Penahanan %@ dilepas pada %@.",
        .holdReasonRequired: "Alasan wajib diisi: ketik alasannya, lalu simpan.",
        .holdBadUntil: "Sampai: tulis hari terakhir sebagai TTTT-BB-HH, tidak sebelum hari ini.",
        .holdNothingToRelease: "Tidak ada penahanan %@ yang berlaku di akun ini.",
        .tipHoldKeys: "Tab kolom  ←→ pilih  %@ simpan  Esc kembali",
        .holdsNow: "Berlaku hari ini: %@", .holdNoneInForce: "tidak ada penahanan",
        .phonesSection: "Telepon (%d)", .phonesTitle: "Telepon %@", .phoneMarkedSince: "%@ sejak %@ (%@)",
        .phoneConsent: "persetujuan: “%@”", .phoneNoConsent: "tanpa persetujuan: jangan ditelepon",
        .phoneOnlyToLocate: "hanya untuk mencari", .phoneKeys: "↑↓ pilih  tandai: w salah  x terputus  d jangan dihubungi  o aktif  Esc kembali",
        .phoneMarked: "%@ ditandai %@ pada %d akun.", .phoneNone: "Tidak ada nomor telepon.", .phoneUnusable: "tidak ada nomor yang bisa dipakai", .contactNumber: "Nomor",
    ]

    /// A case's type in the reader's language.
    public func caseType(_ t: CaseType) -> String {
        guard language == .id else { return t.rawValue }
        switch t {
        case .question: return "pertanyaan"
        case .dispute: return "sengketa"
        case .complaint: return "pengaduan"
        case .restructure: return "restrukturisasi"
        }
    }
}
