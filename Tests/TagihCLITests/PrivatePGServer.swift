import Foundation

extension TagihRunner {
    /// `scripts/pg COMMAND` on a PostgreSQL server of the test's own (its
    /// state file in the runner's folder, so halting it never stops the
    /// shared test server), through system(3) with the output in a file:
    /// with Foundation's Process and a pipe, the server pg_ctl leaves running
    /// inherits the pipe and the reader waits for ever (the hang that held a
    /// CI run to its limit). The exit status and the output, trimmed.
    func privatePG(_ command: String) -> (status: Int32, output: String) {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = path("pg-\(command).out")
        let status = system("TAGIH_PG_STATE='\(path("pg.state"))' '\(repo.path)/scripts/pg' \(command) > '\(out)' 2>&1 < /dev/null")
        let text = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return (status, text)
    }
}
