/// The workstation's labels, part of the one string table (`Strings`):
/// every word the screens show comes from here, in both languages.
extension Strings {
    public enum UI: String, Sendable, CaseIterable {
        // chrome
        case appName, queueTitle, accountTitle, searchTitle, helpTitle, enlarge
        // roles
        case roleCollector, roleLead, roleAdmin, roleBatch
        // queue
        case scopeMine, scopeTeam, scopeUnassigned, scopeBook, scopeCollector
        case filterLabel, allBuckets, allSegments, sortLabel
        case sortPriority, sortBalance, sortDays, sortAccountNo
        case colAccount, colName, colBalance, colDays, colBucket, colLastContact, colNext
        case whyLabel, whyOldestBucket, rankOf, queueEmpty, queueEmptyFiltered, beingWorkedBy, loading
        case noOtherQueues
        // account
        case phones, localTime, position, buckets, charges, activity, contacts, promises, plans
        case noContactsYet, noPromisesYet, noPlansYet, noActivity, noCharges
        case colDate, colKind, colChannel, colRef, colAmount, colOpen, colDue, colIssued, colNote
        case kindPayment, kindCredit, kindWriteoff, kindDebit, kindReversal, reversedOn
        case leaseHeldBy, leaseNote
        // search
        case searchPrompt, searchHint, searchNoResults, matchAccountNo, matchName, matchPhone, resultsCount, resultsCapped, dueIn
        // The words of the one-line hints, each after its key (the keys come from the keymap).
        case tipOpen, tipSearch, tipBucket, tipSegment, tipSort, tipQueue, tipApprovals, tipReports, tipAssign, tipHelp, tipQuit
        case tipLogContact, tipPlan, tipLetter, tipScroll, tipReload, tipBack, tipChoose, tipClear, tipClose, tipTypeToSearch
        case tipApprove, tipDecline, tipDeclineWhy, tipTheAccount, tipSchedule, tipBackUndecided, tipCancel
        case tipReport, tipMonthEnds, tipDay, tipTeam, tipAccounts, tipExport, tipField, tipEvery, tipSave
        // help
        case groupNavigation, groupQueue, groupAccount, groupSearch, groupGeneral, helpFooter
        // actions
        case actHelp, actSearch, actOpen, actBack, actQuit, actUp, actDown, actPageUp, actPageDown, actTop, actBottom
        case actBucket, actSegment, actSort, actScope, actClear, actRefresh, actClearInput
        // contacts: the form, the verdict, channels, reasons, promises
        case formTitle, fieldChannel, fieldOutcome, fieldReason, fieldNote, fieldPromiseAmount, fieldPromiseDate, fieldNextAction, fieldOverride
        case formSaved, formDraftRestored, formEscAgain, formOverrideHint, formNeedOutcome, formBadAmount, formBadDate, planFirstBeforeStart, formDateHint
        case formChoiceHint, formSuggested, formDateTimeHint
        case actLogContact, actSave, actNextField, actPreviousField, actChoiceNext, actChoicePrevious, groupForm
        case chPhone, chSms, chWhatsapp, chEmail, chLetter, chVisit
        case rsFinancial, rsAdmin, rsDispute, rsOther, noneChoice
        case verdictAllowed, verdictBlockedUntil, verdictBlockedLong, inDuration
        case promiseOpen, promiseKept, promiseBroken, promiseReplaced, promiseMade, contactPromise, contactNext, contactOverride
        case reasonDay, reasonHoliday, reasonBefore, reasonAfter, reasonDaily, reasonWeekly, reasonWeeklyAhead, reasonRest, reasonLaterCall
        case unitDays, unitHours, unitMinutes
        case whyBlocked, whyPromiseDue, whyBroken, whyActionDue, today, whyInstalmentDue, whyInstalmentMissed, whyPlanApproved, whyPlanDeclined
        // the plan agreement letter
        case letterTitle, letterDraft, letterNumber, letterParties, letterCreditor, letterDebtor, letterAgree, letterDiscount, letterDown,
             letterInstalments, letterChannels, letterGrace, letterMeterai, letterSigned, colNo
        case everyWeek, every2Weeks, everyMonth
        // plans in the workstation
        case planTitle, planBalance, planAuthority, planNoLimit, planWithin, planBeyond, planTotals, planBadPercent, planBadCount,
             fieldDiscount, fieldDown, fieldInstalments, fieldFrequency, fieldFirst, planSaved, planPendingSaved, planMore, planEarlier, planDraftRestored,
             approvalsTitle, approvalsNone, approvalsReason, approvalsDecided, planLine,
             actNegotiate, actApprovals, actApprove, actDecline, groupPlans, lineKept, linePartly, lineDue, lineLate,
             fieldTarget, planBadTarget, excessDiscount, excessInstalments, excessLength, actLetter, letterWritten, noPlan,
             reportsTitle, tabAgingCollector, tabAgingSegment, tabActivity, tabNightly, actReports, actExport, exported,
             noRuns, keptRate, actNextReport, actPreviousReport, actEarlier, actLater, tabRoll, tabKPI, closed, rulesChanged, newDay
        // workstation on PostgreSQL: the ledger's server gone and back, a tab not there yet
        case serverUnreachable, serverBack, notOnThisLedgerYet
        // the Reports screen's columns and notes
        case actAsOf, asOfPrompt, asOfBad, asOfFuture, queueAsOf
        case computing, colAttempts, colReached, colRightParty, colPromises, colCollected, colFiles, colPosted, colRefused,
             colRejected, colPlans, rollPeriod, rollDetail, activityDetail, runFiles, kpiPeriod
        // approving with confirmation; assigning from the queue
        case confirmTitle, confirmDebtor, confirmTerms, confirmLength, confirmProposed, confirmSchedule, confirmHistory, confirmQuestion
        case notesTitle, actContactNotes, tipNotes, noHomeFolder, formNotSaved, rulesUnreadable
        // issue 16 (leads): aging pages, the scope picker, approvals, plan decisions
        case agingAmountsIn, scopePickerTitle, scopePickerKeys
        case approvalsOldestFirst, approvalsNewestFirst, approvalsBalances, approvalsReasonRequired, tipOrder
        case planReviewApproved, planReviewDeclined, planReviewDeclinedWhy, whyPlanReviewed
        case actAssign, actMark, assignTitle, assignAccounts, assignedTo, assignedOneTo, unassignedN, assignUnchanged,
             assignNobody, markedCount, unassignedOne, colTeam
        // issue 17: the help lines of the hold keys (their screens' words are in StringsHoldsUI)
        case actHeld, actHold, actPhones, actCases, tabCases
        case actPauseStage
    }

