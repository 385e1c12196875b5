import Testing
@testable import TagihCore

/// The lines `tagih serve` writes for the person running it, in both
/// languages (the CLI tests pin the start, stop and refusal lines).
@Suite struct ChannelStringsTests {
    @Test func theLedgerGoneAndBackInBothLanguages() {
        let en = Strings(.en), id = Strings(.id)
        #expect(en.serveNotice(.ledgerGone("/srv/tagih/tagih.db")) == "tagih serve: /srv/tagih/tagih.db is not the file serve opened, or cannot be read "
                + "(moved, replaced or its rights changed); every request is answered 503 until that ledger is back (restart serve for a new file)")
        #expect(id.serveNotice(.ledgerGone("/srv/tagih/tagih.db")) == "tagih serve: /srv/tagih/tagih.db bukan lagi berkas yang dibuka serve, atau tidak "
                + "dapat dibaca (dipindah, diganti atau haknya diubah); setiap permintaan dijawab 503 sampai ledger itu kembali (jalankan ulang serve untuk berkas baru)")
        #expect(en.serveNotice(.ledgerBack("tagih.db")) == "tagih serve: tagih.db is back; serving again")
        #expect(id.serveNotice(.ledgerBack("tagih.db")) == "tagih serve: tagih.db kembali; melayani lagi")
        #expect(id.serveNotice(.quickCheckFailed("disk penuh")) == "tagih serve: pemeriksaan cepat per jam gagal: disk penuh")
    }

    @Test func aChannelNameQuotedVisibly() {
        // A name with a line end stays on one line in the sentence.
        #expect(Strings(.id).channelProblem(.badName("VA\n", .characters))
                == "kanal VA\\n: nama kanal hanya memuat huruf A-Z, angka, '_', '-' dan '.' (misalnya VA atau BCA_VA)")
        #expect(Strings(.id).channelProblem(.badName("", .empty)) == "nama kanal tidak boleh kosong")
        #expect(ChannelProblem.badName("", .empty).exitCode == 2 && ChannelProblem.exists("VA").exitCode == 1)
    }
}
