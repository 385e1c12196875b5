import TagihCore

/// Why a row was rejected: the field (when one is to blame) and the reason.
struct RowError: Error {
    var field: String?
    var reason: String

    init(_ field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// One line of bounded length whatever went into it (issue 15): the
    /// values inside are cut already (`shown`), this keeps the promise for
    /// the whole sentence on stderr and in the rejects file.
    var text: String { TextField.quoted(field.map { "\($0): \(reason)" } ?? reason, limit: 400) }
}

/// A field's value as a reject message names it: at most 40 characters and
/// one line (a 2 MB value echoed whole flooded stderr, issue 15).
func shown(_ value: String) -> String { TextField.quoted(value) }

/// Which field of a record holds each known column: resolved once per file.
struct ColumnMap {
    /// Known column name per field position (nil: ignored column).
    let names: [String?]
    /// The header's own text per position, to name any column in a message.
    let labels: [String]
    /// The longest value per position, in bytes, and the rule that sets it.
    let limits: [Int]
    let limitKeys: [String]
    /// The channel profile the file is read with (CONTRACT §11): its channel,
    /// date and amount formats stand in for section 3's.
    var profile: ChannelProfile?

    init(names: [String?], labels: [String], limits: ImportLimits = .standard) {
        self.names = names
        self.labels = labels
        self.limits = names.map { limits.bytes(for: $0) }
        self.limitKeys = names.map { limits.key(for: $0) }
    }

    /// The field position of a column. A linear scan: a header has a handful
    /// of columns, and comparing short strings is cheaper than hashing them
    /// several times for every row of a file.
    func index(of name: String) -> Int? { names.firstIndex { $0 == name } }

    /// The label of field `i`, also past the header's columns.
    func label(_ i: Int) -> String { i < labels.count ? labels[i] : "column \(i + 1)" }

    /// Why field `i` is too long (the reader stopped keeping it, or it is
    /// over its column's limit).
    func tooLong(_ i: Int, limit: Int? = nil) -> RowError {
        let limit = limit ?? (i < limits.count ? limits[i] : limits.max() ?? 0)
        let key = i < limitKeys.count ? limitKeys[i] : "import.max_text_bytes"
        return RowError(label(i), "longer than \(limit) bytes (\(key))")
    }
}

/// A record's fields by column name, decoded and trimmed, with typed getters
/// whose errors name the column.
struct RowValues {
    private var values: [String?]
    let columns: ColumnMap
    let currency: Currency

    /// Decodes every field; invalid UTF-8 anywhere rejects the row.
    init(record: CSVRecord, columns: ColumnMap, currency: Currency) throws(RowError) {
        // The reader stopped keeping a field past the largest limit: the row goes, naming it.
        if let i = record.longField { throw columns.tooLong(i) }
        if let problem = record.problem { throw RowError(nil, problem) }
        guard record.fieldCount == columns.names.count else {
            throw RowError(nil, "wrong column count: \(record.fieldCount) fields, the header has \(columns.names.count)")
        }
        var values: [String?] = []
        values.reserveCapacity(record.fieldCount)
        // One pass over the record's bytes through a raw buffer: slicing the
        // array per field, and the generic `String(validating:)`, cost more
        // than the rest of a row's decoding (millions of rows per file).
        // A field that is not valid UTF-8, or that holds a control character
        // (any field, like invalid UTF-8: the row is what is judged).
        let bad: (field: Int, control: Unicode.Scalar?, long: Bool)? = record.bytes.withUnsafeBufferPointer { all in
            var start = 0
            for i in 0..<record.ends.count {
                var from = start, to = record.ends[i]
                start = to
                while from < to, all[from] == 0x20 || all[from] == 0x09 { from += 1 }
                while to > from, all[to - 1] == 0x20 || all[to - 1] == 0x09 { to -= 1 }
                if to - from > columns.limits[i] { return (i, nil, true) }
                let field = UnsafeBufferPointer(rebasing: all[from..<to])
                guard let text = Self.decode(field) else { return (i, nil, false) }
                if let at = TextField.firstRefused(utf8: field) {
                    // Valid UTF-8: the scalar starting at `at` is the culprit.
                    let u = String(decoding: UnsafeBufferPointer(rebasing: field[at...]), as: UTF8.self).unicodeScalars.first!
                    return (i, u, false)
                }
                values.append(columns.names[i] == nil ? nil : text)
            }
            return nil
        }
        if let (i, control, long) = bad {
            if long { throw columns.tooLong(i) }
            if let u = control {
                throw RowError(columns.labels[i], "holds a control character (\(TextField.code(u))); text fields take no control characters other than tab")
            }
            throw RowError(columns.labels[i], "invalid UTF-8")
        }
        self.values = values
        self.columns = columns
        self.currency = currency
    }

