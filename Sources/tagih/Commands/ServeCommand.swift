import ArgumentParser
import Foundation
import TagihCore
import TagihPostgres
import TagihServe
import TagihStore

/// `tagih serve [--listen HOST:PORT]` (CONTRACT §11, R3: admins and the
/// batch login): the signed HTTP/JSON endpoint for collecting agents.
struct ServeCommand: ParsableCommand {
    /// The server's page cache per connection: payments land on random
    /// accounts, charges and ref index pages all over a million-account
    /// ledger, and with the commands' 64 MB the writer read a page from the
    /// OS for much of each group (a long-running server can spare the memory;
    /// the readers fill theirs only as far as the inquiries go).
    static let cacheMebibytes = 256

    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve inquiries, payments and reversals to collecting agents over signed HTTP/JSON.",
        discussion: """
        Listens on --listen (default 127.0.0.1:8750; port 0 picks a free port) and prints `listening on HOST:PORT` on \
        standard error (in the reader's language; the port is the text after the last colon), then one line per \
        request. SIGTERM or SIGINT stops it gracefully: requests in flight are answered and committed, exit 0. A ledger \
        moved, replaced or made unreadable while it runs is answered 503 until it is back. Put it behind a TLS reverse \
        proxy (see the README).
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Where to listen.", valueName: "host:port")) var listen: String = "127.0.0.1:8750"

    /// HOST:PORT (an IPv6 host in brackets); the port 0 to 65535.
    static func address(_ text: String) throws(ServeProblem) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw .badListen(text)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .noHost(text) }
        return (host, port)
    }

    /// On PostgreSQL, the connections that read (inquiries, channel secrets) beside the writer's, each on a thread of its own.
    static let readerConnections = 3

    func run() throws {
        let ctx = try CommandContext(global)
        // Checked here, not in `validate`, so it is said in the reader's language.
        let (host, port): (String, Int)
        do { (host, port) = try Self.address(listen) } catch { throw CommandError.usage(ctx.strings.serveProblem(error)) }
        // A pool: inquiries read beside the one writer. The quick check runs here, once, before the first write (R20).
        // On a file, the WAL is copied into it on a thread of its own, never
        // by the group writer in a commit (WALCheckpointer, issue 19). Its
        // connection opens before the quick check, with the install's rights
        // where the ledger is the install's, and makes the WAL file long
        // while the check reads.
        var opened: AppDatabase?
        let (db, session): (AppDatabase, Session)
        do {
            (db, session) = try ctx.session(cacheMebibytes: Self.cacheMebibytes, pool: true, beforeQuickCheck: { db in
                opened = db
                // A copier that cannot start says why after the check (a damaged file is reported as damaged).
                if db.remote == nil { _ = try? Install.withRights(for: db.path) { try db.checkpointAside() } }
            })
        } catch {
            opened?.endCheckpointAside()
            throw error
        }
        defer { db.endCheckpointAside() }
        if db.remote == nil { _ = try Install.withRights(for: db.path) { try db.checkpointAside() } }
        try StoreError.require(.serve, session)
        let fixed = ctx.dayOfMoment == nil ? ctx.today : nil
        var readers: [AppDatabase] = []
        if case .postgres(let uri) = ctx.location {
            // Opened here, on the command's own thread (PGConnection blocks its caller).
            for _ in 0..<Self.readerConnections {
                let pg = try CommandContext.connect(uri, passfile: db.settings.personal.databasePassfile, environment: ctx.environment,
                                                    strings: ctx.strings)
                readers.append(AppDatabase(remote: PostgresLedger(pg), settings: db.settings))
            }
        }
        // The first payment finds the WAL file long (WALCheckpointer).
        db.waitForCheckpointAside()
        let options = ServeOptions(host: host, port: port, database: db, session: session, fixedToday: fixed, strings: ctx.strings,
                                   readers: readers)
        // The command line is synchronous: its thread waits while the server
        // runs on the concurrency pool and NIO's threads.
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task.detached {
            do { try await Server.run(options) } catch { outcome.failure = error }
            done.signal()
        }
        done.wait()
        if let e = outcome.failure as? StoreError { throw CommandError(message: e.text(ctx.strings), exitCode: e.exitCode) }
        if let failure = outcome.failure, "\(failure)".contains("Address already in use") {
            throw CommandError.failed(ctx.strings.serveProblem(.addressInUse(listen)))
        }
        if let failure = outcome.failure {
            throw CommandError.failed(ctx.strings.serveProblem(.failed(listen: listen, detail: "\(failure)")))
        }
    }
}

/// How the server ended, handed from its task to the waiting command.
private final class Outcome: @unchecked Sendable {
    var failure: Error?
}
