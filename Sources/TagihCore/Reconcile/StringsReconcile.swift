/// The reconciliation page's words, in the reader's language.
extension Strings {
    public enum ReconcileWord: Sendable {
        case title, period, statement, ref, status, account, postedOn, posted, settledOn, settled, fee
        case totals, totalPosted, totalSettled, totalFees, difference, nothing
    }

    public func reconcile(_ w: ReconcileWord) -> String {
        let id = language == .id
        switch w {
        case .title: return id ? "Rekonsiliasi kanal" : "Reconciliation of channel"
        case .period: return id ? "Periode" : "Period"
        case .statement: return id ? "Laporan penyelesaian" : "Settlement statement"
        case .ref: return id ? "Referensi" : "Ref"
        case .status: return id ? "Status" : "Status"
        case .account: return id ? "Rekening" : "Account"
        case .postedOn: return id ? "Tgl dibukukan" : "Posted on"
        case .posted: return id ? "Dibukukan" : "Posted"
        case .settledOn: return id ? "Tgl diselesaikan" : "Settled on"
        case .settled: return id ? "Diselesaikan" : "Settled"
        case .fee: return id ? "Biaya" : "Fee"
        case .totals: return id ? "Jumlah" : "Totals"
        case .totalPosted: return id ? "Dibukukan" : "Posted"
        case .totalSettled: return id ? "Diselesaikan" : "Settled"
        case .totalFees: return id ? "Biaya" : "Fees"
        case .difference: return id ? "Selisih (dibukukan − diselesaikan)" : "Difference (posted − settled)"
        case .nothing: return id ? "Tidak ada pembayaran maupun baris laporan dalam periode ini." : "No payments and no statement lines in this period."
        }
    }

    /// A ref's outcome as the page names it.
    public func reconcileStatus(_ s: Reconciliation.Status) -> String {
        let id = language == .id
        switch s {
        case .matched: return id ? "cocok" : "matched"
        case .postedNotSettled: return id ? "dibukukan, belum diselesaikan" : "posted, not settled"
        case .settledNotPosted: return id ? "diselesaikan, belum dibukukan" : "settled, not posted"
        case .amountDiffers: return id ? "jumlah berbeda" : "amount differs"
        }
    }
}
