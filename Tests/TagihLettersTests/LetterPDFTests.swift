import Foundation
import Testing
import TagihCore
@testable import TagihLetters

/// The warning letters as PDF: each page rendered by `pdftoppm` and its text
/// read back by `pdftotext` (poppler, installed by scripts/setup), so what is
/// checked is what a printer and a debtor would see.
@Suite struct LetterPDFTests {
    static let day = Day(iso: "2026-11-23")!

    static func letter(_ level: WarningLetter?, language: Language, charges: [LetterCharge], va: String? = "8808123456789") -> WarningLetterText {
        WarningLetterText(letter: level?.rawValue ?? "late-7", level: level, body: level == nil ? "Yth. Budi, mohon segera dibayar." : nil,
                          accountNo: "A-1001", name: "Budi Santoso", address: "Jl. Merdeka 5, Bandung", vaNumber: va,
                          charges: charges, day: day,
                          rules: LetterRules(senderName: "PT Contoh Finance", senderAddress: "Jl. Sudirman 1, Jakarta"),
                          city: "Jakarta", currency: .idr, language: language)
    }

    static let small = [LetterCharge(ref: "INV-1", due: Day(iso: "2026-11-01")!, open: Money(minor: 1_250_000_00)),
                        LetterCharge(ref: "INV-2", due: Day(iso: "2026-11-15")!, open: Money(minor: 300_000_50))]

    /// Runs a poppler tool on the PDF's bytes; its standard output.
    static func poppler(_ tool: String, _ pdf: [UInt8], _ args: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-letter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("letter.pdf")
        try Data(pdf).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args.map { $0 == "PDF" ? file.path : $0.replacingOccurrences(of: "DIR/", with: dir.path + "/") }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(tool) failed")
        if tool == "pdftoppm" {
            return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".pgm") }.sorted().joined(separator: "\n")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test func anIndonesianSP1SaysWhatTheContractAsks() throws {
        let text = Self.letter(.sp1, language: .id, charges: Self.small)
        let pdf = try LetterPDF.render(text.document)
        let read = Self.words(try Self.poppler("pdftotext", pdf, ["-layout", "PDF", "-"]))
        for expected in ["PT Contoh Finance", "Jl. Sudirman 1, Jakarta", "SURAT PERINGATAN PERTAMA (SP1)", "Nomor: SP1/A-1001/2026-11-23",
                         "Jakarta, 23 November 2026", "Kepada Yth.", "Budi Santoso", "Jl. Merdeka 5, Bandung",
                         "INV-1 1 November 2026 22 Rp1.250.000", "INV-2 15 November 2026 8 Rp300.000,50",
                         "Jumlah yang harus dibayar: Rp1.550.000,50", "Mohon lunasi paling lambat 30 November 2026.",
                         "Virtual Account 8808123456789", "Hormat kami,"] {
            #expect(read.contains(expected), "missing \(expected) in: \(read)")
        }
        #expect(!read.contains("e-Meterai"), "Rp1.550.000,50 is below the stamp-duty threshold")
    }

    @Test func anEnglishSP3AboveFiveMillionCarriesTheMeteraiNote() throws {
        let big = [LetterCharge(ref: "INV-9", due: Day(iso: "2026-09-01")!, open: Money(minor: 5_000_000_01))]
        let pdf = try LetterPDF.render(Self.letter(.sp3, language: .en, charges: big).document)
        let read = Self.words(try Self.poppler("pdftotext", pdf, ["PDF", "-"]))
        for expected in ["THIRD WARNING LETTER (SP3)", "Amount to pay: IDR 5,000,000.01", "final warning",
                         "This letter bears e-Meterai stamp duty of IDR 10,000, as the Stamp Duty Law (No. 10 of 2020) requires."] {
            #expect(read.contains(expected), "missing \(expected) in: \(read)")
        }
        // The note speaks of the letter: a warning letter is no agreement (the plan agreement's sentence said so).
        #expect(!read.contains("agreement is worth"))
        let id = Self.words(try Self.poppler("pdftotext", try LetterPDF.render(Self.letter(.sp3, language: .id, charges: big).document), ["PDF", "-"]))
        #expect(id.contains("Surat ini dibubuhi e-Meterai Rp10.000 sesuai UU No. 10 Tahun 2020 tentang Bea Meterai."), "\(id)")
        #expect(!id.contains("Perjanjian ini"))
        // Exactly Rp5.000.000 is not above the threshold.
        let edge = [LetterCharge(ref: "INV-9", due: Day(iso: "2026-09-01")!, open: Money(minor: 5_000_000_00))]
        let atEdge = Self.words(try Self.poppler("pdftotext", try LetterPDF.render(Self.letter(.sp3, language: .en, charges: edge).document), ["PDF", "-"]))
        #expect(!atEdge.contains("e-Meterai"))
    }

    @Test func theSameLetterIsTheSameBytesAndCarriesTheBusinessDate() throws {
        let doc = Self.letter(.sp2, language: .id, charges: Self.small).document
        let a = try LetterPDF.render(doc), b = try LetterPDF.render(doc)
        #expect(a == b)
        let info = try Self.poppler("pdfinfo", a, ["PDF"])
        // The business day at midnight, never the clock (pdfinfo shows it in the local zone).
        #expect(String(decoding: a, as: UTF8.self).contains("20261123000000"), "cairo 1.16 writes the date as (20261123000000), later ones as (D:20261123000000Z)")
        #expect(info.contains("CreationDate:") && info.contains("Nov 23"), "\(info)")
        #expect(info.contains("Page size:") && info.contains("595.276 x 841.89 pts (A4)"), "\(info)")
    }

    @Test func aLongLetterBreaksOntoPagesThatEachRender() throws {
        let many = (1...80).map { LetterCharge(ref: "INV-\($0)", due: Day(iso: "2026-01-01")!.adding(days: $0), open: Money(minor: Int64($0) * 100_000_00)) }
        let pdf = try LetterPDF.render(Self.letter(.sp1, language: .id, charges: many).document)
        let info = try Self.poppler("pdfinfo", pdf, ["PDF"])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
        #expect((pages ?? 0) >= 2, "\(info)")
        let rendered = try Self.poppler("pdftoppm", pdf, ["-gray", "-r", "20", "PDF", "DIR/page"])
        #expect(rendered.split(separator: "\n").count == pages)
        let read = Self.words(try Self.poppler("pdftotext", pdf, ["-layout", "PDF", "-"]))
        // Every charge is on some page, and the header repeats on the next page.
        for n in [1, 40, 80] { #expect(read.contains("INV-\(n) "), "INV-\(n) missing") }
        // The table runs over two pages (its header repeats); the letter's end takes the last.
        #expect(read.components(separatedBy: "Ref Jatuh tempo Hari terlambat Sisa").count - 1 == 2)
    }

    @Test func aReminderLetterCarriesItsStageText() throws {
        let read = Self.words(try Self.poppler("pdftotext", try LetterPDF.render(Self.letter(nil, language: .id, charges: Self.small, va: nil).document), ["PDF", "-"]))
        #expect(read.contains("PEMBERITAHUAN TAGIHAN"))
        #expect(read.contains("Yth. Budi, mohon segera dibayar."))
        #expect(read.contains("mencantumkan nomor akun A-1001"), "no VA number: the channels paragraph")
    }
}
