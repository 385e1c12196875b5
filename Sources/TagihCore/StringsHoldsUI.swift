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
        // the case screen
        case casesTitle, caseKeys, caseNone, caseListLine, caseCreditLine, caseOpenTitle, caseNoteTitle, caseExtendTitle, caseResolveTitle,
             caseDeclineTitle, caseApproveTitle, caseFType, caseFSummary, caseFCharges, caseFAmount, caseFVia, caseFNote, caseFReason,
             caseFOutcome, caseFCredit, caseOpened, caseOpenedHold, caseNoted, caseExtended, caseResolved, caseAwaiting, caseApproved,
             caseDeclined, caseNeedText, caseBadAmount, caseFormKeys, caseNotAwaiting, caseIsResolved, caseResolutionLine, whyCaseDue, colMonth, colType, colOpened, colResolved, colInTime, colOverdueOpen, colMedian, colCredited, casesMonthDetail
        // Approvals: the case credits awaiting a lead (R22)
        case approvalsCaseRow, approvalsCaseBalance, approvalsCaseHint
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
        .casesTitle: "Cases of %@", .caseKeys: "↑↓ choose  o open  n note  e extend  s resolve  y approve  d decline  Esc back",
        .caseNone: "No case on this account: o opens one.", .caseListLine: "#%d  %@  %@  opened %@  due %@%@: %@",
        .caseCreditLine: "resolution %@ with a credit of %@ by %@, %@", .caseOpenTitle: "Open a case on %@",
        .caseNoteTitle: "Add a note to case %d", .caseExtendTitle: "Extend case %d by 10 more working days (once)",
        .caseResolveTitle: "Resolve case %d", .caseDeclineTitle: "Decline the credit of case %d (the case opens again)",
        .caseApproveTitle: "Approve the credit of case %d (it takes effect today)",
        .caseFType: "Type", .caseFSummary: "Summary", .caseFCharges: "Charge refs", .caseFAmount: "Amount", .caseFVia: "Via",
        .caseFNote: "Note", .caseFReason: "Reason", .caseFOutcome: "Outcome", .caseFCredit: "Credit",
        .caseOpened: "Case %d open, due %@.", .caseOpenedHold: "Case %d open, due %@; the account is on hold until it is resolved.",
        .caseNoted: "Note added to case %d.", .caseExtended: "Case %d extended: due %@.", .caseResolved: "Case %d resolved.",
        .caseAwaiting: "Case %d awaits a lead's approval of its credit.", .caseApproved: "Credit of case %d approved: the case is resolved.",
        .caseDeclined: "Credit of case %d declined: the case is open again.", .caseNeedText: "%@: type it, then save.",
        .caseBadAmount: "%@: an amount such as 150000 or 150.000,50, more than zero.",
        .caseFormKeys: "Tab field  ←→ choose  %@ save  Esc cancel", .caseNotAwaiting: "Case %d has no credit awaiting approval.",
        .caseIsResolved: "Case %d is resolved already.", .caseResolutionLine: "resolution %@ by %@, %@",
        .whyCaseDue: "a case due within 2 working days or overdue (C)",
        .colMonth: "Month", .colType: "Type", .colOpened: "Opened", .colResolved: "Resolved", .colInTime: "In time",
        .colOverdueOpen: "Overdue", .colMedian: "Median d", .colCredited: "Credited",
        .casesMonthDetail: "%@ %@: opened from %@ to %@, the figures of tagih report cases --from %@ --to %@",
        .approvalsCaseRow: "case credit", .approvalsCaseBalance: "Balance today %@ · credit asked %@",
        .approvalsCaseHint: "%@ approve or %@ decline on the case's screen · %@ the case with its account",
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
        .casesTitle: "Kasus %@", .caseKeys: "↑↓ pilih  o buka  n catatan  e perpanjang  s selesaikan  y setujui  d tolak  Esc kembali",
        .caseNone: "Belum ada kasus di akun ini: o membuka kasus.", .caseListLine: "#%d  %@  %@  dibuka %@  tenggat %@%@: %@",
        .caseCreditLine: "penyelesaian %@ dengan kredit %@ oleh %@, %@", .caseOpenTitle: "Buka kasus di %@",
        .caseNoteTitle: "Tambah catatan pada kasus %d", .caseExtendTitle: "Perpanjang kasus %d 10 hari kerja lagi (sekali)",
        .caseResolveTitle: "Selesaikan kasus %d", .caseDeclineTitle: "Tolak kredit kasus %d (kasus dibuka kembali)",
        .caseApproveTitle: "Setujui kredit kasus %d (berlaku hari ini)",
        .caseFType: "Jenis", .caseFSummary: "Ringkasan", .caseFCharges: "Ref tagihan", .caseFAmount: "Jumlah", .caseFVia: "Melalui",
        .caseFNote: "Catatan", .caseFReason: "Alasan", .caseFOutcome: "Hasil", .caseFCredit: "Kredit",
        .caseOpened: "Kasus %d dibuka, tenggat %@.", .caseOpenedHold: "Kasus %d dibuka, tenggat %@; akun ditahan sampai kasus selesai.",
        .caseNoted: "Catatan ditambahkan pada kasus %d.", .caseExtended: "Kasus %d diperpanjang: tenggat %@.", .caseResolved: "Kasus %d selesai.",
        .caseAwaiting: "Kasus %d menunggu persetujuan ketua tim atas kreditnya.", .caseApproved: "Kredit kasus %d disetujui: kasus selesai.",
        .caseDeclined: "Kredit kasus %d ditolak: kasus dibuka kembali.", .caseNeedText: "%@: ketik isinya, lalu simpan.",
        .caseBadAmount: "%@: jumlah seperti 150000 atau 150.000,50, lebih dari nol.",
        .caseFormKeys: "Tab kolom  ←→ pilih  %@ simpan  Esc batal", .caseNotAwaiting: "Kasus %d tidak punya kredit yang menunggu persetujuan.",
        .caseIsResolved: "Kasus %d sudah selesai.", .caseResolutionLine: "penyelesaian %@ oleh %@, %@",
        .whyCaseDue: "kasus bertenggat dalam 2 hari kerja atau lewat (C)",
        .colMonth: "Bulan", .colType: "Jenis", .colOpened: "Dibuka", .colResolved: "Selesai", .colInTime: "Tepat",
        .colOverdueOpen: "Lewat", .colMedian: "Median h", .colCredited: "Dikreditkan",
        .casesMonthDetail: "%@ %@: dibuka %@ sampai %@, angka dari tagih report cases --from %@ --to %@",
        .approvalsCaseRow: "kredit kasus", .approvalsCaseBalance: "Saldo hari ini %@ · kredit diminta %@",
        .approvalsCaseHint: "%@ setujui atau %@ tolak di layar kasus · %@ kasus beserta akunnya",
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
