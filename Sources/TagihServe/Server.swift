import Foundation
import Hummingbird
import Logging
import TagihCore
import TagihStore

/// The business day of a request: fixed by `--today`/`TAGIH_TODAY` when the
/// server was started with one, else today's date in the ledger's default
/// time zone on the real clock (a reversal is dated the day it arrives).
struct ServeClock: Sendable {
    let fixed: Day?
    let zone: TimeZone

    func today() -> Day {
        if let fixed { return fixed }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }
}

/// How `tagih serve` runs.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    public var database: AppDatabase
    /// The admin or batch login the server posts as.
    public var session: Session
    /// A day fixed by `--today`/`TAGIH_TODAY`, else nil (the real clock's).
    public var fixedToday: Day?
    /// The language of the lines for the person who runs the server (never of the HTTP answers or the per-request log).
    public var strings: Strings
    /// A ledger on a server: more connections to it, each read on a thread of its own (`LedgerThreads`);
    /// `database`'s own connection is the writer's. Empty for a file.
    public var readers: [AppDatabase]
    public init(host: String, port: Int, database: AppDatabase, session: Session, fixedToday: Day?, strings: Strings = Strings(.en),
                readers: [AppDatabase] = []) {
        self.host = host; self.port = port; self.database = database; self.session = session; self.fixedToday = fixedToday
        self.strings = strings
        self.readers = readers
    }
}

/// `tagih serve`'s lifecycle (CONTRACT §11, R19, R20): the quick check at
/// start (the caller's) and hourly, the writer, the HTTP server inside a
/// service group that SIGTERM and SIGINT shut down gracefully — no new
/// connections, the requests in flight answered — then the writer posts what
/// it was given and stops.
public enum Server {
    public static func run(_ options: ServeOptions) async throws {
        try StoreError.require(.serve, options.session)
        let db = options.database
        let zone = TimeZone(identifier: db.settings.defaultTimeZone) ?? TimeZone(identifier: "UTC")!
        let clock = ServeClock(fixed: options.fixedToday, zone: zone)
        let base = options.session
        let log = RequestLog()
        let strings = options.strings
        let onServer = db.remote != nil
        // A server keeps its own files: there is no path to watch (the check is off with none).
        let place = LedgerPlace(onServer ? "" : db.path) { there in
            log.say(strings.serveNotice(there ? .ledgerBack(db.path) : .ledgerGone(db.path)))
        }
        let writer = GroupWriter(desk: PaymentDesk(db), place: place) {
            // Each group is recorded at the real time it commits, on the day it commits.
            Session(user: base.user, realLogin: base.realLogin, today: clock.today(), now: Date(), recordedAt: Date(),
                    clockOverridden: base.clockOverridden, realRole: base.realRole)
        }
        writer.start()
        // On a server, PostgreSQL's synchronous client never runs on the handlers' threads (LedgerThreads).
        let readers = onServer ? LedgerThreads(connections: options.readers.isEmpty ? [db] : options.readers) : LedgerThreads(inline: db)
        defer { readers.stop() }
        let endpoint = Endpoint(keys: ChannelKeys(), place: place, writer: writer, readers: readers,
                                unavailable: onServer ? Endpoint.serverUnavailable : Endpoint.fileUnavailable, log: log, clock: clock,
                                currency: db.settings.currency)
        var logger = Logger(label: "tagih-serve")
        logger.logLevel = .critical
        let host = options.host
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await endpoint.respond(request) },
            configuration: .init(address: .hostname(host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                // An IPv6 host in brackets, so the port stays the text after the last colon.
                log.say(strings.serveNotice(.listening("\(host.contains(":") ? "[\(host)]" : host):\(channel.localAddress?.port ?? options.port)")))
            },
            logger: logger)
        // R20: SQLite's quick check hourly while serving (the first ran before start).
        let checker = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                if Task.isCancelled { break }
                do { try db.requireIntact() } catch {
                    log.say(strings.serveNotice(.quickCheckFailed((error as? StoreError)?.text(strings) ?? "\(error)")))
                }
            }
        }
        defer { checker.cancel() }
        do { try await app.runService() } catch {
            writer.stop()
            throw error
        }
        writer.stop()
        log.say(strings.serveNotice(.stopped))
    }
}
