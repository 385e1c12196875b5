/// The statement of account's words, in the reader's language (the `[ui]`
/// language, as every page of the command line).
extension Strings {
    public enum StatementWord: Sendable {
        case title, period, opening, closing, balance, pastDue, date, kind, ref, detail, amount, runningBalance
        case noEntries, raised, lowered, due, reverses
    }

    public func statement(_ w: StatementWord) -> String {
        let id = language == .id
        switch w {
        case .title: return id ? "Rekening koran" : "Statement of account"
        case .period: return id ? "Periode" : "Period"
        case .opening: return id ? "Posisi awal, per" : "Opening position, as of"
        case .closing: return id ? "Posisi akhir, per" : "Closing position, as of"
        case .balance: return id ? "Saldo" : "Balance"
        case .pastDue: return id ? "Lewat jatuh tempo" : "Past due"
        case .date: return id ? "Tanggal" : "Date"
        case .kind: return id ? "Jenis" : "Entry"
        case .ref: return id ? "Referensi" : "Ref"
        case .detail: return id ? "Keterangan" : "Details"
        case .amount: return id ? "Jumlah" : "Amount"
        case .runningBalance: return id ? "Saldo" : "Balance"
        case .noEntries: return id ? "Tidak ada transaksi dalam periode ini." : "No entries in this period."
        case .raised: return id ? "Tagihan dan pembatalan" : "Charges and reversals"
        case .lowered: return id ? "Pembayaran dan pengurangan" : "Payments and credits"
        case .due: return id ? "jatuh tempo" : "due"
        case .reverses: return id ? "membatalkan" : "reverses"
        }
    }

    /// An entry's kind on a statement.
    public func statementKind(_ k: StatementEntry.Kind) -> String {
        guard language == .id else {
            switch k {
            case .charge: return "charge"
            case .debit: return "debit"
            case .payment: return "payment"
            case .credit: return "credit"
            case .writeoff: return "write-off"
            case .reversal: return "reversal"
            }
        }
        switch k {
        case .charge: return "tagihan"
        case .debit: return "debit"
        case .payment: return "pembayaran"
        case .credit: return "kredit"
        case .writeoff: return "hapus buku"
        case .reversal: return "pembatalan"
        }
    }
}
