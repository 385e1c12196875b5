/// Why `tagih statement` (or `reconcile`, for its period) refused, typed so
/// the reader hears it in their language; the English is the command line's.
public enum StatementProblem: Error, Sendable, Equatable {
    /// The period runs backwards: `--from` after `--to`.
    case fromAfterTo(from: Day, to: Day)
    /// `--from` after today, with no `--to` given.
    case fromAfterToday(from: Day, today: Day)
    /// The account's entries do not add up to its cached balance (minor units): the ledger needs `tagih check`.
    case unbalanced(accountNo: String, entries: Int64, balance: Int64)
    /// A running balance beyond the 64-bit range (R9).
    case overflow(accountNo: String)

    public var commandLineText: String { Strings(.en).statementProblem(self) }
}

extension Strings {
    public func statementProblem(_ p: StatementProblem) -> String {
        let id = language == .id
        switch p {
        case .fromAfterTo(let from, let to):
            return id ? "--from \(from.iso) sesudah --to \(to.iso)" : "--from \(from.iso) is after --to \(to.iso)"
        case .fromAfterToday(let from, let today):
            return id ? "--from \(from.iso) sesudah hari ini \(today.iso); berikan --to" : "--from \(from.iso) is after today \(today.iso); give --to"
        case .unbalanced(let no, let entries, let balance):
            return id ? "transaksi akun \(TextField.visible(no)) berjumlah \(entries) satuan terkecil, bukan saldo \(balance): jalankan tagih check"
                      : "account \(TextField.visible(no))'s entries add up to \(entries) minor units, not the balance \(balance): run tagih check"
        case .overflow(let no):
            return id ? "jumlah meluap: rekening koran akun \(TextField.visible(no)) melebihi yang dapat disimpan Tagih dengan tepat"
                      : "amount overflow: account \(TextField.visible(no))'s statement exceeds what Tagih can hold exactly"
        }
    }
}
