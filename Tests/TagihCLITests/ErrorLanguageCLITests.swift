import Foundation
import Testing

/// A refusal is said in the language of the command's other output: the
/// person's `[ui] language` when the config names one, else LANG (R7; the
/// ledger holds no one's language). It used to follow LANG only.
@Suite struct ErrorLanguageCLITests {
    /// A ledger read by a person whose config says Indonesian and whose LANG says nothing.
    static func indonesianByConfig() throws -> TagihRunner {
        var t = try TagihRunner()
        try t.ok("init")
        t.environment["LANG"] = "C"
        try t.write("config/tagih.toml", "[ui]\nlanguage = \"id\"\n")
        return t
    }

    @Test func aRefusalFollowsTheConfigsLanguageOverLANG() throws {
        var t = try Self.indonesianByConfig()
        defer { t.cleanup() }
        let r = try t.run("assign", "NOPE", "--to", "-")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: akun NOPE tidak dikenal\n")

        // And the other way round: an English config over an Indonesian LANG.
        t.environment["LANG"] = "id_ID.UTF-8"
        try t.write("config/tagih.toml", "[ui]\nlanguage = \"en\"\n")
        let e = try t.run("assign", "NOPE", "--to", "-")
        #expect(e.status == 1)
        #expect(e.stderr == "tagih: unknown account NOPE\n")

        // With no language in the config, LANG decides.
        try t.write("config/tagih.toml", "")
        #expect(try t.run("assign", "NOPE", "--to", "-").stderr == "tagih: akun NOPE tidak dikenal\n")
    }

    /// The file a person named, and standard output, that cannot be written.
    @Test func aFileThatCannotBeWrittenFollowsTheConfigsLanguage() throws {
        let t = try Self.indonesianByConfig()
        defer { t.cleanup() }
        let full = try t.run("report", "aging", "--output", "/dev/full")
        #expect(full.status == 1)
        #expect(full.stderr == "tagih: tidak dapat menulis /dev/full: disk penuh; tidak ada yang ditulis\n")
        // Standard output on a full device (LANG=C.UTF-8 there).
        let stdout = try HostileFilesCLITests.runOnFullDevice(t, ["report", "aging"])
        #expect(stdout.0 == 1)
        #expect(stdout.1 == "tagih: tidak dapat menulis keluaran standar: disk atau perangkat penuh; keluarannya tidak lengkap\n")
    }
}
