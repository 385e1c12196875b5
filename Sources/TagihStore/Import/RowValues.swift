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

/// A record's fields by column name, decoded and trimmed, with typed getters
/// whose errors name the column.
struct RowValues {
    let values: [String: String]
    let currency: Currency

    /// Decodes every field; invalid UTF-8 anywhere rejects the row.
    init(record: CSVRecord, columns: [String?], currency: Currency) throws(RowError) {
        guard record.fields.count == columns.count else {
            throw RowError(nil, "wrong column count: \(record.fields.count) fields, the header has \(columns.count)")
        }
        var values: [String: String] = [:]
        for (i, bytes) in record.fields.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RowError(columns[i] ?? "column \(i + 1)", "invalid UTF-8")
            }
            if let name = columns[i] { values[name] = text.trimmingASCIISpace() }
        }
        self.values = values
        self.currency = currency
    }

    func optional(_ name: String) -> String? {
        guard let v = values[name], !v.isEmpty else { return nil }
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

extension String {
    func trimmingASCIISpace() -> String {
        let u = utf8
        guard let first = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }
}
