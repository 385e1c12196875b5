import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import TagihConfig
import TagihCore

/// One value to bind to a query or read from a row: the only types Tagih's
/// schema uses (money and days are integers, booleans stay integers as in the
/// SQLite schema so rows copy 1:1, hashes are bytes).
public enum PGValue: Sendable, Equatable, Hashable {
    case null
    case int(Int64)
    case text(String)
    case bytes([UInt8])
    case bool(Bool)

    public var int: Int64? { if case .int(let v) = self { v } else { nil } }
    public var text: String? { if case .text(let v) = self { v } else { nil } }
}

/// A failure talking to PostgreSQL, as one typed value that names the
/// server (its socket or host, and the database): never a stack trace.
public struct PostgresFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let server: String
    public let problem: PostgresServerProblem

    public var sqlState: String? { if case .server(let s, _) = problem { s } else { nil } }
    public func text(_ strings: Strings) -> String { strings.postgresProblem(server, problem) }
    public var description: String { text(Strings(.en)) }
}

/// A synchronous connection to a PostgreSQL server over PostgresNIO.
///
/// Why synchronous: the store, the commands and the workstation's save
/// worker are synchronous (GRDB's model: a call returns when the row is
/// written), and one seam must serve both backends. PostgresNIO is built on
/// event loops, so each call here starts the work on NIO's own event-loop
/// thread and waits for its future (`wait()`). NIO's threads are never
/// Swift's cooperative pool, so a caller blocked here cannot starve the
/// thread that completes its future — but PostgresNIO itself finishes some
/// of its work in Tasks, and the one async-only API (`copyFrom`) runs in a
/// Task (on a queue of its own: `CopyExecutor`) waited on with a semaphore:
/// call this client from a thread of one's own (the command line's main
/// thread, a worker thread), never from Swift's cooperative pool, whose few
/// threads it would block (tests: `TestServer.onThread`).
/// One connection is used by one thread at a time.
public final class PGConnection {
    public let uri: PostgresURI
    public let server: String
    /// The live connection: replaced by `reopen()` after the server ended the old one.
    private(set) var connection: PostgresConnection
    let logger: Logger
    /// What `reopen()` needs to connect again as the same person.
    private let configuration: PostgresConnection.Configuration
    /// Statements sent by `sendLater` whose answers nobody has waited for
    /// yet, in the order sent: the next wait waits for them first.
    private var later: [(pending: Pending, then: ((Answer) -> Void)?)] = []