    public subscript(_ key: UI) -> String {
        switch language {
        case .id: Strings.indonesianUI[key] ?? Strings.englishUI[key] ?? key.rawValue
        case .en: Strings.englishUI[key] ?? key.rawValue
        }
    }

    static let englishUI: [UI: String] = [
        .appName: "Tagih", .queueTitle: "Work queue", .accountTitle: "Account", .searchTitle: "Search accounts", .helpTitle: "Help",
        .enlarge: "Please enlarge the window to at least 80×24",
        .roleCollector: "collector", .roleLead: "lead", .roleAdmin: "admin", .roleBatch: "batch",
        .scopeMine: "my accounts", .scopeTeam: "team", .scopeUnassigned: "unassigned",
        .scopeBook: "whole book", .scopeCollector: "collector",
        .filterLabel: "Filter", .allBuckets: "all buckets", .allSegments: "all segments", .sortLabel: "Sort",
        .sortPriority: "priority", .sortBalance: "balance", .sortDays: "days past due", .sortAccountNo: "account no",
        .colAccount: "Account", .colName: "Name", .colBalance: "Balance", .colDays: "Days", .colBucket: "Bucket",
        .colLastContact: "Contacted", .colNext: "Next",
        .whyLabel: "Why", .whyOldestBucket: "%d days past due (%@)", .rankOf: "%d of %d",
        .queueEmpty: "Nothing to work: no account in this queue is past due.",
        .queueEmptyFiltered: "No account matches the filter (x clears it).",
        .beingWorkedBy: "being worked by %@", .loading: "…",
        .noOtherQueues: "Collectors work their own queue only",
        .phones: "Phone", .localTime: "at the debtor's", .position: "Position", .buckets: "Buckets",
        .charges: "Open charges", .activity: "Payments and adjustments", .contacts: "Contacts", .promises: "Promises to pay",
        .plans: "Payment plans",
        .noContactsYet: "No contact logged yet.", .noPromisesYet: "No promise to pay.", .noPlansYet: "No payment plan.",
        .noActivity: "No payments or adjustments.", .noCharges: "No open charges.",
        .colDate: "Date", .colKind: "Kind", .colChannel: "Channel", .colRef: "Ref", .colAmount: "Amount", .colOpen: "Open",
        .colDue: "Due", .colIssued: "Issued", .colNote: "Note",
        .kindPayment: "payment", .kindCredit: "credit note", .kindWriteoff: "write-off", .kindDebit: "debit", .kindReversal: "reversal",
        .reversedOn: "reversed %@",
        .leaseHeldBy: "Being worked by %@ — coordinate before you call.", .leaseNote: "You are working this account.",
        .searchPrompt: "Find", .searchHint: "account no, name (any word) or phone (0812…, +62812…, 62812…)",
        .searchNoResults: "No account found.", .matchAccountNo: "account no", .matchName: "name", .matchPhone: "phone",
        .resultsCount: "%d found", .resultsCapped: "%@ of %@ shown: type more to narrow", .dueIn: "in %d d",
        .tipOpen: "open", .tipSearch: "search", .tipBucket: "bucket", .tipSegment: "segment", .tipSort: "sort", .tipQueue: "queue",
        .tipApprovals: "approvals", .tipReports: "reports", .tipAssign: "assign", .tipHelp: "help", .tipQuit: "quit",
        .tipLogContact: "contact", .tipPlan: "plan", .tipLetter: "letter", .tipScroll: "scroll", .tipReload: "reload",
        .tipBack: "back", .tipChoose: "choose", .tipClear: "clear", .tipClose: "close", .tipTypeToSearch: "type to search",
        .tipApprove: "approve", .tipDecline: "decline", .tipDeclineWhy: "decline (with a reason)", .tipTheAccount: "the account",
        .tipSchedule: "schedule", .tipBackUndecided: "back without deciding", .tipCancel: "cancel",
        .tipReport: "report", .tipMonthEnds: "month-end", .tipDay: "day", .tipTeam: "team", .tipAccounts: "accounts", .tipExport: "export",
        .tipField: "field", .tipEvery: "every", .tipSave: "save",
        .notesTitle: "Contact history", .actContactNotes: "read the contact history, every note whole", .tipNotes: "notes",
        .noHomeFolder: "no home folder to write %@ into",
        .formNotSaved: "Not saved: the reason is above.",
        .rulesUnreadable: "the new rules %@ of %@ cannot be read (%@); the earlier ones stay in force here",
        .groupNavigation: "Moving around", .groupQueue: "Work queue", .groupAccount: "Account", .groupSearch: "Search",
        .groupGeneral: "General", .helpFooter: "Keys can be changed in config/keys.toml. Esc closes this help.",
        .actHelp: "show this help", .actSearch: "search the whole book", .actOpen: "open the selected account",
        .actBack: "go back", .actQuit: "quit Tagih", .actUp: "move up", .actDown: "move down", .actPageUp: "page up",
        .actPageDown: "page down", .actTop: "first line", .actBottom: "last line",
        .actBucket: "filter by bucket (cycles)", .actSegment: "filter by segment (cycles)", .actSort: "change the sort order",
        .actScope: "whose accounts: team, a collector, the whole book", .actClear: "clear the filters",
        .actRefresh: "reload from the ledger", .actClearInput: "clear the search text",
        .formTitle: "Log contact", .fieldChannel: "Channel", .fieldOutcome: "Outcome", .fieldReason: "Reason late",
        .fieldNote: "Note", .fieldPromiseAmount: "Promised amount", .fieldPromiseDate: "Promised by", .fieldNextAction: "Next action",
        .fieldOverride: "Override reason",
        .formSaved: "Contact %d saved.", .formDraftRestored: "Unsaved contact for %@ restored from your last session.",
        .formEscAgain: "The form has input: Esc again discards it.",
        .formOverrideHint: "as a lead you may go ahead: give an override reason and save again",
        .formNeedOutcome: "choose an outcome", .formBadAmount: "an amount such as 1.250.000 or 1250000",
        .formBadDate: "a date as YYYY-MM-DD", .planFirstBeforeStart: "today or later", .formDateHint: "YYYY-MM-DD",
        .formDateTimeHint: "YYYY-MM-DD [HH:MM]", .formChoiceHint: "←→ or type a letter",
        .formSuggested: "past due",
        .actLogContact: "log a contact (call, message, visit)", .actSave: "save the form", .actNextField: "next field",
        .actPreviousField: "previous field", .actChoiceNext: "next choice", .actChoicePrevious: "previous choice", .groupForm: "Contact form",
        .chPhone: "phone", .chSms: "SMS", .chWhatsapp: "WhatsApp", .chEmail: "e-mail", .chLetter: "letter", .chVisit: "visit",
        .rsFinancial: "financial hardship", .rsAdmin: "billing or admin error", .rsDispute: "dispute", .rsOther: "other", .noneChoice: "—",
        .verdictAllowed: "contact allowed now", .verdictBlockedUntil: "blocked until %@", .verdictBlockedLong: "blocked: %@",
        .inDuration: "in %@",
        .promiseOpen: "open", .promiseKept: "kept", .promiseBroken: "broken", .promiseReplaced: "replaced",
        .promiseMade: "%@ promised by %@ on %@, due %@: %@ (paid %@)",
        .contactPromise: "promise %@ by %@", .contactNext: "next %@", .contactOverride: "override: %@",
        .reasonDay: "%@ is not a contact day", .reasonHoliday: "holiday: %@", .reasonBefore: "before %@ in the debtor's time",
        .reasonAfter: "from %@ no contact in the debtor's time", .reasonDaily: "%d attempts today, the daily limit",
        .reasonWeekly: "%d calls in 7 days, the limit", .reasonWeeklyAhead: "%d calls in the 7 days to %@, the limit", .reasonRest: "phone conversation on %@: no calls before %@",
        .reasonLaterCall: "a call is recorded on %@: a conversation now would rest the phone until %@",
        .unitDays: "d", .unitHours: "h", .unitMinutes: "m",
        .whyBlocked: "may not be contacted before %@", .whyPromiseDue: "promise due today", .whyBroken: "promise broken this week",
        .whyActionDue: "next action due %@", .today: "today",
        .whyInstalmentDue: "a plan instalment is due today", .whyInstalmentMissed: "a plan instalment is overdue",
        .whyPlanApproved: "a lead approved the plan: tell the debtor", .whyPlanDeclined: "a lead declined the plan: call the debtor",
        .letterTitle: "INSTALMENT PAYMENT AGREEMENT", .letterDraft: "DRAFT — NOT VALID UNTIL APPROVED", .letterNumber: "No. %@",
        .letterParties: "The undersigned:", .letterCreditor: "1. %@, the Creditor, represented by %@;",
        .letterDebtor: "2. %@, account %@, %@, the Debtor;",
        .letterAgree: "agree to settle the debt of %@ as of %@ as follows:",
        .letterDiscount: "- a discount of %@% (%@): the Debtor pays %@ in total;",
        .letterDown: "- a down payment of %@, due on %@;", .letterInstalments: "- %@ instalments, %@:",
        .letterChannels: "Payments by bank transfer, virtual account (VA), QRIS or at a minimarket (Alfamart, Indomaret), quoting account %@.",
        .letterGrace: "An instalment not paid within %@ days after its due date ends this agreement, and the discount with it.",
        .letterMeterai: "This agreement is worth more than %@ and must bear the %@ e-Meterai stamp duty (Law No. 10 of 2020).",
        .letterSigned: "%@, %@", .colNo: "No",
        .everyWeek: "weekly", .every2Weeks: "every two weeks", .everyMonth: "monthly",
        .planTitle: "Negotiate plan", .planBalance: "Balance today", .planAuthority: "Your authority: discount %@, plan %@",
        .planNoLimit: "no limit", .planWithin: "Within your authority: active as soon as it is saved.",
        .planBeyond: "Beyond your authority — saved as a request to a lead:",
        .planTotals: "Discount %@ · total %@ · last payment %@", .planBadPercent: "a percentage such as 10 or 12.5",
        .planBadCount: "a whole number of instalments, 1 or more",
        .fieldDiscount: "Discount %", .fieldDown: "Down payment", .fieldInstalments: "Instalments", .fieldFrequency: "Every",
        .fieldFirst: "First due",
        .planSaved: "Plan %d is active.", .planPendingSaved: "Plan %d waits for a lead's approval.", .planMore: "… and %d more (PgDn)", .planDraftRestored: "Unsaved plan for %@ restored from your last session.", .planEarlier: "… %d earlier (PgUp)",
        .approvalsTitle: "Approvals", .approvalsNone: "No plan waits for approval.",
        .approvalsReason: "Why decline: ",
        .approvalsDecided: "Plan %d %@.", .planLine: "Plan %d · %@ · %d × %@ · total %@ · discount %@% · paid %@",
        .actNegotiate: "negotiate a payment plan", .actApprovals: "plans waiting for your approval",
        .actApprove: "approve the selected plan", .actDecline: "decline the selected plan, with a reason", .groupPlans: "Plans",
        .lineKept: "paid", .linePartly: "part paid", .lineDue: "due", .lineLate: "late",
        .fieldTarget: "or target total", .planBadTarget: "an amount below the balance",
        .actLetter: "write the plan's agreement letter for printing", .letterWritten: "Agreement letter written to %@",
        .noPlan: "This account has no payment plan.",
        .rulesChanged: "The ledger's rules have changed (an admin loaded new ones); they apply from now on.",
        .newDay: "A new day, %@: the queue and every figure are as of today now.",
        .serverUnreachable: "The ledger's server cannot be reached: nothing saved, form kept; retrying.",
        .serverBack: "The ledger's server is back: reconnected.",
        .notOnThisLedgerYet: "Not available on this ledger yet.",
        .reportsTitle: "Reports", .tabAgingCollector: "Aging/collector", .tabAgingSegment: "Aging/segment",
        .tabActivity: "Activity", .tabNightly: "Nightly", .actReports: "reports: aging, activity, roll rates, CEI/DSO, nightly runs",
        .actExport: "export the table on screen to CSV", .exported: "Exported to %@",
        .actPauseStage: "pause or resume the selected reminder stage (leads and admins)",
        .actAsOf: "reports as of a day you type", .asOfPrompt: "As of (YYYY-MM-DD, Enter to show, Esc to cancel):",
        .asOfBad: "not a date: %@ (YYYY-MM-DD)", .asOfFuture: "%@ is after today", .queueAsOf: "Work queue as of %@", .noRuns: "No nightly run yet.",
        .tabRoll: "Roll rates", .tabKPI: "CEI/DSO", .closed: "closed",
        .computing: "Computing… (the keys keep working)", .colAttempts: "Attempts", .colReached: "Reached",
        .colRightParty: "Debtor", .colPromises: "Promises", .colCollected: "Collected", .colFiles: "Files", .colPosted: "Posted",
        .colRefused: "Refused", .colRejected: "Rejected rows", .colPlans: "Plans done/broken",
        .rollPeriod: "%@ → %@: share of opening balance, by bucket at the end",
        .rollDetail: "%@: %d accounts, %@ at the opening", .activityDetail: "%@: %d promises for %@ · %d kept, %d broken",
        .runFiles: "Files of the run on %@:", .kpiPeriod: "%@ – %@ (%d days)",
        .keptRate: "Kept", .actEarlier: "aging a month earlier", .actLater: "aging a month later", .actNextReport: "next report", .actPreviousReport: "previous report",
        .excessDiscount: "discount %@% above your %@%", .excessInstalments: "%d instalments, more than %d",
        .excessLength: "last payment %@, over %d months after the first",
        .confirmTitle: "Approve plan %d — %@", .confirmDebtor: "%@ · %@ · balance today %@ · collector %@",
        .confirmTerms: "Discount %@% (%@) · total %@", .confirmLength: "Down payment %@ · %d × %@ · last payment %@",
        .confirmProposed: "Proposed by %@ on %@", .confirmSchedule: "Schedule (%d lines)", .confirmHistory: "Payments and adjustments",
        .confirmQuestion: "Approve plan %d? y or Enter approves; Esc goes back without deciding.",
        .actAssign: "assign the selected (or marked) accounts to a collector", .actMark: "mark or unmark the line, to assign several",
        .assignTitle: "Assign to a collector", .assignAccounts: "Accounts (%d): %@", .assignedTo: "%d accounts assigned to %@.",
        .assignedOneTo: "1 account assigned to %@.", .unassignedN: "%d accounts unassigned.", .unassignedOne: "1 account unassigned.",
        .assignUnchanged: "Nothing changed: the accounts were already with %@.",
        .agingAmountsIn: "Amounts in %@", .scopePickerTitle: "Whose accounts", .scopePickerKeys: "↑↓ choose  %@ pick  %@ cancel",
        .approvalsOldestFirst: "oldest first", .approvalsNewestFirst: "newest first", .tipOrder: "newest/oldest",
        .approvalsBalances: "Balance today %@ · at the proposal %@ (%@)",
        .approvalsReasonRequired: "A reason is required to decline: type it, then Enter (Esc cancels).",
        .planReviewApproved: "Plan %d approved by %@ on %@", .planReviewDeclined: "Plan %d declined by %@ on %@",
        .planReviewDeclinedWhy: "Plan %d declined by %@ on %@: “%@”", .whyPlanReviewed: "%@ — tell the debtor",
        .assignNobody: "nobody (unassign)",
        .markedCount: "%d marked", .colTeam: "Team",
        .actHeld: "held accounts instead of those to work, and back", .actHold: "place or release a hold on the account",
        .actPhones: "the phones: mark one wrong, disconnected or do-not-call",
        .actCases: "the cases: open, note, extend, resolve, approve a credit", .tabCases: "Cases",
    ]

