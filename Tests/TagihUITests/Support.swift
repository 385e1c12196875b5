import Foundation
import Testing
import TagihCore
import TagihTerminal
import TagihUI

let today = Day(iso: "2026-11-23")!
/// 2026-11-23 07:30 UTC: 14:30 in Jakarta, 15:30 in Makassar, 16:30 in Jayapura.
let fixedNow = Int64(today.ordinal) * 86_400 + 7 * 3600 + 1800

/// A workstation over the fake ledger, started (queue loaded) at 80×24.
func makeWorkstation(_ login: String = "kol01", language: Language = .id, width: Int = 80, height: Int = 24,
                     ledger: FakeLedger = .standard(), keymap: Keymap = .standard, now: Int64 = fixedNow) -> (Workstation, FakeLedger) {
    let me = ledger.people.first { $0.login == login }!
    var state = AppState(me: me, today: today, database: "tagih.db", language: language, currency: .idr,
                         buckets: .standard, keymap: keymap, width: width, height: height)
    state.policy = ContactPolicy(rules: .ojk, holidays: [Day(iso: "2026-12-25")!: "Kelahiran Yesus Kristus"])
    state.operatorClock = .fixed("Asia/Jakarta", hours: 7, abbreviation: "WIB")
    let w = Workstation(state: state, data: ledger, clock: { now })
    w.start()
    return (w, ledger)
}

/// Compares a screen with `Golden/NAME.txt`; `TAGIH_UPDATE_GOLDEN=1` rewrites the file.
func expectGolden(_ name: String, _ screen: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = dir.appendingPathComponent("\(name).txt")
    let text = screen.text + "\n"
    if ProcessInfo.processInfo.environment["TAGIH_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    let golden = try String(contentsOf: file, encoding: .utf8)
    #expect(text == golden, "screen \(name) differs from Golden/\(name).txt:\n\(text)", sourceLocation: sourceLocation)
}
