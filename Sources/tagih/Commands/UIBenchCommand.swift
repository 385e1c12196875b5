import ArgumentParser
import Foundation
import TagihCore
import TagihStore
import TagihTerminal
import TagihUI

/// `tagih ui-bench` (hidden; run by scripts/bench): the workstation's speed
/// headless, through the real store and the real update → render → diff
/// path, minus only the curses calls that put the changed rows on screen.
struct UIBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-bench", abstract: "Measure the workstation headless (for scripts/bench).", shouldDisplay: false)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Navigation keys to replay.") var keys = 1_000
    @Option(help: ArgumentHelp("Wait this long between keys, as a person types (untimed); 0: back to back.", valueName: "MS"))
    var pace = 0
    @Flag(help: "Stop after the first painted queue (to time launch to first paint).") var firstPaint = false
    @Option(name: .customLong("log-contacts"), help: "Log this many contacts through the form and time each save to the painted queue.")
    var logContacts = 0
    @Option(name: .customLong("plan-keys"), help: "Type this many keys into a 60-instalment plan negotiation and time each repaint.")
    var planKeys = 0
    @Flag(help: "Time the Reports screen's first paint (aging by collector as of today).") var reports = false
    @Option(help: ArgumentHelp("Replay the keys of a script and print the screens it asks for (tests; see `ScriptedKeys`).", valueName: "FILE"))
    var script: String?

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session(cacheMebibytes: WorkstationLauncher.cacheMebibytes, pool: true)
        let store = WorkstationStore(db)
        let state = WorkstationLauncher.state(ctx, database: db, session: session, keymap: .standard)
        let w = Workstation(state: state, data: WorkstationLauncher.data(ctx, database: db, session: session),
                            clock: WorkstationLauncher.clock(ctx))
        if let script {
            w.saveInBackground()
            w.start()
            try ScriptedKeys.run(script, w)
            w.finish()
            return
        }
        let start = DispatchTime.now().uptimeNanoseconds
        w.start()
        var painted = w.screen
        _ = painted.changedRows(since: nil)
        let firstMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if firstPaint {
            print(String(format: "first paint (after open): %.1f ms, %d accounts in the queue", firstMs, w.state.queue.ordered.count))
            return
        }

        if logContacts > 0 {
            try benchContacts(w)
            return
        }
        if planKeys > 0 {
            benchPlan(w)
            return
        }
        if reports {
            let t0 = DispatchTime.now().uptimeNanoseconds
            w.press(.character("R"))
            _ = w.screen.changedRows(since: painted)
            print(String(format: "reports screen first paint: %.1f ms", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6))
            return
        }

        // Navigation as a collector works: mostly down, some paging, jumps, filters.
        let pattern: [Key] = [.down, .down, .down, .pageDown, .down, .up, .pageDown, .pageUp, .end, .home,
                              .character("b"), .down, .character("b"), .character("x"), .down, .pageDown, .character("o"), .character("o"),
                              .character("o"), .character("o")]
        var times = Latencies()
        for i in 0..<keys {
            if pace > 0 { usleep(useconds_t(pace * 1000)) }
            times.time {
                w.send(.key(pattern[i % pattern.count]))
                repaint(w, &painted)
            }
        }
        print(String(format: "keypress to painted buffer: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d keys",
                     times.percentile(0.5), times.percentile(0.99), times.max, times.count))

        // Every prefix of a few names, numbers and phones, as typed.
        let sample = try store.search("a", limit: 1).first
        // The end of a number too (`1234` finds ACC0001234): a bounded scan of the number index.
        let number = sample?.accountNo ?? "ACC0001234"
        let queries = ["Siti Rahayu", "ahmad sap", "PT Bumi", number, String(number.suffix(4)), "0812 3456 78", "+62813", "62857"]
        var searchTimes: [(Double, String)] = []
        for q in queries {
            for n in 1...q.count {
                let prefix = String(q.prefix(n))
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = try store.search(prefix, limit: 200)
                searchTimes.append((Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, prefix))
            }
        }
        searchTimes.sort { $0.0 < $1.0 }
        let worst = searchTimes.last!
        print(String(format: "search: p50 %.1f ms, max %.1f ms (\"%@\") over %d prefixes", searchTimes[searchTimes.count / 2].0, worst.0, worst.1, searchTimes.count))
        // The count behind a capped list ("200 of 2,448 shown"), for the commonest one-letter name prefix.
        let c0 = DispatchTime.now().uptimeNanoseconds
        let count = try store.searchCount("a", upTo: 10_000)
        print(String(format: "search count: %.1f ms (\"a\": %d, bounded at 10,000)", Double(DispatchTime.now().uptimeNanoseconds - c0) / 1e6, count))
    }

    /// Logs contacts on successive queue lines through the real form: the
    /// time from the save key to the repainted screen (the contact's
    /// transaction, the account re-read, its queue key moved, the render).
    func benchContacts(_ w: Workstation) throws {
        var times = Latencies()
        var painted = w.screen
        for i in 0..<logContacts {
            w.press(.home)
            for _ in 0..<i { w.press(.down) }
            w.press(.enter, .character("c"), .tab)
            w.type(i % 2 == 0 ? "n" : "r")          // NA or RPC
            times.time {
                w.press(.function(2))
                repaint(w, &painted)
            }
            guard w.state.context == .account else {
                throw CommandError.failed("contact \(i + 1) was not saved (\(w.state.context)): \(w.state.status?.text ?? w.screen.text)")
            }
            w.press(.escape)
        }
        print(String(format: "contact save to painted screen: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d contacts",
                     times.percentile(0.5), times.percentile(0.99), times.max, times.count))
    }

    /// Negotiating on the phone: a 60-instalment plan, keys typed into the
    /// discount, down payment and instalment fields; each key's schedule
    /// recompute, render and row diff timed.
    func benchPlan(_ w: Workstation) {
        w.press(.home, .enter, .character("n"), .tab, .tab, .tab, .control("u"))
        w.type("60")
        w.press(.tab, .right)
        w.press(.backTab, .backTab, .backTab, .backTab)  // back to the discount
        var painted = w.screen
        var times = Latencies()
        let keys: [Key] = [.character("1"), .character("2"), .character(","), .character("5"), .backspace, .backspace, .backspace, .backspace]
        for i in 0..<planKeys {
            times.time {
                w.send(.key(keys[i % keys.count]))
                repaint(w, &painted)
            }
        }
        // The measurement is only worth something if it measured the form.
        guard case .planForm(let f) = w.state.stack.last, f.instalments == "60", painted.text.contains("60") else {
            print("plan bench: the negotiation form did not open as expected:\n\(painted.text)")
            return
        }
        print(String(format: "plan keystroke to painted schedule (60 instalments): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d keys",
                     times.percentile(0.5), times.percentile(0.99), times.max, times.count))
    }

    /// Renders the screen and diffs it against what was painted, as the terminal would.
    func repaint(_ w: Workstation, _ painted: inout ScreenBuffer) {
        let next = w.screen
        _ = next.changedRows(since: painted)
        painted = next
    }
}

