import TagihCore

/// Why a row was rejected: the field (when one is to blame) and the reason.
struct RowError: Error {
    var field: String?
    var reason: String

    init(_ field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    var text: String { field.map { "\($0): \(reason)" } ?? reason }
}

/// Which field of a record holds each known column: resolved once per file.
struct ColumnMap {
    /// Known column name per field position (nil: ignored column).
    let names: [String?]

    init(names: [String?]) { self.names = names }

    /// The field position of a column. A linear scan: a header has a handful
    /// of columns, and comparing short strings is cheaper than hashing them
    /// several times for every row of a file.
    func index(of name: String) -> Int? { names.firstIndex { $0 == name } }
}

/// A record's fields by column name, decoded and trimmed, with typed getters
/// whose errors name the column.
struct RowValues {
    private var values: [String?]
    let columns: ColumnMap
    let currency: Currency

    /// Decodes every field; invalid UTF-8 anywhere rejects the row.
    init(record: CSVRecord, columns: ColumnMap, currency: Currency) throws(RowError) {
        guard record.fieldCount == columns.names.count else {
            throw RowError(nil, "wrong column count: \(record.fieldCount) fields, the header has \(columns.names.count)")
        }
        var values: [String?] = []
        values.reserveCapacity(record.fieldCount)
        for i in 0..<record.fieldCount {
            let bytes = record.field(i).trimmingASCIISpace()
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RowError(columns.names[i] ?? "column \(i + 1)", "invalid UTF-8")
            }
            values.append(columns.names[i] == nil ? nil : text)
        }
        self.values = values
        self.columns = columns
        self.currency = currency
    }

    /// Whether the file has this column at all (present but empty counts).
    func has(_ name: String) -> Bool { columns.index(of: name) != nil }

    func optional(_ name: String) -> String? {
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
        guard let d = Day(iso: v) else { throw RowError(name, "bad date \(v) (expected a real date as YYYY-MM-DD)") }
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
            m = try Money.parse(v, currency: currency)
        } catch .overflow {
            throw RowError(name, "amount \(v) is too large (overflow)")
        } catch {
            throw RowError(name, "bad amount \(v) (expected digits with an optional '.' and at most \(currency.minorDigits) decimals)")
        }
        guard m.isPositive else { throw RowError(name, "amount must be greater than zero") }
        return m
    }
}

extension ArraySlice<UInt8> {
    func trimmingASCIISpace() -> ArraySlice<UInt8> {
        var s = self
        while let f = s.first, f == 0x20 || f == 0x09 { s.removeFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s.removeLast() }
        return s
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
