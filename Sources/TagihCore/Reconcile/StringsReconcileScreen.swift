/// The workstation's Reconciliation tab (Reports, leads and admins): its words.
extension Strings {
    public enum ReconcileScreenWord: Sendable {
        case tab, channel, statementFile, prompt, noChannels, typePath, profile
    }

    public func reconcileScreen(_ w: ReconcileScreenWord) -> String {
        let id = language == .id
        switch w {
        case .tab: return id ? "Rekonsiliasi" : "Reconciliation"
        case .channel: return id ? "Kanal" : "Channel"
        case .statementFile: return id ? "Laporan" : "Statement"
        case .prompt: return id ? "Berkas laporan penyelesaian:" : "Settlement statement file:"
        case .noChannels: return id ? "Belum ada pembayaran dengan kanal di buku." : "No payments with a channel in the ledger yet."
        case .typePath:
            // Filled with the keys the keymap binds (open; channel; month).
            return id ? "%@ ketik berkas laporan kanal ini · %@ kanal · %@ bulan"
                      : "%@ type this channel's statement file · %@ channel · %@ month"
        case .profile: return id ? "profil" : "profile"
        }
    }

    /// A ref's outcome in a column of 20 (80 columns): what is missing on which side.
    public func reconcileStatusShort(_ s: Reconciliation.Status) -> String {
        let id = language == .id
        switch s {
        case .matched: return id ? "cocok" : "matched"
        case .postedNotSettled: return id ? "belum diselesaikan" : "not settled"
        case .settledNotPosted: return id ? "belum dibukukan" : "not posted"
        case .amountDiffers: return id ? "jumlah berbeda" : "amount differs"
        }
    }

    /// How many refs came out each way, on one line.
    public func reconcileCounts(_ c: [Reconciliation.Status: Int]) -> String {
        Reconciliation.Status.allCases.map { "\(reconcileStatusShort($0)) \(c[$0] ?? 0)" }.joined(separator: " · ")
    }
}