    static let indonesianUI: [UI: String] = [
        .appName: "Tagih", .queueTitle: "Antrian kerja", .accountTitle: "Akun", .searchTitle: "Cari akun", .helpTitle: "Bantuan",
        .enlarge: "Perbesar jendela ke minimal 80×24",
        .roleCollector: "kolektor", .roleLead: "ketua tim", .roleAdmin: "admin", .roleBatch: "batch",
        .scopeMine: "akun saya", .scopeTeam: "tim", .scopeUnassigned: "belum ditugaskan",
        .scopeBook: "seluruh portofolio", .scopeCollector: "kolektor",
        .filterLabel: "Filter", .allBuckets: "semua umur", .allSegments: "semua segmen", .sortLabel: "Urut",
        .sortPriority: "prioritas", .sortBalance: "saldo", .sortDays: "hari lewat", .sortAccountNo: "nomor akun",
        .colAccount: "Akun", .colName: "Nama", .colBalance: "Saldo", .colDays: "Hari", .colBucket: "Umur",
        .colLastContact: "Dihubungi", .colNext: "Berikut",
        .whyLabel: "Alasan", .whyOldestBucket: "lewat %d hari (%@)", .rankOf: "%d dari %d",
        .queueEmpty: "Tidak ada yang perlu dikerjakan: tidak ada akun lewat jatuh tempo di antrian ini.",
        .queueEmptyFiltered: "Tidak ada akun yang cocok dengan filter (x menghapusnya).",
        .beingWorkedBy: "sedang dikerjakan %@", .loading: "…",
        .noOtherQueues: "Kolektor hanya mengerjakan antriannya sendiri",
        .phones: "Telepon", .localTime: "di debitur", .position: "Posisi", .buckets: "Umur piutang",
        .charges: "Tagihan terbuka", .activity: "Pembayaran dan penyesuaian", .contacts: "Kontak", .promises: "Janji bayar",
        .plans: "Rencana pembayaran",
        .noContactsYet: "Belum ada kontak tercatat.", .noPromisesYet: "Tidak ada janji bayar.", .noPlansYet: "Tidak ada rencana pembayaran.",
        .noActivity: "Tidak ada pembayaran atau penyesuaian.", .noCharges: "Tidak ada tagihan terbuka.",
        .colDate: "Tanggal", .colKind: "Jenis", .colChannel: "Kanal", .colRef: "Ref", .colAmount: "Jumlah", .colOpen: "Sisa",
        .colDue: "Jatuh tempo", .colIssued: "Terbit", .colNote: "Catatan",
        .kindPayment: "pembayaran", .kindCredit: "nota kredit", .kindWriteoff: "hapus buku", .kindDebit: "debit", .kindReversal: "pembatalan",
        .reversedOn: "dibatalkan %@",
        .leaseHeldBy: "Sedang dikerjakan %@ — koordinasikan sebelum menelepon.", .leaseNote: "Anda sedang mengerjakan akun ini.",
        .searchPrompt: "Cari", .searchHint: "nomor akun, nama (kata mana saja) atau telepon (0812…, +62812…, 62812…)",
        .searchNoResults: "Akun tidak ditemukan.", .matchAccountNo: "nomor akun", .matchName: "nama", .matchPhone: "telepon",
        .resultsCount: "%d ditemukan", .resultsCapped: "%@ dari %@ ditampilkan: ketik lebih banyak untuk menyaring", .dueIn: "dlm %d hr",
        .tipOpen: "buka", .tipSearch: "cari", .tipBucket: "umur", .tipSegment: "segmen", .tipSort: "urut", .tipQueue: "antrian",
        .tipApprovals: "persetujuan", .tipReports: "laporan", .tipAssign: "tugaskan", .tipHelp: "bantuan", .tipQuit: "keluar",
        .tipLogContact: "kontak", .tipPlan: "rencana", .tipLetter: "surat", .tipScroll: "gulir", .tipReload: "muat ulang",
        .tipBack: "kembali", .tipChoose: "pilih", .tipClear: "hapus", .tipClose: "tutup", .tipTypeToSearch: "ketik untuk mencari",
        .tipApprove: "setujui", .tipDecline: "tolak", .tipDeclineWhy: "tolak (dengan alasan)", .tipTheAccount: "lihat akun",
        .tipSchedule: "jadwal", .tipBackUndecided: "kembali tanpa memutuskan", .tipCancel: "batal",
        .tipReport: "laporan", .tipMonthEnds: "akhir bulan", .tipDay: "tanggal", .tipTeam: "tim", .tipAccounts: "akun", .tipExport: "ekspor",
        .tipField: "pindah", .tipEvery: "frekuensi", .tipSave: "simpan",
        .notesTitle: "Riwayat kontak", .actContactNotes: "baca riwayat kontak, setiap catatan utuh", .tipNotes: "catatan",
        .noHomeFolder: "tidak ada folder rumah untuk menulis %@",
        .formNotSaved: "Belum disimpan: alasannya di atas.",
        .rulesUnreadable: "aturan baru %@ dari %@ tidak dapat dibaca (%@); aturan sebelumnya tetap berlaku di sini",
        .groupNavigation: "Berpindah", .groupQueue: "Antrian kerja", .groupAccount: "Akun", .groupSearch: "Pencarian",
        .groupGeneral: "Umum", .helpFooter: "Tombol dapat diubah di config/keys.toml. Esc menutup bantuan ini.",
        .actHelp: "tampilkan bantuan ini", .actSearch: "cari di seluruh portofolio", .actOpen: "buka akun terpilih",
        .actBack: "kembali", .actQuit: "keluar dari Tagih", .actUp: "naik", .actDown: "turun", .actPageUp: "halaman sebelumnya",
        .actPageDown: "halaman berikutnya", .actTop: "baris pertama", .actBottom: "baris terakhir",
        .actBucket: "filter umur piutang (bergiliran)", .actSegment: "filter segmen (bergiliran)", .actSort: "ganti urutan",
        .actScope: "akun siapa: tim, kolektor, seluruh portofolio", .actClear: "hapus filter",
        .actRefresh: "muat ulang dari buku besar", .actClearInput: "hapus teks pencarian",
        .formTitle: "Catat kontak", .fieldChannel: "Kanal", .fieldOutcome: "Hasil", .fieldReason: "Alasan telat",
        .fieldNote: "Catatan", .fieldPromiseAmount: "Jumlah janji", .fieldPromiseDate: "Janji bayar tgl", .fieldNextAction: "Tindak lanjut",
        .fieldOverride: "Alasan override",
        .formSaved: "Kontak %d tersimpan.", .formDraftRestored: "Kontak %@ yang belum disimpan dipulihkan dari sesi terakhir.",
        .formEscAgain: "Formulir berisi data: tekan Esc lagi untuk membuangnya.",
        .formOverrideHint: "Anda ketua tim: boleh lanjut dengan alasan override, lalu simpan lagi",
        .formNeedOutcome: "pilih hasil kontak", .formBadAmount: "jumlah seperti 1.250.000 atau 1250000",
        .formBadDate: "tanggal sebagai YYYY-MM-DD", .planFirstBeforeStart: "hari ini atau sesudahnya", .formDateHint: "YYYY-MM-DD",
        .formDateTimeHint: "YYYY-MM-DD [JJ:MM]", .formChoiceHint: "←→ atau ketik huruf",
        .formSuggested: "lewat jatuh tempo",
        .actLogContact: "catat kontak (telepon, pesan, kunjungan)", .actSave: "simpan formulir", .actNextField: "kolom berikutnya",
        .actPreviousField: "kolom sebelumnya", .actChoiceNext: "pilihan berikutnya", .actChoicePrevious: "pilihan sebelumnya",
        .groupForm: "Formulir kontak",
        .chPhone: "telepon", .chSms: "SMS", .chWhatsapp: "WhatsApp", .chEmail: "surel", .chLetter: "surat", .chVisit: "kunjungan",
        .rsFinancial: "kesulitan keuangan", .rsAdmin: "kesalahan tagihan/administrasi", .rsDispute: "sengketa", .rsOther: "lainnya",
        .noneChoice: "—",
        .verdictAllowed: "boleh dihubungi sekarang", .verdictBlockedUntil: "dilarang sampai %@", .verdictBlockedLong: "dilarang: %@",
        .inDuration: "%@ lagi",
        .promiseOpen: "berjalan", .promiseKept: "ditepati", .promiseBroken: "diingkari", .promiseReplaced: "diganti",
        .promiseMade: "%@ dijanjikan %@ pada %@, jatuh tempo %@: %@ (dibayar %@)",
        .contactPromise: "janji %@ tgl %@", .contactNext: "lanjut %@", .contactOverride: "override: %@",
        .reasonDay: "%@ bukan hari kontak", .reasonHoliday: "hari libur: %@", .reasonBefore: "sebelum %@ waktu debitur",
        .reasonAfter: "mulai %@ waktu debitur tidak boleh dihubungi", .reasonDaily: "sudah %d kali hari ini (batas harian)",
        .reasonWeekly: "%d telepon dalam 7 hari (batas)", .reasonWeeklyAhead: "%d telepon dalam 7 hari s.d. %@ (batas)", .reasonRest: "percakapan telepon %@: tidak menelepon sebelum %@",
        .reasonLaterCall: "ada telepon tercatat %@: percakapan sekarang melarang telepon sampai %@",
        .unitDays: " hari", .unitHours: " j", .unitMinutes: " m",
        .whyBlocked: "belum boleh dihubungi sebelum %@", .whyPromiseDue: "janji bayar jatuh tempo hari ini",
        .whyBroken: "janji bayar diingkari minggu ini", .whyActionDue: "tindak lanjut %@", .today: "hari ini",
        .whyInstalmentDue: "angsuran rencana jatuh tempo hari ini", .whyInstalmentMissed: "angsuran rencana terlambat",
        .whyPlanApproved: "ketua tim menyetujui rencana: kabari debitur", .whyPlanDeclined: "ketua tim menolak rencana: hubungi debitur",
        .letterTitle: "SURAT PERJANJIAN PEMBAYARAN ANGSURAN", .letterDraft: "DRAF — BELUM BERLAKU SEBELUM DISETUJUI", .letterNumber: "Nomor: %@",
        .letterParties: "Yang bertanda tangan di bawah ini:", .letterCreditor: "1. %@, selaku Kreditur, diwakili oleh %@;",
        .letterDebtor: "2. %@, nomor akun %@, %@, selaku Debitur;",
        .letterAgree: "sepakat menyelesaikan utang sebesar %@ per %@ dengan ketentuan sebagai berikut:",
        .letterDiscount: "- potongan %@% (%@), sehingga Debitur membayar %@ seluruhnya;",
        .letterDown: "- uang muka %@, jatuh tempo %@;", .letterInstalments: "- %@ kali angsuran, %@:",
        .letterChannels: "Pembayaran melalui transfer bank, virtual account (VA), QRIS, atau gerai minimarket (Alfamart, Indomaret) dengan mencantumkan nomor akun %@.",
        .letterGrace: "Angsuran yang tidak dibayar dalam %@ hari setelah jatuh tempo mengakhiri perjanjian ini beserta potongannya.",
        .letterMeterai: "Perjanjian ini bernilai di atas %@ sehingga wajib dibubuhi e-Meterai %@ (UU No. 10 Tahun 2020).",
        .letterSigned: "%@, %@", .colNo: "No",
        .everyWeek: "setiap minggu", .every2Weeks: "setiap dua minggu", .everyMonth: "setiap bulan",
        .planTitle: "Negosiasi rencana", .planBalance: "Saldo hari ini", .planAuthority: "Wewenang Anda: diskon %@, rencana %@",
        .planNoLimit: "tanpa batas", .planWithin: "Dalam wewenang Anda: langsung aktif saat disimpan.",
        .planBeyond: "Di luar wewenang — disimpan sebagai permintaan ke ketua tim:",
        .planTotals: "Diskon %@ · total %@ · pembayaran terakhir %@", .planBadPercent: "persentase seperti 10 atau 12,5",
        .planBadCount: "jumlah angsuran, bilangan bulat 1 atau lebih",
        .fieldDiscount: "Diskon %", .fieldDown: "Uang muka", .fieldInstalments: "Jumlah angsuran", .fieldFrequency: "Setiap",
        .fieldFirst: "Jatuh tempo pertama",
        .planSaved: "Rencana %d aktif.", .planPendingSaved: "Rencana %d menunggu persetujuan ketua tim.", .planMore: "… dan %d lagi (PgDn)", .planDraftRestored: "Rencana %@ yang belum disimpan dipulihkan dari sesi terakhir.", .planEarlier: "… %d sebelumnya (PgUp)",
        .approvalsTitle: "Persetujuan", .approvalsNone: "Tidak ada rencana yang menunggu persetujuan.",
        .approvalsReason: "Alasan menolak: ",
        .approvalsDecided: "Rencana %d %@.", .planLine: "Rencana %d · %@ · %d × %@ · total %@ · diskon %@% · dibayar %@",
        .actNegotiate: "negosiasi rencana pembayaran", .actApprovals: "rencana yang menunggu persetujuan Anda",
        .actApprove: "setujui rencana terpilih", .actDecline: "tolak rencana terpilih, dengan alasan", .groupPlans: "Rencana",
        .lineKept: "lunas", .linePartly: "sebagian", .lineDue: "belum jatuh tempo", .lineLate: "terlambat",
        .fieldTarget: "atau total sasaran", .planBadTarget: "jumlah di bawah saldo",
        .actLetter: "tulis surat perjanjian rencana untuk dicetak", .letterWritten: "Surat perjanjian ditulis ke %@",
        .noPlan: "Akun ini tidak punya rencana pembayaran.",
        .rulesChanged: "Aturan ledger telah berubah (admin memuat aturan baru); aturan itu berlaku mulai sekarang.",
        .newDay: "Hari baru, %@: antrean dan semua angka kini per hari ini.",
        .serverUnreachable: "Server ledger tak terjangkau: tidak tersimpan, isian tetap ada; mencoba lagi.",
        .serverBack: "Server ledger kembali: tersambung lagi.",
        .notOnThisLedgerYet: "Belum tersedia di ledger ini.",
        .reportsTitle: "Laporan", .tabAgingCollector: "Umur/kolektor", .tabAgingSegment: "Umur/segmen",
        .tabActivity: "Aktivitas", .tabNightly: "Proses malam", .actReports: "laporan: umur piutang, aktivitas, roll rate, CEI/DSO, proses malam",
        .actExport: "ekspor tabel di layar ke CSV", .exported: "Diekspor ke %@",
        .actPauseStage: "jeda atau lanjutkan tahap pengingat terpilih (ketua tim dan admin)",
        .actAsOf: "laporan per tanggal yang diketik", .asOfPrompt: "Per tanggal (YYYY-MM-DD, Enter tampilkan, Esc batal):",
        .asOfBad: "bukan tanggal: %@ (YYYY-MM-DD)", .asOfFuture: "%@ setelah hari ini", .queueAsOf: "Antrian kerja per %@", .noRuns: "Belum ada proses malam.",
        .tabRoll: "Roll rate", .tabKPI: "CEI/DSO", .closed: "lunas",
        .computing: "Menghitung… (tombol tetap berfungsi)", .colAttempts: "Upaya", .colReached: "Kontak",
        .colRightParty: "Debitur", .colPromises: "Janji", .colCollected: "Tertagih", .colFiles: "Berkas", .colPosted: "Masuk",
        .colRefused: "Ditolak", .colRejected: "Baris ditolak", .colPlans: "Rencana lunas/gagal",
        .rollPeriod: "%@ → %@: bagian saldo awal tiap umur, menurut umur di akhir",
        .rollDetail: "%@: %d akun, %@ di awal", .activityDetail: "%@: %d janji senilai %@ · %d ditepati, %d diingkari",
        .runFiles: "Berkas proses %@:", .kpiPeriod: "%@ – %@ (%d hari)",
        .keptRate: "Ditepati", .actEarlier: "umur piutang sebulan lebih awal", .actLater: "umur piutang sebulan kemudian",
        .actNextReport: "laporan berikutnya", .actPreviousReport: "laporan sebelumnya",
        .excessDiscount: "diskon %@% di atas batas %@%", .excessInstalments: "%d angsuran, lebih dari %d",
        .excessLength: "pembayaran terakhir %@, lebih dari %d bulan setelah yang pertama",
        .confirmTitle: "Setujui rencana %d — %@", .confirmDebtor: "%@ · %@ · saldo hari ini %@ · kolektor %@",
        .confirmTerms: "Diskon %@% (%@) · total %@", .confirmLength: "Uang muka %@ · %d × %@ · pembayaran terakhir %@",
        .confirmProposed: "Diusulkan oleh %@ pada %@", .confirmSchedule: "Jadwal (%d baris)", .confirmHistory: "Pembayaran dan penyesuaian",
        .confirmQuestion: "Setujui rencana %d? y atau Enter menyetujui; Esc kembali tanpa memutuskan.",
        .actAssign: "tugaskan akun terpilih (atau bertanda) ke kolektor", .actMark: "tandai atau lepas tanda baris, untuk menugaskan beberapa",
        .assignTitle: "Tugaskan ke kolektor", .assignAccounts: "Akun (%d): %@", .assignedTo: "%d akun ditugaskan ke %@.",
        .assignedOneTo: "1 akun ditugaskan ke %@.", .unassignedN: "%d akun dilepas dari penugasan.", .unassignedOne: "1 akun dilepas dari penugasan.",
        .assignUnchanged: "Tidak ada yang berubah: akun sudah dipegang %@.",
        .agingAmountsIn: "Jumlah dalam %@", .scopePickerTitle: "Akun siapa", .scopePickerKeys: "↑↓ pilih  %@ ambil  %@ batal",
        .approvalsOldestFirst: "terlama dulu", .approvalsNewestFirst: "terbaru dulu", .tipOrder: "terbaru/terlama",
        .approvalsBalances: "Saldo hari ini %@ · saat diajukan %@ (%@)",
        .approvalsReasonRequired: "Alasan wajib diisi untuk menolak: ketik alasannya, lalu Enter (Esc batal).",
        .planReviewApproved: "Rencana %d disetujui %@ pada %@", .planReviewDeclined: "Rencana %d ditolak %@ pada %@",
        .planReviewDeclinedWhy: "Rencana %d ditolak %@ pada %@: “%@”", .whyPlanReviewed: "%@ — kabari debitur",
        .assignNobody: "tidak ada (lepas penugasan)",
        .markedCount: "%d ditandai", .colTeam: "Tim",
        .actHeld: "akun yang ditahan, bergantian dengan yang dikerjakan", .actHold: "pasang atau lepas penahanan akun",
        .actPhones: "daftar telepon: tandai salah, terputus, jangan dihubungi",
        .actCases: "kasus: buka, catat, perpanjang, selesaikan, setujui kredit", .tabCases: "Kasus",
    ]

