import Testing
@testable import TagihCore

/// The sentences of `tagih remind`'s files that the command line cannot
/// easily provoke (a letter the PDF library refuses, a failed sync), in
/// both languages; the English is the nightly log's and stays as it was.
@Suite struct RemindFileProblemTests {
    @Test func aLetterNotMadeNamesTheLetterAndKeepsTheLibrarysWords() {
        let p = RemindFileProblem.letterNotMade(letter: "SP1 A3", why: "cairo: out of memory")
        #expect(Strings(.en).remindFileProblem(p) == "cannot make the letter SP1 A3: cairo: out of memory")
        #expect(Strings(.id).remindFileProblem(p) == "tidak dapat membuat surat SP1 A3: cairo: out of memory")
    }

    @Test func eachWriteStepIsNamedInBothLanguages() {
        let steps: [(RemindFileProblem.WriteStep, String, String)] = [
            (.outFolder, "the out folder", "folder keluaran"), (.open, "open", "membuka"), (.write, "write", "menulis"),
            (.sync, "sync", "menyimpan ke disk"), (.close, "close", "menutup"), (.rename, "rename", "mengganti nama"),
        ]
        for (step, en, id) in steps {
            let p = RemindFileProblem.notWritten(path: "out/sms-2026-11-16.csv", step: step, why: "No space left on device")
            #expect(Strings(.en).remindFileProblem(p) == "cannot write out/sms-2026-11-16.csv: \(en): No space left on device")
            #expect(Strings(.id).remindFileProblem(p) == "tidak dapat menulis out/sms-2026-11-16.csv: \(id): No space left on device")
        }
    }
}
