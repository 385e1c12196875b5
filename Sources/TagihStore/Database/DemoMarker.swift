import Foundation
import GRDB

/// Marks a ledger as built by `tagih demo`, so a later `demo` may replace it
/// but never a real ledger that happens to sit at the same path.
public enum DemoMarker {
    public static func isDemo(path: String) -> Bool {
        _ = AppDatabase.tuned // this may be the process's first connection
        guard let q = try? DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }()) else { return false }
        return (try? q.read { db in try db.tableExists("meta") ? db.meta("demo") == "1" : false }) ?? false
    }

    public static func mark(_ database: AppDatabase) throws {
        try database.writer.write { db in try db.setMeta("demo", "1") }
    }

    /// Removes a ledger file and its WAL companions.
    public static func remove(path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
