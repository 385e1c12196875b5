import Foundation
import Testing
@testable import TagihConfig

/// The text toml++ would abort on instead of reporting (issue 15: `[[[` in
/// tagih.toml aborted every command) is found before it parses; valid TOML
/// that merely looks like it is left to the parser. A miss here aborts the
/// test process itself, which fails the run.
@Suite struct TOMLPrecheckTests {
    @Test(arguments: [
        ("[[[\n", 1), ("[\n", 1), ("[=\n", 1), ("[ #x\n", 1), ("[[ {\n", 1), ("[\r\n", 1), ("[[\n", 1),
        ("a = 1\n\n[.a]\n", 3), ("[ok]\nb = 2\n  [[[\n", 3), ("x = \"a\u{0}b\"\n", 1), ("# c\n\u{0}", 2),
        ("s = \"\"\"\nline\n\"\"\"\n[[[\n", 4), ("a = [\n  1,\n]\n[*]\n", 4),
    ])
    func crashingTextIsFound(_ text: String, _ line: Int) {
        #expect(TOMLPrecheck.problem(in: text)?.line == line, "\(text.debugDescription)")
    }

    @Test(arguments: [
        "", "[ledger]\ncurrency = \"IDR\"\n", "[[a]]\n[[a]]\n", "[ \"quoted\" ]\n", "['lit'.x]\n", "[_a-b]\n", "[]\n",
        "a = [\n[[[1]]]\n]\n",                 // nested arrays in a multi-line array
        "s = \"\"\"\n[[[\n\"\"\"\n",           // inside a multi-line string
        "s = '''\n[=\n'''\n",                   // inside a multi-line literal string
        "s = \"\"\"\\\"\"\"\n[=\n\"\"\"\n",     // an escaped quote does not end the string
        "# [[[\n", "a = \"[[[\"\n", "[",                  // toml++ reports the end of the text itself
         "t = { a = [\n[\n]] }\n",
    ])
    func safeTextPasses(_ text: String) {
        #expect(TOMLPrecheck.problem(in: text) == nil, "\(text.debugDescription)")
    }

    @Test func theLoaderNamesTheFileAndLine() {
        let why = refusal { _ = try ConfigLoader.parseRules("[ledger]\ncurrency = \"IDR\"\n[[[\n", path: "r.toml", strict: true) }
        #expect(why == "r.toml:3: a table header must begin with a key name (letters, digits, _ or -, or a quoted name)")
    }

    /// An error toml++ reports before the crashing line is the one named, as it would be without the check.
    @Test func anEarlierSyntaxErrorComesFirst() {
        let why = refusal { _ = try ConfigLoader.parsePersonal("a =\n[[[\n", path: "c.toml") }
        #expect(why?.hasPrefix("c.toml:1: ") == true, "\(why ?? "accepted")")
    }
}

/// Files named in a config that are not files: read until memory ran out
/// (`/dev/zero`) or forever (a FIFO). Refused with one sentence.
@Suite struct ConfigFileKindTests {
    @Test func aHolidayFileMustBeARegularFile() {
        let why = refusal { _ = try ConfigLoader.parseRules("[contact]\nholidays = \"/dev/zero\"\n", path: "r.toml", strict: true) }
        #expect(why == "holiday file /dev/zero is not a regular file")
    }

    @Test func aConfigFileMustBeRegularAndSmall() throws {
        #expect(throws: ConfigError.self) { try ConfigLoader.file(explicitPath: "/dev/zero") }
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-big-\(getpid()).toml")
        defer { try? FileManager.default.removeItem(at: big) }
        try Data(("# " + String(repeating: "x", count: ConfigLoader.maxFileBytes) + "\n").utf8).write(to: big)
        #expect(refusal { _ = try ConfigLoader.file(explicitPath: big.path) }
                == "config file \(big.path) is larger than 1024 KiB; it cannot be a config file")
    }
}

/// What a loader refused, in its words; nil when it accepted.
private func refusal(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return String(describing: error) }
}