    /// A logger that says nothing: our errors reach people as one sentence, not log lines.
    static let quiet = Logger(label: "tagih.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects as `user` (else the invoking login), with `password` from the
    /// password file when the server asks for one. `application`: the
    /// `application_name` the server shows for the session (`pg_stat_activity`,
    /// its log's `%a`) when the URI names none.
    public init(_ uri: PostgresURI, login: String, password: String? = nil, application: String? = nil) throws(PostgresFailure) {
        self.uri = uri
        self.server = uri.serverName
        self.logger = Self.quiet
        let user = uri.user ?? login
        var config: PostgresConnection.Configuration
        if let folder = uri.effectiveSocketFolder {
            // libpq uses no TLS on a socket either: the kernel carries the bytes.
            config = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(uri.port ?? PostgresURI.defaultPort)", username: user,
                           password: password, database: uri.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do { tls = try PostgresTLS.configuration(for: uri) } catch { throw PostgresFailure(server: uri.serverName, problem: .unreachable(detail: error.detail)) }
            config = .init(host: uri.host ?? "localhost", port: uri.port ?? PostgresURI.defaultPort, username: user,
                           password: password, database: uri.database, tls: tls)
        }
        config.options.connectTimeout = .seconds(Int64(uri.connectTimeoutSeconds ?? 10))
        if let app = uri.applicationName ?? application.map(Self.applicationName) {
            config.options.additionalStartupParameters = [("application_name", app)]
        }
        configuration = config
        connection = try Self.connect(config, server: server, logger: logger)
    }

    /// `text` as the server keeps an application name: printable ASCII
    /// (another byte a `?`, as the server writes it), at most 63 bytes.
    static func applicationName(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(63).map { (0x20...0x7E).contains($0.value) ? $0 : "?" }))
    }

    /// A second connection to the same database as the same person (a
    /// reader beside this one, `PostgresBeside`).
    public func sibling() throws(PostgresFailure) -> PGConnection {
        try PGConnection(uri: uri, server: server, configuration: configuration)
    }

    private init(uri: PostgresURI, server: String, configuration: PostgresConnection.Configuration) throws(PostgresFailure) {
        self.uri = uri
        self.server = server
        self.logger = Self.quiet
        self.configuration = configuration
        connection = try Self.connect(configuration, server: server, logger: logger)
    }

    private static func connect(_ config: PostgresConnection.Configuration, server: String,
                                logger: Logger) throws(PostgresFailure) -> PostgresConnection {
        let el = MultiThreadedEventLoopGroup.singleton.any()
        do {
            return try PostgresConnection.connect(on: el, configuration: config, id: 1, logger: logger).wait()
        } catch {
            throw Self.failure(error, server: server, connecting: true)
        }
    }

    /// Connects again after the server ended the connection (a restart, a
    /// failover, an administrator's `pg_terminate_backend`): a workstation or
    /// a server carries on once the database is back (CONTRACT §12). Nothing
    /// is replayed: whatever was in flight failed with `lost`, and its
    /// transaction was rolled back by the server.
    public func reopen() throws(PostgresFailure) {
        later = []
        if !connection.isClosed { try? connection.close().wait() }
        connection = try Self.connect(configuration, server: server, logger: logger)
        ended = false
    }

    deinit { close() }

    /// Whether the connection has ended (closed here, or by the server).
    public var isClosed: Bool { ended || connection.isClosed }

    /// Set once a statement failed `lost`: the server's goodbye may reach
    /// NIO a moment after the failure, and nothing more may be sent on a
    /// connection that has failed that way (`reopen()` clears it).
    private var ended = false

    /// A failure of a statement; a lost connection is ended for good here.
    private func failed(_ error: any Error) -> PostgresFailure {
        let f = Self.failure(error, server: server, connecting: false)
        if f.problem == .lost {
            ended = true
            connection.close().whenComplete { _ in }
        }
        return f
    }

    public func close() {
        guard !connection.isClosed else { return }
        try? connection.close().wait()
    }

    /// Runs one statement with `$1…` binds and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ binds: [PGValue] = []) throws(PostgresFailure) -> [[PGValue]] {
        try run(sql, binds).rows
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ binds: [PGValue] = []) throws(PostgresFailure) -> Int {
        try run(sql, binds).changed
    }

    /// Runs statements one after the other (DDL: each its own statement, as
    /// the extended protocol takes one at a time).
    public func executeAll(_ statements: [String]) throws(PostgresFailure) {
        for s in statements { try execute(s) }
    }

    /// Runs one statement and returns its column names (empty when it
    /// returned no rows) with its rows: for the store's rows read by name.
    public func queryNamed(_ sql: String, _ binds: [PGValue] = []) throws(PostgresFailure) -> (columns: [String], rows: [[PGValue]]) {
        let r = try run(sql, binds)
        return (r.columns, r.rows)
    }

    func run(_ sql: String, _ binds: [PGValue]) throws(PostgresFailure) -> Answer {
        try answer(send(sql, binds))
    }

    /// A statement's rows (decoded), how many rows it changed, its column names.
    typealias Answer = (rows: [[PGValue]], changed: Int, columns: [String])

    /// A statement sent and not yet answered (`send`, then `answer`).
    struct Pending {
        fileprivate let future: EventLoopFuture<Answer>?
        fileprivate let early: PostgresFailure?
    }

    /// Sends a statement without waiting for its answer. The rows are
    /// decoded on NIO's thread as they arrive, so a cursor that sends its
    /// next FETCH before it works through the batch in hand (`PostgresSQL`)
    /// has the server, the wire and the decoding run beside its own work.
    /// Statements on one connection are answered in the order they were sent.
    func send(_ sql: String, _ binds: [PGValue] = []) -> Pending {
        var b = PostgresBindings(capacity: binds.count)
        for v in binds {
            switch v {
            case .null: b.appendNull()
            case .int(let i): b.append(i)
            case .text(let s): b.append(s)
            case .bytes(let a): b.append(ByteBuffer(bytes: a))
            case .bool(let x): b.append(x)
            }
        }
        // A connection the server ended while it sat idle (a restart, an
        // administrator's pg_terminate_backend): PostgresNIO 1.33.2 leaves a
        // query sent on it waiting for ever (measured), so it is not sent.
        if isClosed { return Pending(future: nil, early: PostgresFailure(server: server, problem: .lost)) }
        let future = connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger).flatMapThrowing { result -> Answer in
            let rows = try result.rows.map { row in try row.map(Self.value) }
            return (rows, result.metadata.rows ?? 0, result.rows.first.map { $0.map(\.columnName) } ?? [])
        }
        return Pending(future: future, early: nil)
    }

    /// Sends a statement whose answer is not wanted (an import's chunk of
    /// inserts) and goes on: the server runs it while the caller works on
    /// the next chunk. The next statement waited for (any `answer`, so
    /// COMMIT too) first waits for it, and its failure is thrown there, not
    /// the next statement's: in a failed transaction every statement after
    /// fails as "current transaction is aborted", and COMMIT even answers
    /// ROLLBACK without an error, so a failure is never lost.
    /// `then` sees its answer, on the waiting thread, when it is waited for.
    func sendLater(_ sql: String, _ binds: [PGValue] = [], then: ((Answer) -> Void)? = nil) {
        later.append((send(sql, binds), then))
    }

    /// Waits for the statements `sendLater` sent, in order; the first
    /// failure is thrown and the rest are not waited for (they fail in the
    /// aborted transaction, or finish: either way the caller rolls back).
    func waitForLater() throws(PostgresFailure) {
        guard !later.isEmpty else { return }
        let sent = later
        later = []
        for (p, then) in sent {
            let answer = try answerNow(p)
            then?(answer)
        }
    }

    /// Waits for the answer of a statement `send` sent (after those `sendLater` sent).
    func answer(_ pending: Pending) throws(PostgresFailure) -> Answer {
        try waitForLater()
        return try answerNow(pending)
    }

    private func answerNow(_ pending: Pending) throws(PostgresFailure) -> Answer {
        if let early = pending.early { throw early }
        do {
            return try watched(pending.future!)
        } catch {
            throw failed(error)
        }
    }

    /// Waits for `future`, unless the connection ends first.
    ///
    /// PostgresNIO 1.33.2 can leave a query's future pending for ever when the
    /// server ends the connection at the moment the query is sent (a restart
    /// or `pg_terminate_backend` racing the send; measured). A long report
    /// may legitimately run for minutes, so no deadline is put on the query
    /// itself; instead the wait looks every half second at whether the
    /// connection is still open, and a closed one is `lost` — one sentence,
    /// never a hung command.
    func watched<T>(_ future: EventLoopFuture<T>) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { result in outcome.result = result; done.signal() }
        try waitWatching(done)
        return try outcome.result!.get()
    }

    /// Waits for `done`, or fails `lost` once the connection has ended and
    /// the work on it has not finished a second later.
    private func waitWatching(_ done: DispatchSemaphore) throws(PostgresFailure) {
        while done.wait(timeout: .now() + .milliseconds(500)) == .timedOut {
            guard connection.isClosed else { continue }
            // The work usually fails on its own a moment later, with the real reason.
            if done.wait(timeout: .now() + .seconds(1)) == .success { return }
            throw PostgresFailure(server: server, problem: .lost)
        }
    }

    /// Holds a future's result for the thread waiting on it (the semaphore orders the accesses).
    final class Outcome<T>: @unchecked Sendable { var result: Result<T, any Error>? }

    static func value(_ cell: PostgresCell) throws -> PGValue {
        guard var bytes = cell.bytes else { return .null }
        // The common cells read straight from their bytes (binary integers
        // are big-endian; text is UTF-8): every row of a queue or report
        // passes here, and the generic `decode` costs several times as much
        // per cell (measured: a fifth of a lead's first paint).
        if cell.format == .binary {
            switch (cell.dataType, bytes.readableBytes) {
            case (.int8, 8): if let v = bytes.readInteger(as: Int64.self) { return .int(v) }
            case (.int4, 4): if let v = bytes.readInteger(as: Int32.self) { return .int(Int64(v)) }
            case (.int2, 2): if let v = bytes.readInteger(as: Int16.self) { return .int(Int64(v)) }
            case (.text, _), (.varchar, _), (.name, _): return .text(bytes.readString(length: bytes.readableBytes) ?? "")
            // The packed integers of `PostgresSQL.bulk` (`PostgresBulkShape`).
            case (.bytea, _): return .bytes(Array(buffer: bytes))
            // The arrays of `PostgresSQL.bulk`, read by `PGArray`.
            case (.int8Array, _), (.int4Array, _), (.int2Array, _), (.textArray, _), (.varcharArray, _), (.boolArray, _):
                return .bytes(Array(buffer: bytes))
            default: break
            }
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .int(try cell.decode(Int64.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .bytea: return .bytes(Array(buffer: try cell.decode(ByteBuffer.self)))
        // sum() of bigint is numeric: an integer (as text; `SQLValue.int` reads it) unless it has a fraction.
        case .numeric: return .text("\(try cell.decode(Decimal.self))")
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `BEGIN ISOLATION LEVEL SERIALIZABLE` (or `isolation`) … `COMMIT`, the whole closure
    /// retried when the server refuses it as a serialization failure (40001)
    /// or a deadlock (40P01) — the closure must only talk to the database, so
    /// running it again is safe — at most `attempts` times, then a typed
    /// refusal. Any other failure rolls back and is thrown as it is.
    /// `writing`: the transaction is Tagih's and may write the sealed tables
    /// (`beginWriting`); on by default, as every connection of Tagih's to
    /// SQLite has the seal functions.
    /// Forty attempts: every audited change appends to the one hash chain,
    /// so writers that start together conflict at its tail and commit one
    /// at a time; twelve at once needed more than eight under load (measured).
    /// `first`: a statement run before anything reads, so before the
    /// transaction's snapshot is taken (a `LOCK TABLE`: the snapshot then
    /// shows what the lock's last holder committed).
    /// `isolation`: SERIALIZABLE unless the caller's `first` already makes
    /// the transaction's writers run one at a time (`PostgresLedger.writeInTurn`).
    public func transaction<T>(attempts: Int = 40, writing: Bool = true, first: String? = nil,
                               isolation: Isolation = .serializable,
                               _ body: (PGConnection) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
            do {
                if let first { try execute(first) }
                if writing { try beginWriting() }
                let result = try body(self)
                try execute("COMMIT")
                return result
            } catch let f as PostgresFailure where Self.retryable.contains(f.sqlState ?? "") {
                _ = try? execute("ROLLBACK")
                guard attempt < attempts else {
                    throw PostgresFailure(server: server, problem: .serializationRetriesExhausted(attempts: attempts))
                }
                // A short, growing, jittered pause lets the other writer finish.
                usleep(useconds_t(Int.random(in: 1...(1 << min(attempt, 7))) * 1000))
            } catch {
                if !connection.isClosed { _ = try? execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// A write transaction's isolation level.
    public enum Isolation: String, Sendable {
        /// Every read guarded by predicate locks (SSI): for writers that may
        /// run beside each other.
        case serializable = "SERIALIZABLE"
        /// One snapshot, and a row another transaction changed since is a
        /// serialization failure (40001): enough for writers that take turns,
        /// and no predicate locks (which a long load cannot afford: see
        /// `PostgresLedger.writeInTurn`).
        case repeatableRead = "REPEATABLE READ"
    }

    /// SQLSTATEs that mean "run the whole transaction again".
    static let retryable: Set<String> = ["40001", "40P01"]

    /// Bulk load with `COPY … FROM STDIN` (text format): `rows` is each
    /// row's values, written as COPY's text escapes. Must not be called from
    /// inside a Task (see the type's comment and `CopyExecutor`).
    ///
    /// The rows go first into a temporary staging table with the target's
    /// columns and types but none of its constraints, then into the table
    /// with one `INSERT … SELECT`: a row the table refuses (a duplicate key,
    /// a check) then fails an ordinary statement. Measured: PostgresNIO
    /// 1.33.2 never returns from `copyFrom` when the server refuses a row in
    /// the middle of a COPY (the backend sits in ClientRead for the CopyDone
    /// that is never sent), so the COPY itself must not be refusable.
    /// The staging columns are all `text` and cast to the table's types in
    /// the INSERT, so not even a malformed number can fail the COPY.
    public func copy(into table: String, columns: [String], rows: [[PGValue]]) throws(PostgresFailure) {
        // PostgreSQL text cannot hold NUL: refused before the COPY, which would fail on it.
        for row in rows { for case .text(let t) in row where t.utf8.contains(0) {
            throw PostgresFailure(server: server, problem: .server(sqlState: "22021", message: "a text value holds a NUL character"))
        } }
        var types: [String: String] = [:]
        for r in try query("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            """, [.text("\"\(table)\"")]) {
            if let name = r[0].text, let type = r[1].text { types[name] = type }
        }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let casts = columns.map { "\"\($0)\"::\(types[$0] ?? "text")" }.joined(separator: ", ")
        try execute("DROP TABLE IF EXISTS pg_temp.tagih_stage")
        try execute("CREATE TEMP TABLE tagih_stage (\(columns.map { "\"\($0)\" text" }.joined(separator: ", ")))")
        try copyRaw(into: "tagih_stage", columns: columns, rows: rows)
        try execute("INSERT INTO \"\(table)\" (\(list)) SELECT \(casts) FROM pg_temp.tagih_stage")
        try execute("DROP TABLE pg_temp.tagih_stage")
    }

    func copyRaw(into table: String, columns: [String], rows: [[PGValue]]) throws(PostgresFailure) {
        let connection = self.connection
        let logger = self.logger
        let payload = Self.copyText(rows)
        let outcome = CopyOutcome()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    // Chunks of about 1 MiB keep memory flat for a big ledger.
                    var chunk = ByteBuffer()
                    for line in payload {
                        chunk.writeString(line)
                        if chunk.readableBytes >= 1 << 20 { try await writer.write(chunk); chunk.clear() }
                    }
                    if chunk.readableBytes > 0 { try await writer.write(chunk) }
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        try waitWatching(done)
        if let error = outcome.error { throw failed(error) }
    }

    /// Holds a Task's error for the thread waiting on it (the semaphore orders the accesses).
    final class CopyOutcome: @unchecked Sendable { var error: (any Error)? }

    /// Where a COPY's Task runs: a queue of its own, not Swift's cooperative
    /// pool. The caller's thread waits for the Task; had the Task to wait in
    /// turn for a pool thread, a pool whose threads were all blocked (two on
    /// this machine: tests that run commands, each waiting on the server)
    /// would never run it, and the COPY would sit in the server's ClientRead
    /// for good — seen: two COPYs so, and the `DROP DATABASE … FORCE` of
    /// the blocked tests waiting on them.
    final class CopyExecutor: TaskExecutor, @unchecked Sendable {
        static let shared = CopyExecutor()
        private let queue = DispatchQueue(label: "tagih.postgres.copy")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    /// One line per row in COPY's text format: tab-separated, `\N` for NULL,
    /// backslash, tab, newline and carriage return escaped, bytea as `\\x…`.
    static func copyText(_ rows: [[PGValue]]) -> [String] {
        rows.map { row in
            row.map { v -> String in
                switch v {
                case .null: return "\\N"
                case .int(let i): return String(i)
                case .bool(let b): return b ? "t" : "f"
                case .bytes(let a): return "\\\\x" + a.map { String(format: "%02x", $0) }.joined()
                case .text(let s):
                    var out = ""
                    out.reserveCapacity(s.utf8.count)
                    for ch in s.unicodeScalars {
                        switch ch {
                        case "\\": out += "\\\\"
                        case "\t": out += "\\t"
                        case "\n": out += "\\n"
                        case "\r": out += "\\r"
                        default: out.unicodeScalars.append(ch)
                        }
                    }
                    return out
                }
            }.joined(separator: "\t") + "\n"
        }
    }

    /// Every error from PostgresNIO or NIO as one typed failure naming the server.
    static func failure(_ error: any Error, server: String, connecting: Bool) -> PostgresFailure {
        if let f = error as? PostgresFailure { return f }
        if let e = error as? PSQLError {
            switch e.code {
            case .server:
                let state = e.serverInfo?[.sqlState] ?? "XX000"
                let message = e.serverInfo?[.message] ?? "an error"
                if state.hasPrefix("28") { return PostgresFailure(server: server, problem: .authentication(detail: message)) }
                // admin_shutdown, crash_shutdown, cannot_connect_now, connection exceptions: the server went away.
                if ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08") {
                    return PostgresFailure(server: server, problem: connecting ? .unreachable(detail: message) : .lost)
                }
                if state == "3D000" { return PostgresFailure(server: server, problem: .unreachable(detail: message)) }
                return PostgresFailure(server: server, problem: .server(sqlState: state, message: message))
            case .authMechanismRequiresPassword:
                return PostgresFailure(server: server, problem: .authentication(
                    detail: "it asks for a password; put it in the password file named by database.passfile or PGPASSFILE"))
            case .unsupportedAuthMechanism, .saslError:
                return PostgresFailure(server: server, problem: .authentication(detail: "\(e.code)"))
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return PostgresFailure(server: server, problem: connecting ? .unreachable(detail: "the server closed the connection") : .lost)
            case .connectionError:
                return PostgresFailure(server: server, problem: connecting ? .unreachable(detail: Self.describe(e.underlying)) : .lost)
            default:
                return PostgresFailure(server: server, problem: connecting ? .unreachable(detail: "\(e.code)") : .lost)
            }
        }
        if connecting { return PostgresFailure(server: server, problem: .unreachable(detail: describe(error))) }
        return PostgresFailure(server: server, problem: .lost)
    }

    /// A short reason from a NIO error ("connection refused", "no such file or directory").
    static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "no reason given" }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let c = error as? NIOConnectionError, let first = c.connectionErrors.first { return describe(first.error) }
        if error is ChannelError { return "\(error)" }
        return String(describing: error)
    }
}
