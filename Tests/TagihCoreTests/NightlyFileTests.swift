import Foundation
import Testing
@testable import TagihCore

/// An inbox entry the nightly batch did not read (a link, a FIFO, a device)
/// is logged typed and said in the reader's language.
@Suite struct NightlyFileTests {
    @Test func anEntryNotReadIsSaidInBothLanguagesAndStays() {
        let link = NightlyFile(file: "charges-1.csv", notRead: .symlink)
        let fifo = NightlyFile(file: "payments-1.csv", notRead: .notPlain)
        #expect(link.stayed && fifo.stayed)
        #expect(Strings(.en).nightlyFile(link)
                == "charges-1.csv: refused: it is a symbolic link; the nightly batch reads plain files only; it stays in the inbox")
        #expect(Strings(.id).nightlyFile(fifo)
                == "payments-1.csv: ditolak: itu bukan berkas biasa (FIFO, perangkat atau folder); batch malam hanya membaca berkas biasa; berkas tetap di inbox")
    }

    @Test func theLogKeepsItTypedAndReadsOlderEntries() throws {
        let fifo = NightlyFile(file: "payments-1.csv", notRead: .notPlain)
        let data = try JSONEncoder().encode([fifo])
        #expect(try JSONDecoder().decode([NightlyFile].self, from: data) == [fifo])
        // An entry logged before there was `notRead` reads back without it.
        let old = #"[{"file":"a.csv","read":1,"posted":1,"duplicates":0,"rejected":0,"refused":false,"alreadyImported":false}]"#
        let back = try JSONDecoder().decode([NightlyFile].self, from: Data(old.utf8))
        #expect(back.first?.notRead == nil && back.first?.posted == 1)
    }
}
