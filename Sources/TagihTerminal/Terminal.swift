#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import TagihCore

/// Why the workstation cannot start: exit 2 with one line (CONTRACT §7).
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case noTerminal
    case unknownTerm(String)

    public var description: String {
        switch self {
        case .noTerminal: return "the workstation needs a terminal (standard input and output are not one)"
        case .unknownTerm(let t) where t.isEmpty: return "TERM is not set; set it to your terminal type, e.g. TERM=xterm-256color"
        case .unknownTerm(let t): return "TERM=\(t) is not a terminal type this system knows; try TERM=xterm-256color"
        }
    }
}

/// The signal that asked the workstation to stop (SIGINT, SIGTERM, SIGHUP),
/// set by a handler that does nothing else; the key loop notices it within
/// one key timeout, restores the terminal and exits with 128 + signal.
nonisolated(unsafe) private var pendingSignal: sig_atomic_t = 0

/// The only code that touches curses. Opens the terminal with `newterm` (a
/// bad `TERM` is an error, not an exit), decodes keys, paints screen buffers
/// by difference, and always gives the terminal back as it found it.
public final class Terminal {
    private var screen: OpaquePointer?
    private var output: UnsafeMutablePointer<FILE>?
    private var input: UnsafeMutablePointer<FILE>?
    private var painted: ScreenBuffer?
    private var colorPairs = false
    public private(set) var isOpen = false

    public init() {}

    /// Starts curses on the controlling terminal.
    public func open(environment: [String: String]) throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw .noTerminal }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw .unknownTerm("") }
        // Wide characters need a UTF-8 locale; fall back when the user's is missing.
        if setlocale(LC_ALL, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
        // The modes a crash puts back (see tagih_fatal_arm in the shim): as they are before curses.
        _ = tagih_fatal_save_modes(1)
        output = fdopen(dup(1), "w")
        input = fdopen(dup(0), "r")
        guard let output, let input, let s = newterm(term, output, input) else { throw .unknownTerm(term) }
        screen = s
        _ = set_term(s)
        cbreak()
        noecho()
        nonl()
        _ = keypad(tagih_stdscr(), true)
        _ = set_escdelay(25)
        wtimeout(tagih_stdscr(), 100)
        _ = curs_set(0)
        if has_colors() && (environment["NO_COLOR"] ?? "").isEmpty {
            _ = start_color()
            _ = use_default_colors()
            for c in Style.Color.allCases { _ = init_pair(c.rawValue, Self.curses(c), -1) }
            colorPairs = true
        }
        Self.installSignalHandlers()
        tagih_fatal_arm()
        isOpen = true
    }

    /// Gives the terminal back (echo, canonical mode, cursor). Safe to call twice.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        tagih_fatal_disarm()
        _ = curs_set(1)
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
        if let output { fclose(output) }
        if let input { fclose(input) }
        output = nil
        input = nil
    }

    deinit { close() }

    /// Columns and rows of the terminal now.
    public var size: (width: Int, height: Int) { (Int(tagih_cols()), Int(tagih_lines())) }

    /// The signal that asked to stop, if any.
    public var stopSignal: Int32? { pendingSignal == 0 ? nil : Int32(pendingSignal) }

    /// The terminal went away without a signal (its pty closed under a
    /// wrapper that ignores SIGHUP): reading the keyboard fails at once,
    /// every time. The key loop then saves what it can and exits 129, as
    /// for a hang-up, instead of spinning on the failed read.
    public private(set) var inputLost = false
    /// Failed reads in a row that returned well before the key timeout.
    private var quickFailures = 0

    /// The next key, or nil when none came within the key timeout (100 ms)
    /// or the keyboard can no longer be read (`inputLost`).
    public func readKey() -> Key? {
        var ch: wint_t = 0
        let started = Self.monotonicMilliseconds()
        let rc = wget_wch(tagih_stdscr(), &ch)
        if rc == ERR {
            noteFailedRead(quick: Self.monotonicMilliseconds() - started < 50)
            return nil
        }
        quickFailures = 0
        return Key.decode(UInt32(ch), isKeyCode: rc == KEY_CODE_YES)
    }

    /// A timeout takes the full 100 ms; a hung-up terminal answers at once.
    /// The input saying so (POLLHUP/POLLERR/POLLNVAL) settles it; else many
    /// quick failures in a row (an EOF that poll reports as readable) do.
    /// A signal also cuts a read short, but the loop checks those first.
    private func noteFailedRead(quick: Bool) {
        guard quick, let input else { quickFailures = 0; return }
        quickFailures += 1
        var p = pollfd(fd: fileno(input), events: Int16(POLLIN), revents: 0)
        let hungUp = poll(&p, 1, 0) >= 0 && (Int32(p.revents) & (POLLHUP | POLLERR | POLLNVAL)) != 0
        if hungUp || quickFailures >= 50 { inputLost = true }
    }

    private static func monotonicMilliseconds() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
    }

    /// Paints the rows that differ from what was painted last.
    public func paint(_ buffer: ScreenBuffer) {
        if painted.map({ $0.width != buffer.width || $0.height != buffer.height }) ?? true {
            _ = clearok(tagih_stdscr(), true)
        }
        for y in buffer.changedRows(since: painted) {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if !cell.isContinuation {
                    var chars = Array(cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) })
                    chars.append(0)
                    _ = tagih_put_cell(Int32(y), Int32(x), chars, attributes(cell.style), pair(cell.style))
                }
                x += 1
            }
        }
        _ = wnoutrefresh(tagih_stdscr())
        _ = doupdate()
        painted = buffer
    }

    private func attributes(_ s: Style) -> attr_t {
        var a = tagih_a_normal()
        if s.bold { a |= tagih_a_bold() }
        if s.reverse { a |= tagih_a_reverse() }
        if s.underline { a |= tagih_a_underline() }
        if s.dim { a |= tagih_a_dim() }
        return a
    }

    private func pair(_ s: Style) -> Int16 { colorPairs ? (s.color?.rawValue ?? 0) : 0 }

    private static func curses(_ c: Style.Color) -> Int16 {
        switch c {
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        }
    }

    /// SIGINT, SIGTERM and SIGHUP only record themselves, without SA_RESTART,
    /// so the blocked key read returns and the loop can restore the terminal.
    /// Fatal signals (a crash, a Swift trap) cannot wait for the loop: the
    /// shim's handler gives the terminal back and re-raises (`tagih_fatal_arm`).
    /// A SIGHUP ignored on entry (`nohup`, `trap '' HUP`) stays ignored, as
    /// the convention is; the lost terminal is then noticed by its failed reads.
    private static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            if sig == SIGHUP, sigaction(sig, nil, &old) == 0, unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { pendingSignal = sig_atomic_t($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
