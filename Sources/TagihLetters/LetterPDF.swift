import CCairo
import TagihCore

/// Lays a `LetterDocument` out on A4 pages as a PDF, with cairo's PDF
/// surface (Debian's libcairo2). Text is set in DejaVu Sans, which covers
/// Indonesian and every Latin text a debtor's name holds, and is embedded
/// (subset) so the letter prints the same anywhere.
///
/// The bytes depend only on the document: the creation date is the
/// letter's business day (R16) and cairo writes no other clock.
public enum LetterPDF {
    /// A4 in PostScript points, and the margins.
    static let pageWidth = 595.276, pageHeight = 841.89
    static let margin = 56.0
    static let bodySize = 10.5, titleSize = 14.0, noteSize = 8.5
    static let leading = 1.35

    public enum Failure: Error, Equatable {
        /// cairo refused (out of memory, a broken font setup): its own words.
        case cairo(String)
    }

    /// The PDF's bytes.
    public static func render(_ doc: LetterDocument) throws(Failure) -> [UInt8] {
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque(), pageWidth, pageHeight) else { throw .cairo("no surface") }
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Tagih")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "\(doc.date.iso)T00:00:00")
        let cr = cairo_create(surface)!
        var page = Page(cr: cr)
        page.begin()
        for block in doc.blocks { page.lay(block) }
        cairo_show_page(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let finished = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        for s in [status, finished] where s != CAIRO_STATUS_SUCCESS {
            throw .cairo(String(cString: cairo_status_to_string(s)))
        }
        return sink.bytes
    }

    private final class Sink { var bytes: [UInt8] = [] }

    /// The cursor on the current page; a block that does not fit starts a new one.
    private struct Page {
        let cr: OpaquePointer
        var y = 0.0
        var width: Double { pageWidth - 2 * margin }

        mutating func begin() { y = margin }

        func font(_ size: Double, bold: Bool = false) {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, size)
        }

        func advance(_ s: String) -> Double {
            var e = cairo_text_extents_t()
            cairo_text_extents(cr, s, &e)
            return e.x_advance
        }

        /// Room for `height` more points, else a new page.
        mutating func need(_ height: Double) {
            if y + height > pageHeight - margin {
                cairo_show_page(cr)
                begin()
            }
        }

        mutating func line(_ s: String, size: Double, bold: Bool = false, x: Double = margin, centred: Bool = false) {
            font(size, bold: bold)
            need(size * leading)
            y += size * leading
            let start = centred ? (pageWidth - advance(s)) / 2 : x
            cairo_move_to(cr, start, y)
            cairo_show_text(cr, s)
        }

        /// Words filled into lines no wider than the page (a word longer
        /// than a line is broken by characters).
        func wrapped(_ text: String, size: Double, bold: Bool = false) -> [String] {
            font(size, bold: bold)
            var out: [String] = []
            var current = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if advance(candidate) <= width { current = candidate; continue }
                if !current.isEmpty { out.append(current) }
                current = ""
                for ch in word {
                    if advance(current + String(ch)) > width, !current.isEmpty { out.append(current); current = "" }
                    current.append(ch)
                }
            }
            if !current.isEmpty || out.isEmpty { out.append(current) }
            return out
        }

        mutating func lay(_ block: LetterDocument.Block) {
            switch block {
            case .title(let s):
                for l in wrapped(s, size: titleSize, bold: true) { line(l, size: titleSize, bold: true, centred: true) }
                y += bodySize
            case .paragraph(let s):
                for l in wrapped(s, size: bodySize) { line(l, size: bodySize) }
                y += bodySize * 0.6
            case .emphasis(let s):
                for l in wrapped(s, size: bodySize, bold: true) { line(l, size: bodySize, bold: true) }
                y += bodySize * 0.6
            case .note(let s):
                for l in wrapped(s, size: noteSize) { line(l, size: noteSize) }
            case .lines(let ls):
                for l in ls { for w in wrapped(l, size: bodySize) { line(w, size: bodySize) } }
                y += bodySize * 0.6
            case .space:
                y += bodySize
            case .table(let header, let rows, let right):
                table(header, rows, right)
                y += bodySize * 0.6
            }
        }

        /// Columns as wide as their widest cell, spread over the page; the
        /// header repeats on a new page.
        mutating func table(_ header: [String], _ rows: [[String]], _ right: Set<Int>) {
            let size = bodySize
            var widths = header.map { _ in 0.0 }
            font(size, bold: true)
            for (i, h) in header.enumerated() { widths[i] = advance(h) }
            font(size)
            for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], advance(c)) } }
            let gap = max(8, (width - widths.reduce(0, +)) / Double(max(1, widths.count - 1)))
            var xs: [Double] = []
            var x = margin
            for w in widths { xs.append(x); x += w + min(gap, 28) }
            func row(_ cells: [String], bold: Bool) {
                font(size, bold: bold)
                need(size * leading)
                y += size * leading
                for (i, c) in cells.enumerated() where i < xs.count {
                    let at = right.contains(i) ? xs[i] + widths[i] - advance(c) : xs[i]
                    cairo_move_to(cr, at, y)
                    cairo_show_text(cr, c)
                }
            }
            row(header, bold: true)
            for r in rows {
                if y + size * leading > pageHeight - margin { cairo_show_page(cr); begin(); row(header, bold: true) }
                row(r, bold: false)
            }
        }
    }
}
