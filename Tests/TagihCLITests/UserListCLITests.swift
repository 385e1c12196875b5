import Foundation
import Testing

/// `user list` as a table: every column has a header, and a collector's
/// discount limit reads as the one plans are judged by (issue 16).
@Suite struct UserListCLITests {
    @Test func everyColumnHasAHeaderAndADefaultLimitReadsZeroPercent() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "kol02", "--name", "Sri", "--role", "collector", "--discount-limit", "0", "--team", "T1")
        try t.ok("user", "add", "kol03", "--name", "Agus", "--role", "collector", "--discount-limit", "12.5", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        var r = t
        r.environment["LANG"] = "C.UTF-8"
        let lines = try r.ok("user", "list").split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(header == "Login Name Role Discount limit Team Status", "\(lines[0])")
        func row(_ login: String) -> [String] {
            lines.first { $0.hasPrefix(login + " ") }.map { $0.split(separator: " ").map(String.init) } ?? []
        }
        #expect(row("kol01") == ["kol01", "Rudi", "collector", "0%", "T1", "active"], "no limit of their own: the default 0%")
        #expect(row("kol02") == ["kol02", "Sri", "collector", "0%", "T1", "active"])
        #expect(row("kol03") == ["kol03", "Agus", "collector", "12.5%", "T1", "active"])
        #expect(row("lead01") == ["lead01", "Hendra", "lead", "no", "limit", "T1", "active"])
        r.environment["LANG"] = "id_ID.UTF-8"
        let id = try r.ok("user", "list").split(separator: "\n").map(String.init)
        #expect(id[0].split(separator: " ").joined(separator: " ") == "Login Nama Peran Batas diskon Tim Status")
        #expect(id.contains { $0.hasPrefix("lead01 ") && $0.contains("tanpa batas") })
        // CSV stays exact: the stored value, empty when none was set.
        #expect(try t.ok("user", "list", "--format", "csv").contains("kol01,Rudi,collector,,T1,true\n"))
    }
}
