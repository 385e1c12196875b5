/// The workstation's reminder texts (issue 18): the Reports → Reminders
/// preview and the messages on an account's screen. Kept apart from the
/// workstation's table so the screens' strings grow without touching it.
extension Strings {
    public enum Remind: String, Sendable, CaseIterable {
        case tab, period, colStage, colChosen, colToSend, colBlocked, colPaused, colSent, colState
        case pausedWord, activeWord, noStages, blockedBy, nothingBlocked, stagePaused, stageResumed, stageUnchanged
        case messagesTitle, noMessages, statusSent, statusDelivered, statusRead, statusFailed, tipPause
        /// A warning letter's e-Meterai note: it speaks of the letter, not of
        /// an agreement (the plan agreement keeps its own, `.letterMeterai`).
        case warningLetterMeterai
        /// A letter stage's letters that go inside the warning letter of the same day.
        case inWarningLetter
    }

    public subscript(_ key: Remind) -> String {
        switch language {
        case .id: Strings.indonesianRemind[key] ?? Strings.englishRemind[key] ?? key.rawValue
        case .en: Strings.englishRemind[key] ?? key.rawValue
        }
    }

    public func format(_ key: Remind, _ args: CustomStringConvertible...) -> String { Strings.fill(self[key], args) }

    /// A gateway's delivery status as a word; nil (no result yet) is "sent".
    public func deliveryStatus(_ status: String?) -> String {
        switch status {
        case "delivered": self[.statusDelivered]
        case "read": self[.statusRead]
        case "failed": self[.statusFailed]
        default: self[.statusSent]
        }
    }

    static let englishRemind: [Remind: String] = [
        .tab: "Reminders", .period: "Tomorrow's run, %@ (a preview: nothing is sent or recorded)",
        .colStage: "Stage", .colChosen: "Chosen", .colToSend: "To send", .colBlocked: "Blocked",
        .colPaused: "Paused", .colSent: "Sent", .colState: "State",
        .pausedWord: "paused", .activeWord: "active", .noStages: "The rules have no reminder stages.",
        .blockedBy: "%@ blocked: %@", .nothingBlocked: "%@: nothing blocked",
        .stagePaused: "Stage %@ paused from %@.", .stageResumed: "Stage %@ resumed from %@.",
        .stageUnchanged: "Stage %@ was already so; nothing changed.",
        .messagesTitle: "Messages sent", .noMessages: "No reminder or letter sent yet.",
        .statusSent: "sent", .statusDelivered: "delivered", .statusRead: "read", .statusFailed: "failed", .tipPause: "pause/resume",
        .inWarningLetter: "%@: %@ inside the warning letter of the same day (one letter to the address)",
        .warningLetterMeterai: "This letter bears e-Meterai stamp duty of %@, as the Stamp Duty Law (No. 10 of 2020) requires.",
    ]

    static let indonesianRemind: [Remind: String] = [
        .tab: "Pengingat", .period: "Proses besok, %@ (pratinjau: tidak ada yang dikirim atau dicatat)",
        .colStage: "Tahap", .colChosen: "Terpilih", .colToSend: "Dikirim", .colBlocked: "Tertahan",
        .colPaused: "Dijeda", .colSent: "Sudah", .colState: "Status",
        .pausedWord: "dijeda", .activeWord: "aktif", .noStages: "Aturan tidak memuat tahap pengingat.",
        .blockedBy: "%@ tertahan: %@", .nothingBlocked: "%@: tidak ada yang tertahan",
        .stagePaused: "Tahap %@ dijeda mulai %@.", .stageResumed: "Tahap %@ dilanjutkan mulai %@.",
        .stageUnchanged: "Tahap %@ sudah demikian; tidak ada yang berubah.",
        .messagesTitle: "Pesan terkirim", .noMessages: "Belum ada pengingat atau surat yang dikirim.",
        .statusSent: "terkirim", .statusDelivered: "sampai", .statusRead: "dibaca", .statusFailed: "gagal", .tipPause: "jeda/lanjut",
        .inWarningLetter: "%@: %@ di dalam surat peringatan hari yang sama (satu surat ke alamat)",
        .warningLetterMeterai: "Surat ini dibubuhi e-Meterai %@ sesuai UU No. 10 Tahun 2020 tentang Bea Meterai.",
    ]
}