/// How long each of a series of steps took, in milliseconds.
struct Latencies {
    private var samples: [Double] = []

    mutating func time(_ step: () -> Void) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        step()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }

    var count: Int { samples.count }
    var max: Double { samples.max() ?? 0 }

    /// The time below which a share `p` of the steps fell (the nearest rank).
    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// `tagih ui-bench --script FILE`: the workstation driven headless through
/// the real store, one line of the script at a time — the same keys on a
/// file and on a server ledger give the same screens (tests). Lines:
/// `key NAME…` (enter esc tab btab bksp up down left right home end pgup
/// pgdn f1…f12 space, or one character), `type TEXT`, `screen` (prints the
/// 80×24 screen between `--- screen N` lines), `saves` (waits for the save
/// under way), `follow` (the idle look at the ledger, as every two seconds),
/// `run COMMAND` (through sh, its output to standard error: a test stops
/// the server under the open workstation). Blank lines and `#` lines are skipped.
enum ScriptedKeys {
    static func run(_ path: String, _ w: Workstation) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var screens = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (verb, rest) = line.firstIndex(of: " ").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) } ?? (line, "")
            switch verb {
            case "key":
                for name in rest.split(separator: " ") {
                    guard let k = key(String(name)) else { throw CommandError.usage("\(path): unknown key \(name)") }
                    w.send(.key(k))
                    w.receiveSaves(waiting: 0.25)
                }
            case "type": w.type(rest)
            case "saves": w.waitForSaves(); w.waitForReports()
            case "follow": w.followLedger()
            case "screen":
                w.receiveSaves()
                w.receiveReports()
                screens += 1
                let screen = w.screen
                print("--- screen \(screens)")
                for y in 0..<24 { print(screen.line(y)) }
            case "run":
                fflush(nil)  // (every stream: the screens printed so far go before the command's output)
                let status = system("\(rest) 1>&2")
                guard status == 0 else { throw CommandError.failed("\(path): `\(rest)` failed (\(status))") }
            default: throw CommandError.usage("\(path): unknown line \(line)")
            }
        }
    }

    static func key(_ name: String) -> Key? {
        switch name {
        case "enter": .enter
        case "esc": .escape
        case "tab": .tab
        case "btab": .backTab
        case "bksp": .backspace
        case "up": .up
        case "down": .down
        case "left": .left
        case "right": .right
        case "home": .home
        case "end": .end
        case "pgup": .pageUp
        case "pgdn": .pageDown
        case "space": .character(" ")
        default:
            if name.count == 1 { .character(name.first!) }
            else if name.hasPrefix("f"), let n = Int(name.dropFirst()) { .function(n) }
            else { nil }
        }
    }
}
