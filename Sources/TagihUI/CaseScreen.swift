import TagihCore
import TagihTerminal

/// What the case screen asks the ledger to do (CONTRACT §9, R22).
public enum CaseRequest: Sendable, Equatable {
    case open(accountNo: String, type: CaseType, summary: String, charges: [String], amount: Money?, via: CaseVia?)
    case note(Int64, text: String)
    case extend(Int64, reason: String)
    case resolve(Int64, outcome: CaseOutcome, note: String, credit: Money?)
    case decide(Int64, approve: Bool, note: String?)
}

/// What the ledger did: the sentence the screen says comes from it.
public enum CaseDone: Sendable, Equatable {
    case opened(Int64, due: Day, hold: Bool)
    case noted(Int64)
    case extended(Int64, due: Day)
    /// Resolved, or awaiting a lead's approval of its credit (a collector's).
    case resolved(Int64, CaseStatus)
    case decided(Int64, approved: Bool)
}

/// The account's cases (`C` on the account): the list, read from the
/// account beneath (so a save's reload shows at once), and the one small
/// form a key opens over it.
public struct CaseScreen: Equatable, Sendable {
    public var accountID: Int64
    public var accountNo: String
    public var cursor = 0
    public var form: CaseForm?
    /// The case to put the cursor on once the account's cases are read
    /// (opened from Approvals for one case).
    public var focus: Int64?
    public init(accountID: Int64, accountNo: String) { self.accountID = accountID; self.accountNo = accountNo }
}

/// A form of a few fields: choices (←→) and text (typed).
public struct CaseForm: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case open, note(Int64), extend(Int64), resolve(Int64), approve(Int64), decline(Int64) }
    public struct Field: Equatable, Sendable {
        var label: Strings.HoldsUI
        /// The options of a choice; nil for text.
        var options: [String]?
        var value: String
        var optional = false
    }
    public var kind: Kind
    var fields: [Field]
    var focus = 0
    var caret: Int?

    static func make(_ kind: Kind) -> CaseForm {
        switch kind {
        case .open:
            return CaseForm(kind: kind, fields: [
                Field(label: .caseFType, options: CaseType.allCases.map(\.rawValue), value: CaseType.question.rawValue),
                Field(label: .caseFSummary, value: ""),
                Field(label: .caseFCharges, value: "", optional: true),
                Field(label: .caseFAmount, value: "", optional: true),
                Field(label: .caseFVia, options: [""] + CaseVia.allCases.map(\.rawValue), value: CaseVia.phone.rawValue, optional: true),
            ])
        case .note: return CaseForm(kind: kind, fields: [Field(label: .caseFNote, value: "")])
        case .extend, .decline: return CaseForm(kind: kind, fields: [Field(label: .caseFReason, value: "")])
        case .approve: return CaseForm(kind: kind, fields: [Field(label: .caseFNote, value: "", optional: true)])
        case .resolve:
            return CaseForm(kind: kind, fields: [
                Field(label: .caseFOutcome, options: CaseOutcome.allCases.map(\.rawValue), value: CaseOutcome.upheld.rawValue),
                Field(label: .caseFNote, value: ""),
                Field(label: .caseFCredit, value: "", optional: true),
            ])
        }
    }

    func value(_ label: Strings.HoldsUI) -> String { String((fields.first { $0.label == label }?.value ?? "").trimmingSpaces) }

    /// The request, or the field and sentence that say why not.
    func request(accountNo: String, currency: Currency, strings str: Strings) -> Result<CaseRequest, CaseFormProblem> {
        for (i, f) in fields.enumerated() where f.options == nil && !f.optional && f.value.trimmingSpaces.isEmpty {
            return .failure(.init(field: i, text: str.format(.caseNeedText, str[f.label])))
        }
        for (i, f) in fields.enumerated() where f.options == nil {
            if let p = RecordProblem.text(str[f.label], f.value) { return .failure(.init(field: i, text: str.recordProblem(p, options: false))) }
        }
        func amount(_ label: Strings.HoldsUI) -> Result<Money?, CaseFormProblem> {
            let text = value(label)
            if text.isEmpty { return .success(nil) }
            guard let m = Money.typed(text, currency: currency), m.isPositive else {
                return .failure(.init(field: fields.firstIndex { $0.label == label } ?? 0, text: str.format(.caseBadAmount, str[label])))
            }
            return .success(m)
        }
        switch kind {
        case .open:
            let charges = value(.caseFCharges).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            return amount(.caseFAmount).map { a in
                .open(accountNo: accountNo, type: CaseType(rawValue: value(.caseFType)) ?? .question, summary: value(.caseFSummary),
                      charges: charges, amount: a, via: CaseVia(rawValue: value(.caseFVia)))
            }
        case .note(let id): return .success(.note(id, text: value(.caseFNote)))
        case .extend(let id): return .success(.extend(id, reason: value(.caseFReason)))
        case .decline(let id): return .success(.decide(id, approve: false, note: value(.caseFReason)))
        case .approve(let id):
            let note = value(.caseFNote)
            return .success(.decide(id, approve: true, note: note.isEmpty ? nil : note))
        case .resolve(let id):
            return amount(.caseFCredit).map { credit in
                .resolve(id, outcome: CaseOutcome(rawValue: value(.caseFOutcome)) ?? .upheld, note: value(.caseFNote), credit: credit)
            }
        }
    }
}