    /// A row given as named fields (`tagih serve`'s requests, CONTRACT §11):
    /// each is trimmed and held to its column's length and the text rules
    /// exactly as a file's field is, so both paths judge a value alike.
    init(fields: [(String, String)], limits: ImportLimits, currency: Currency) throws(RowError) {
        let names = fields.map(\.0)
        let columns = ColumnMap(names: names, labels: names, limits: limits)
        var values: [String?] = []
        for (i, (name, raw)) in fields.enumerated() {
            let text = raw.trimmingASCIISpace()
            if text.utf8.count > columns.limits[i] { throw columns.tooLong(i) }
            if let u = TextField.firstRefused(in: text) {
                throw RowError(name, "holds a control character (\(TextField.code(u))); text fields take no control characters other than tab")
            }
            values.append(text)
        }
        self.values = values
        self.columns = columns
        self.currency = currency
    }

    /// The field as text; nil when it is not valid UTF-8. Decoding repairs
    /// invalid bytes with U+FFFD, so a field is valid when decoding left its
    /// bytes as they were.
    private static func decode(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: field, as: UTF8.self)
        if field.allSatisfy({ $0 < 0x80 }) { return text }
        return text.utf8.elementsEqual(field) ? text : nil
    }

    func optional(_ name: String) -> String? {
        if let p = columns.profile, name == "channel" { return p.channel }  // nil-checked first: the hot path has no profile
        guard let i = columns.index(of: name), let v = values[i], !v.isEmpty else { return nil }
        return v
    }

    func required(_ name: String) throws(RowError) -> String {
        guard let v = optional(name) else { throw RowError(name, "missing") }
        return v
    }

    func date(_ name: String) throws(RowError) -> Day {
        try parseDate(name, try required(name))
    }

    func optionalDate(_ name: String) throws(RowError) -> Day? {
        guard let v = optional(name) else { return nil }
        return try parseDate(name, v)
    }

    private func parseDate(_ name: String, _ v: String) throws(RowError) -> Day {
        guard let d = columns.profile.day(v) else { throw RowError(name, "bad date \(shown(v)) (expected a real date as \(columns.profile.dateLayout))") }
        return d
    }

    /// A positive amount in the file format.
    func amount(_ name: String) throws(RowError) -> Money {
        try parseAmount(name, try required(name))
    }

    func optionalAmount(_ name: String) throws(RowError) -> Money? {
        guard let v = optional(name) else { return nil }
        return try parseAmount(name, v)
    }

    private func parseAmount(_ name: String, _ v: String) throws(RowError) -> Money {
        let m: Money
        do {
            m = try columns.profile.amount(v, currency: currency)
        } catch .overflow {
            throw RowError(name, "bad amount \(shown(v)) (too large: beyond the 64-bit range Tagih holds exactly)")
        } catch {
            if let p = columns.profile {
                throw RowError(name, "bad amount \(shown(v)) (expected the form \(p.amountFormat.rawValue) with at most \(currency.minorDigits) decimals)")
            }
            throw RowError(name, "bad amount \(shown(v)) (expected digits with an optional '.' and at most \(currency.minorDigits) decimals)")
        }
        guard m.isPositive else { throw RowError(name, "amount must be greater than zero") }
        return m
    }
}

extension String {
    func trimmingASCIISpace() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }
}