    static let monthsShortEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsShortID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    static let weekdaysEN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysID = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
    static let weekdaysLongEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let weekdaysLongID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

    static let outcomeMeaningsID: [String: String] = [
        "no answer": "tidak diangkat", "busy / unreachable": "sibuk / tidak aktif", "left a message": "meninggalkan pesan",
        "wrong number": "nomor salah", "third party reached": "diterima pihak lain", "debtor reached, no promise": "bicara dengan debitur, tanpa janji",
        "debtor asked for a call back": "debitur minta dihubungi lagi", "debtor disputes the debt": "debitur menyanggah tagihan",
        "debtor refuses to pay": "debitur menolak membayar", "promise to pay": "janji bayar",
    ]

    static let planStatusesID = ["pending": "menunggu persetujuan", "active": "aktif", "declined": "ditolak", "cancelled": "dibatalkan",
                                 "completed": "selesai", "broken": "gagal"]
    static let planStatusesEN = ["pending": "waiting for approval", "active": "active", "declined": "declined", "cancelled": "cancelled",
                                 "completed": "completed", "broken": "broken"]

    /// How a plan goes beyond an authority, in the UI language.
    public func planExcess(_ e: PlanExcess) -> String {
        switch e {
        case .discount(let bp, let limit): format(.excessDiscount, formatPercent(bp), formatPercent(limit))
        case .instalments(let n, let limit): format(.excessInstalments, n, limit)
        case .length(_, let last, let months): format(.excessLength, shortDate(last), months)
        }
    }

