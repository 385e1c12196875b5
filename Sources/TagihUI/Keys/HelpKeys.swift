import TagihCore
import TagihTerminal

// The Help screen's keys: it scrolls.

func helpAction(_ s: inout AppState, _ h: inout HelpState, _ action: Action) {
    switch action {
    case .up: h.scroll = max(0, h.scroll - 1)
    case .down: h.scroll += 1
    case .pageUp: h.scroll = max(0, h.scroll - s.bodyHeight)
    case .pageDown: h.scroll += s.bodyHeight
    case .top: h.scroll = 0
    // The last page: clamped below to the last line at the bottom of the screen.
    case .bottom: h.scroll = Int.max
    default: break
    }
    h.scroll = min(h.scroll, max(0, HelpView.lines(h.context, state: s).count - HelpView.visibleRows(s.height)))
}