public struct CaseFormProblem: Error, Equatable {
    var field: Int
    var text: String
}

// The case screen's keys.

/// The account's cases as the screen lists them (newest first), from the account beneath.
func accountCases(_ s: AppState) -> [(record: CaseRecord, state: CaseState)] {
    if case .account(let a)? = s.stack.dropLast().last { return a.detail?.cases ?? [] }
    return []
}

func caseScreenAction(_ s: inout AppState, _ c: inout CaseScreen, _ action: Action) -> [Effect] {
    var top = 0
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom: move(&c.cursor, &top, count: accountCases(s).count, height: 10, by: action)
    default: break
    }
    return []
}

/// A letter opens a form over the selected case (or a new one): o open,
/// n note, e extend, s resolve, y approve, d decline.
func caseScreenInput(_ s: inout AppState, _ c: inout CaseScreen, _ key: Key) -> [Effect] {
    guard case .character(let ch) = key else { return [] }
    let cases = accountCases(s)
    let selected = cases.indices.contains(c.cursor) ? cases[c.cursor] : nil
    let str = s.strings
    if ch == "o" { c.form = .make(.open); return [] }
    guard let (record, state) = selected else { return [] }
    let kind: CaseForm.Kind
    switch ch {
    case "n": kind = .note(record.id)
    case "e": kind = .extend(record.id)
    case "s": kind = .resolve(record.id)
    case "y", "d":
        guard state.status == .awaitingApproval else {
            s.status = .init(text: str.format(.caseNotAwaiting, record.id), isError: true)
            return []
        }
        kind = ch == "y" ? .approve(record.id) : .decline(record.id)
    default: return []
    }
    if state.status == .resolved, ch != "n" {
        s.status = .init(text: str.format(.caseIsResolved, record.id), isError: true)
        return []
    }
    c.form = .make(kind)
    return []
}

/// Keys while a case form is open: fields, choices, typing, save, Esc.
func caseFormKey(_ s: inout AppState, _ c: inout CaseScreen, _ key: Key) -> [Effect] {
    guard var f = c.form else { return [] }
    let n = f.fields.count
    let action = s.keymap.action(for: key, in: .form)
    switch action {
    case .back?:
        c.form = nil
        return []
    case .save?:
        switch f.request(accountNo: c.accountNo, currency: s.money.currency, strings: s.strings) {
        case .failure(let p):
            f.focus = p.field
            s.status = .init(text: p.text, isError: true)
        case .success(let request):
            c.form = f
            return [.caseAction(request, accountID: c.accountID)]
        }
    case .nextField?: f.focus = (f.focus + 1) % n; f.caret = nil
    case .previousField?: f.focus = (f.focus + n - 1) % n; f.caret = nil
    case .choiceNext?, .choicePrevious?:
        if let options = f.fields[f.focus].options {
            let i = options.firstIndex(of: f.fields[f.focus].value) ?? 0
            f.fields[f.focus].value = options[(i + (action == .choiceNext ? 1 : options.count - 1)) % options.count]
        } else {
            var input = TextInput(f.fields[f.focus].value, cursor: f.caret, limit: 200)
            _ = input.handle(action == .choiceNext ? .right : .left)
            f.caret = input.cursor
        }
    default:
        guard f.fields[f.focus].options == nil else { break }
        var input = TextInput(f.fields[f.focus].value, cursor: f.caret, limit: 200)
        if input.handle(key) { f.fields[f.focus].value = input.text; f.caret = input.cursor }
    }
    c.form = f
    return []
}

/// The ledger's answer as a sentence in the reader's language.
func caseDoneText(_ done: CaseDone, _ str: Strings) -> String {
    switch done {
    case .opened(let id, let due, let hold): str.format(hold ? .caseOpenedHold : .caseOpened, id, str.shortDate(due))
    case .noted(let id): str.format(.caseNoted, id)
    case .extended(let id, let due): str.format(.caseExtended, id, str.shortDate(due))
    case .resolved(let id, let status): str.format(status == .awaitingApproval ? .caseAwaiting : .caseResolved, id)
    case .decided(let id, let approved): str.format(approved ? .caseApproved : .caseDeclined, id)
    }
}
