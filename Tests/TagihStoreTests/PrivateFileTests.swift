import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The one writer of a person's files (DESIGN §6a) and where drafts live.
@Suite(.serialized) struct PrivateFileTests {
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-private-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    @Test func writesMode0600WhateverTheUmask() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let previous = umask(0)
        defer { umask(previous) }
        try PrivateFile.write("a,b\n", to: "\(dir)/out.csv")
        #expect(mode("\(dir)/out.csv") == 0o600)
        #expect(try String(contentsOfFile: "\(dir)/out.csv", encoding: .utf8) == "a,b\n")
        // Replacing an own file keeps it private and leaves no temporary file behind.
        try PrivateFile.write("c\n", to: "\(dir)/out.csv")
        #expect(try String(contentsOfFile: "\(dir)/out.csv", encoding: .utf8) == "c\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test func refusesASymbolicLinkAndLeavesItsTargetAlone() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "secret\n".write(toFile: "\(dir)/target", atomically: false, encoding: .utf8)
        #expect(symlink("\(dir)/target", "\(dir)/link.csv") == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/link.csv", problem: .symlink)) { try PrivateFile.write("x", to: "\(dir)/link.csv") }
        #expect(try String(contentsOfFile: "\(dir)/target", encoding: .utf8) == "secret\n")
        // A dangling link too: it would create the file it points to.
        #expect(symlink("\(dir)/nowhere", "\(dir)/dangling.csv") == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/dangling.csv", problem: .symlink)) { try PrivateFile.write("x", to: "\(dir)/dangling.csv") }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/nowhere"))
    }

    @Test func refusesAFIFOADeviceAndAFolder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo("\(dir)/fifo", 0o600) == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/fifo", problem: .notRegular)) { try PrivateFile.write("x", to: "\(dir)/fifo") }
        #expect(throws: PrivateFileError(path: "/dev/null", problem: .notRegular)) { try PrivateFile.write("x", to: "/dev/null") }
        #expect(throws: PrivateFileError(path: dir, problem: .notRegular)) { try PrivateFile.write("x", to: dir) }
        #expect(throws: PrivateFileError(path: "\(dir)/none/x.csv", problem: .noFolder)) { try PrivateFile.write("x", to: "\(dir)/none/x.csv") }
    }

    @Test func refusesAnotherUsersFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "theirs\n".write(toFile: "\(dir)/theirs.csv", atomically: false, encoding: .utf8)
        // Only root can give a file away; elsewhere the case cannot be made here.
        guard getuid() == 0 else { return }
        #expect(chown("\(dir)/theirs.csv", 65534, 65534) == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/theirs.csv", problem: .otherOwner)) { try PrivateFile.write("x", to: "\(dir)/theirs.csv") }
        #expect(try String(contentsOfFile: "\(dir)/theirs.csv", encoding: .utf8) == "theirs\n")
    }

    @Test func refusesTheLedgerItsCompanionsAndItsFolder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir); PrivateFile.protected = [] }
        try "ledger".write(toFile: "\(dir)/tagih.db", atomically: false, encoding: .utf8)
        PrivateFile.protected = ["\(dir)/tagih.db"]
        for name in ["tagih.db", "tagih.db-wal", "tagih.db-shm"] {
            #expect(throws: PrivateFileError(path: "\(dir)/\(name)", problem: .ledger)) { try PrivateFile.write("x", to: "\(dir)/\(name)") }
        }
        // The same file by another name (a hard link) is still the ledger.
        #expect(link("\(dir)/tagih.db", "\(dir)/alias.db") == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/alias.db", problem: .ledger)) { try PrivateFile.write("x", to: "\(dir)/alias.db") }
        #expect(try String(contentsOfFile: "\(dir)/tagih.db", encoding: .utf8) == "ledger")
        // A protected folder: nothing is written in it.
        PrivateFile.protected = [dir]
        #expect(throws: PrivateFileError(path: "\(dir)/new.csv", problem: .ledger)) { try PrivateFile.write("x", to: "\(dir)/new.csv") }
    }

    @Test func aFailedWriteLeavesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old\n".write(toFile: "\(dir)/keep.csv", atomically: false, encoding: .utf8)
        let f = try PrivateFile(path: "\(dir)/keep.csv")
        try f.append(Array("half".utf8))
        f.discard()
        #expect(try String(contentsOfFile: "\(dir)/keep.csv", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.csv"])
        #expect(PrivateFile.problem(errno: ENOSPC) == .diskFull && PrivateFile.problem(errno: EDQUOT) == .diskFull)
        #expect(Strings(.en).fileProblem("x.csv", .diskFull) == "cannot write x.csv: the disk is full; nothing was written")
    }

    @Test func draftsLiveInThePersonsStateFolderByLedgerAndLogin() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_STATE_HOME": "\(dir)/state", "HOME": "\(dir)/home"]
        let a = try #require(PersonalFiles.draftPath(ledger: "/srv/a/tagih.db", login: "kol01", environment: env))
        let b = try #require(PersonalFiles.draftPath(ledger: "/srv/b/tagih.db", login: "kol01", environment: env))
        let c = try #require(PersonalFiles.draftPath(ledger: "/srv/a/tagih.db", login: "kol02", environment: env))
        #expect(a.hasPrefix("\(dir)/state/tagih/drafts/tagih.db-") && a.hasSuffix("/kol01.txt"))
        #expect(a != b && a != c && (a as NSString).deletingLastPathComponent == (c as NSString).deletingLastPathComponent)
        #expect(PersonalFiles.draftPath(ledger: "/srv/a/tagih.db", login: "../x", environment: env) == nil)
        // Without XDG_STATE_HOME: ~/.local/state/tagih.
        let home = try #require(PersonalFiles.draftPath(ledger: "/srv/a/tagih.db", login: "kol01", environment: ["HOME": "\(dir)/home"]))
        #expect(home.hasPrefix("\(dir)/home/.local/state/tagih/drafts/"))
        // The folder is made private (0700) and the draft 0600.
        let previous = umask(0)
        defer { umask(previous) }
        try PrivateFile.privateFolder((a as NSString).deletingLastPathComponent)
        try PrivateFile.write("note=x", to: a)
        #expect(mode((a as NSString).deletingLastPathComponent) == 0o700 && mode("\(dir)/state/tagih") == 0o700)
        #expect(mode(a) == 0o600)
        // A state folder that is a link is refused.
        #expect(symlink("/tmp", "\(dir)/linked") == 0)
        #expect(throws: PrivateFileError(path: "\(dir)/linked", problem: .symlink)) { try PrivateFile.privateFolder("\(dir)/linked") }
    }

    @Test func rejectsFileIsPrivate() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let previous = umask(0)
        defer { umask(previous) }
        let w = RejectsWriter(inputPath: "\(dir)/payments.csv")
        try w.add(line: 2, reason: "bad amount", raw: Array("A1,x".utf8))
        try w.finish()
        #expect(mode("\(dir)/payments.csv.rejects.csv") == 0o600)
        #expect(try String(contentsOfFile: "\(dir)/payments.csv.rejects.csv", encoding: .utf8) == "line,reason,raw\n2,bad amount,\"A1,x\"\n")
    }

    /// v9-roles rebuilds `users` under rows that name logins (accounts, contacts, plans).
    @Test func migrationV9KeepsUsersAndTheirReferences() throws {
        let q = try DatabaseQueue(configuration: AppDatabase.configuration(Settings()))
        try Schema.migrator.migrate(q, upTo: "v7-derived-plans")
        try q.write { db in
            try db.execute(sql: "INSERT INTO users(login, name, role, discount_limit_bp, team, active) VALUES ('kol01', 'Kol', 'collector', 250, 'A', 1)")
            try db.execute(sql: "INSERT INTO accounts(account_no, name, timezone, collector) VALUES ('A1', 'Satu', 'Asia/Jakarta', 'kol01')")
            #expect(throws: (any Error).self) { try db.execute(sql: "INSERT INTO users(login, name, role) VALUES ('cron', 'Cron', 'batch')") }
        }
        try Schema.migrator.migrate(q)
        try q.write { db in
            try db.execute(sql: "INSERT INTO users(login, name, role) VALUES ('cron', 'Cron', 'batch')")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM users WHERE login = 'kol01'"))
            #expect(row["role"] as String == "collector" && row["discount_limit_bp"] as Int == 250 && row["team"] as String == "A")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // The accounts still point at users: an unknown collector is refused.
            #expect(throws: (any Error).self) { try db.execute(sql: "UPDATE accounts SET collector = 'ghost'") }
            #expect(throws: (any Error).self) { try db.execute(sql: "INSERT INTO users(login, name, role) VALUES ('x', 'X', 'root')") }
        }
    }
}
