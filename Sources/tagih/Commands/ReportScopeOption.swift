import ArgumentParser
import TagihCore
import TagihStore

/// `--scope team|book` for reports and lists (R4): a collector reads their
/// own accounts' figures, a lead the team's (with the unassigned accounts)
/// unless they ask for the whole book, an admin and the batch the book.
struct ScopeOption: ParsableArguments {
    enum Scope: String, ExpressibleByArgument { case team, book }
    @Option(help: "team (a lead's default: the team and the unassigned accounts) or book (the whole book, for leads and admins).")
    var scope: Scope?

    /// The collectors whose accounts the report covers (`""` stands for no
    /// collector); nil: the whole book.
    func collectors(_ db: AppDatabase, _ session: Session) throws -> Set<String>? {
        switch Authority.scope(session.user, book: scope == .book) {
        case .book: return nil
        case .own(let login): return [login]
        case .team(let team): return Set(try UserDirectory(db).list().filter { $0.team == team }.map(\.login)).union([""])
        }
    }

    /// The collectors of `collector` alone, when the person may read them.
    func collectors(_ db: AppDatabase, _ session: Session, only collector: String?) throws -> Set<String>? {
        let scope = try collectors(db, session)
        guard let collector else { return scope }
        if let scope, !scope.contains(collector) {
            throw StoreError(.outOfScope(collector), actor: session.user)
        }
        return [collector]
    }
}
