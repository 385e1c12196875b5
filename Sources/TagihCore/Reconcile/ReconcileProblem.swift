/// Why `tagih reconcile` refused a settlement statement, typed so the reader
/// hears it in their language (`Strings.reconcileProblem`); the English is
/// the command line's wording that scripts and tests pin. A statement with a
/// line that cannot be read is refused whole: a reconciliation that skipped
/// a line would be wrong.
public enum ReconcileProblem: Error, Sendable, Equatable {
    /// What is wrong with one line's field (or the line, when `field` is nil).
    public enum Fault: Sendable, Equatable {
        case missing
        case invalidUTF8
        /// R8: `name` holds the control character `code`.
        case controlCharacter(name: String, code: String)
        case fieldTooLong(bytes: Int)
        case columnCount(got: Int, header: Int)
        case badDate(String, layout: String)
        /// `overflow`: beyond the 64-bit range (R9).
        case badAmount(String, overflow: Bool)
        /// The CSV reader's own words (an unterminated quote, …).
        case unreadable(String)
    }

    case notAFile(path: String)
    case empty(path: String)
    case headerUnreadable(path: String, line: Int, why: String)
    /// `missing`: the contract's fields the header lacks, each as the file
    /// would name it (a profile's column, quoted, with the field).
    case headerLacks(path: String, line: Int, missing: [String])
    case badLine(path: String, line: Int, field: String?, Fault)
    case repeatedRef(path: String, ref: String)
    /// The totals leave the 64-bit range (R9).
    case totalsOverflow

    public var commandLineText: String { Strings(.en).reconcileProblem(self) }
}

extension Strings {
    public func reconcileProblem(_ p: ReconcileProblem) -> String {
        let id = language == .id
        func refused(_ path: String) -> String { "\(TextField.visible(path)) \(id ? "ditolak" : "refused")" }
        let line = id ? "baris" : "line"
        switch p {
        case .notAFile(let path):
            return id ? "tidak dapat membaca \(TextField.visible(path)): tidak ada berkas biasa dengan nama itu"
                      : "cannot read \(TextField.visible(path)): no such regular file"
        case .empty(let path):
            return "\(refused(path)): " + (id ? "laporan penyelesaiannya kosong (tidak ada baris judul)" : "the statement is empty (no header line)")
        case .headerUnreadable(let path, let n, let why):
            return "\(refused(path)): \(line) \(n): " + (id ? "baris judul tidak dapat dibaca (\(why))" : "the header cannot be read (\(why))")
        case .headerLacks(let path, let n, let missing):
            let names = missing.joined(separator: ", ")
            return "\(refused(path)): \(line) \(n): " + (id ? "baris judul laporan tidak memuat \(names)" : "the statement's header lacks \(names)")
        case .badLine(let path, let n, let field, let fault):
            return "\(refused(path)): \(line) \(n): \(field.map { "\($0): " } ?? "")\(reconcileFault(fault))"
        case .repeatedRef(let path, let ref):
            return "\(refused(path)): " + (id ? "referensi \(TextField.quoted(ref)) tercantum dua kali di laporan"
                                              : "ref \(TextField.quoted(ref)) is on the statement twice")
        case .totalsOverflow:
            return id ? "jumlah meluap: total rekonsiliasi melebihi yang dapat disimpan Tagih dengan tepat"
                      : "amount overflow: the reconciliation's totals exceeds what Tagih can hold exactly"
        }
    }

    func reconcileFault(_ f: ReconcileProblem.Fault) -> String {
        let id = language == .id
        switch f {
        case .missing: return id ? "kosong" : "missing"
        case .invalidUTF8: return id ? "bukan UTF-8 yang sah" : "invalid UTF-8"
        case .controlCharacter(let name, let code):
            // The sentence every text field's refusal uses (R8), naming the statement's column.
            return recordProblem(.controlCharacter(field: name, code: code), options: true)
        case .fieldTooLong(let n): return id ? "sebuah kolom lebih panjang dari \(n) bita" : "a field is longer than \(n) bytes"
        case .columnCount(let got, let header):
            return id ? "jumlah kolom salah: \(got) kolom, baris judul punya \(header)"
                      : "wrong column count: \(got) fields, the header has \(header)"
        case .badDate(let text, let layout):
            return id ? "tanggal salah \(TextField.quoted(text)) (seharusnya tanggal yang ada, dalam bentuk \(layout))"
                      : "bad date \(TextField.quoted(text)) (expected a real date as \(layout))"
        case .badAmount(let text, let overflow):
            return id ? "jumlah salah \(TextField.quoted(text))\(overflow ? " (di luar jangkauan 64 bit)" : "")"
                      : "bad amount \(TextField.quoted(text))\(overflow ? " (beyond the 64-bit range)" : "")"
        case .unreadable(let why): return id ? "tidak dapat dibaca (\(why))" : why
        }
    }
}
