import GRDB
import TagihCore

/// Why a store operation failed, as one sentence for standard error.
/// `exitCode` follows CONTRACT §2: 1 for refused or failed work, 2 for usage
/// and configuration errors.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public var exitCode: Int32
    /// A refusal of `Authority`, kept typed so the command line and the
    /// workstation say it in the reader's language (`description` is English).
    public var refusal: Refusal?
    public var actor: User?

    public init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }

    public init(_ refusal: Refusal, actor: User) {
        self.init(Strings(.en).refusal(refusal, actor: actor))
        self.refusal = refusal
        self.actor = actor
    }

    /// The sentence in `strings`' language.
    public func text(_ strings: Strings) -> String {
        if let refusal, let actor { return strings.refusal(refusal, actor: actor) }
        return description
    }

    /// Throws the refusal, if `Authority` refuses `p` to the session's user.
    public static func require(_ p: Permission, _ session: Session) throws {
        if let r = Authority.refusal(session.user, p) { throw StoreError(r, actor: session.user) }
    }

    static func overflow(_ what: String) -> StoreError {
        StoreError("amount overflow: \(what) exceeds what Tagih can hold exactly")
    }
}

extension MoneyError {
    func asStoreError(_ what: String) -> StoreError {
        switch self {
        case .overflow: return .overflow(what)
        case .malformed(let s): return StoreError("\(what): malformed amount \(s)")
        }
    }
}

/// Runs money arithmetic, turning an overflow into a sentence about `what`.
func checkedMoney<T>(_ what: String, _ body: () throws(MoneyError) -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw error.asStoreError(what) }
}

extension StoreError {
    /// One sentence for a SQLite failure that reached the command line (a
    /// file that is not a ledger, a full disk, a lock held too long).
    public static func sentence(for error: Error) -> String? {
        guard let e = error as? DatabaseError else { return nil }
        let message = (e.message ?? "SQLite error \(e.resultCode.rawValue)").split(separator: "\n").first.map(String.init) ?? ""
        switch e.resultCode {
        case .SQLITE_NOTADB: return "the database file is not a Tagih ledger (SQLite says: \(message))"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "the database is busy (another process holds its write lock); try again"
        case .SQLITE_FULL: return "the disk is full; nothing was written"
        default: return "database error: \(message)"
        }
    }
}

extension StoreError {
    /// The sentence for an error that means the ledger file itself is
    /// damaged (a corrupt page, not a database), else nil: the workstation
    /// stops on it rather than failing on every screen.
    public static func damage(_ error: Error, path: String) -> String? {
        guard let e = error as? DatabaseError, e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB else { return nil }
        let said = (e.message ?? "SQLite error \(e.resultCode.rawValue)").split(separator: "\n").first.map(String.init) ?? ""
        return "the ledger \(path) is damaged (SQLite says: \(said)); run `tagih check` and restore it from a backup"
    }
}
