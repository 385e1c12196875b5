import GRDB
import GRDBSQLite

/// Reads a SQLite ledger's tables row by row, each value with its storage
/// class, for `tagih migrate` (CONTRACT §12): the rows go to the other
/// backend as they are, so the seals and the audit chain hash the same.
public enum LedgerDump {
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// The rows of `table` (its `columns`, in that order), in primary-key
    /// order, handed one at a time to `row`, all inside one read transaction
    /// (a consistent snapshot however long the copy takes).
    public static func rows(_ database: AppDatabase, tables: [(name: String, columns: [String])],
                            row: (String, [Value]) throws -> Void) throws {
        try database.writer.read { db in
            for table in tables {
                let list = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let statement = try Prepared(db, "SELECT \(list) FROM \"\(table.name)\" ORDER BY 1, 2")
                let n = Int32(table.columns.count)
                while try statement.step() {
                    var values: [Value] = []
                    values.reserveCapacity(Int(n))
                    for i in 0..<n { values.append(statement.value(i)) }
                    try row(table.name, values)
                }
            }
        }
    }

    /// The count of rows in `table`.
    public static func count(_ database: AppDatabase, _ table: String) throws -> Int64 {
        try database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0 }
    }
}

extension Prepared {
    func value(_ col: Int32) -> LedgerDump.Value {
        switch storageClass(col) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int(col))
        case SQLITE_FLOAT: return .real(double(col))
        case SQLITE_TEXT: return .text(text(col) ?? "")
        default: return .blob(blob(col).map { Array($0) } ?? [])
        }
    }
}