    /// A plan status in words.
    public func planStatus(_ status: String) -> String {
        (language == .id ? Strings.planStatusesID : Strings.planStatusesEN)[status] ?? status
    }

    /// An outcome's meaning as configured, in Indonesian when it is one of the defaults.
    public func outcomeMeaning(_ o: OutcomeCode) -> String {
        language == .id ? Strings.outcomeMeaningsID[o.meaning] ?? o.meaning : o.meaning
    }

    /// `Monday` / `Senin` for an ISO weekday.
    public func weekdayName(_ isoWeekday: Int) -> String {
        (language == .id ? Strings.weekdaysLongID : Strings.weekdaysLongEN)[isoWeekday - 1]
    }

    /// Why contact is blocked, in the UI language.
    public func blockReason(_ r: BlockReason) -> String {
        switch r {
        case .notAContactDay(let w): format(.reasonDay, weekdayName(w))
        case .holiday(let name): format(.reasonHoliday, name)
        case .beforeHours(_, let start): format(.reasonBefore, BlockReason.clock(start))
        case .afterHours(_, let end): format(.reasonAfter, BlockReason.clock(end))
        case .dailyLimit(let n): format(.reasonDaily, n)
        case .weeklyPhoneLimit(let n): format(.reasonWeekly, n)
        case .weeklyPhoneLimitAhead(let n, let through): format(.reasonWeeklyAhead, n, shortDate(through))
        case .restAfterConversation(let on, let until): format(.reasonRest, shortDate(on), shortDate(until))
        case .laterPhoneAttempt(let on, let until): format(.reasonLaterCall, shortDate(on), shortDate(until))
        case .onHold(let kind, let since):
            language == .id ? "ditahan (\(holdKind(kind)) sejak \(shortDate(since)))" : "on hold (\(kind.rawValue) since \(shortDate(since)))"
        }
    }

    /// A span of seconds as `2 j 15 m` / `2 h 15 m`, days when over two days.
    public func duration(_ seconds: Int64) -> String {
        let minutes = max(0, Int((seconds + 59) / 60))
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if minutes >= 2 * 1440 { return "\(d)\(self[.unitDays]) \(h)\(self[.unitHours])" }
        if minutes >= 60 { return "\(d * 24 + h)\(self[.unitHours]) \(m)\(self[.unitMinutes])" }
        return "\(m)\(self[.unitMinutes])"
    }

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
    public func format(_ key: UI, _ args: CustomStringConvertible...) -> String { Strings.fill(self[key], args) }

    public static func fill(_ template: String, _ args: [CustomStringConvertible]) -> String {
        var out = ""
        var rest = Substring(template)
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
        case .batch: self[.roleBatch]
        }
    }
}
