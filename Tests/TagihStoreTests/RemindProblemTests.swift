import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// `tagih remind`'s refusals are typed and said in the reader's language
/// (issue 18); the English wording stays the one scripts read.
@Suite struct RemindProblemTests {
    func refusal(_ body: () throws -> Void) -> StoreError? {
        do { try body() } catch let e as StoreError { return e } catch { return nil }
        return nil
    }

    @Test func aBadResultsFileIsRefusedInBothLanguages() throws {
        let scratch = try Scratch()
        let db = try ReminderRunTests.ledger(scratch)
        let file = try scratch.write("bad.csv", "message_id,status,at\n1,opened,2025-06-30T10:01:00+07:00\n")
        let e = refusal { _ = try MessageResults(db).record(file: file, session: Fixture.session) }
        #expect(e?.remind == .resultField(file: file, line: 2, field: "status", value: "opened", problem: .notAStatus))
        #expect(e?.text(Strings(.en)) == "\(file) line 2, field status: opened is not delivered, read or failed")
        #expect(e?.text(Strings(.id)) == "\(file) baris 2, kolom status: opened bukan delivered, read atau failed")
        let unsent = try scratch.write("unsent.csv", "message_id,status,at\n99,read,2025-06-30T10:01:00+07:00\n")
        #expect(refusal { _ = try MessageResults(db).record(file: unsent, session: Fixture.session) }?.text(Strings(.id))
                == "\(unsent) baris 2, kolom message_id: tidak ada pesan 99 yang dikirim")
    }

    @Test func anUnknownStageIsAUsageErrorInBothLanguages() throws {
        let scratch = try Scratch()
        let db = try ReminderRunTests.ledger(scratch)
        let e = refusal { _ = try StagePauses(db).set("nope", paused: true, session: Fixture.session) }
        #expect(e?.exitCode == 2)
        #expect(e?.text(Strings(.en)) == "no reminder stage nope in the rules (stages: pre-due, due-1, late-7, SP1, SP2, SP3)")
        #expect(e?.text(Strings(.id)) == "tidak ada tahap pengingat nope dalam aturan (tahap: pre-due, due-1, late-7, SP1, SP2, SP3)")
    }

    @Test func anUnknownTimeZoneInBothLanguages() {
        let e = StoreError(.unknownTimeZone(account: "A9", zone: "Mars/Olympus"))
        #expect(e.description == "account A9 has time zone Mars/Olympus, which this system does not know")
        #expect(e.text(Strings(.id)) == "akun A9 memakai zona waktu Mars/Olympus, yang tidak dikenal sistem ini")
    }
}
