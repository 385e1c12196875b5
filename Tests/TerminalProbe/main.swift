// A minimal program on the terminal layer, for scripts/e2e: it paints its
// size, the last key's name and a line of wide characters, shows the
// small-window message below 80×24, quits on `q` (exit 0) and on a signal
// (exit 128 + signal), restoring the terminal every time. The workstation is
// tested the same way once it exists.
import Foundation
import TagihTerminal

let terminal = Terminal()
do {
    try terminal.open(environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("terminal-probe: \(error)\n".utf8))
    exit(2)
}
var last = "none"
var status: Int32 = 0
while true {
    if let signal = terminal.stopSignal { status = 128 + signal; break }
    let (width, height) = terminal.size
    var screen = ScreenBuffer(width: width, height: height)
    if width < 80 || height < 24 {
        screen.put("Enlarge the window to at least 80x24 (now \(width)x\(height))", x: 0, y: 0)
    } else {
        screen.put("terminal-probe \(width)x\(height)", x: 0, y: 0, style: Style(bold: true))
        screen.put("last key: \(last)", x: 0, y: 1)
        screen.put("wide: 日本語 | combining: Jose\u{0301}", x: 0, y: 2, style: Style(color: .cyan))
        screen.put("status line", x: 0, y: height - 1, style: Style(reverse: true))
    }
    terminal.paint(screen)
    guard let key = terminal.readKey() else { continue }
    if key == .character("q") { break }
    if key != .resize { last = key.name }
}
terminal.close()
exit(status)
