/// Refusals of `Authority` as one sentence naming the role and the rule
/// (CONTRACT §1a), in the reader's language.
extension Strings {
    public func refusal(_ r: Refusal, actor: User) -> String {
        let who = actor.login
        let id = language == .id
        switch r {
        case .role(let role, let action):
            let allowed = Self.allowedRoles(action)
            return id
                ? "hanya \(allowed.id) yang boleh \(Self.actionID[action] ?? action.rawValue); \(who) adalah \(self.role(role))"
                : "only \(allowed.en) may \(action.rawValue); \(who) is \(Self.article(role.rawValue)) \(role.rawValue)"
        case .notTheirAccount(let account, let collector):
            return id
                ? "\(who) hanya boleh mengusulkan rencana untuk akun miliknya atau yang belum ditugaskan; akun \(account) milik \(collector)"
                : "\(who) may propose plans only for accounts assigned to them or unassigned; account \(account) is \(collector)'s"
        case .notTheTeam(let account, let team):
            return id
                ? "\(who) memimpin tim \(actor.team ?? "—"); akun \(account) \(team.map { "milik tim \($0)" } ?? "tidak bertim")"
                : "\(who) leads team \(actor.team ?? "(none)"); account \(account) \(team.map { "belongs to team \($0)" } ?? "belongs to no team")"
        case .ownProposal:
            return id ? "tidak ada yang memutuskan rencana usulannya sendiri (\(who))"
                      : "nobody decides a plan they proposed themselves (\(who))"
        case .beyondAuthority:
            return id ? "rencana ini di luar wewenang \(who) sendiri: menunggu admin"
                      : "the plan is beyond \(who)'s own authority: it waits for an admin"
        case .assigneeNotInTeam(let login):
            return id ? "\(login) bukan anggota tim \(actor.team ?? "—") milik \(who)"
                      : "\(login) is not in \(who)'s team \(actor.team ?? "(none)")"
        case .clockOverride(let role):
            return id
                ? "--today, TAGIH_TODAY dan TAGIH_NOW pada perintah yang mencatat hanya untuk admin; \(who) adalah \(self.role(role))"
                : "--today, TAGIH_TODAY and TAGIH_NOW are for admins on a command that records; \(who) is \(Self.article(role.rawValue)) \(role.rawValue)"
        case .outOfScope(let login):
            return id
                ? "\(who) (\(self.role(actor.role))) hanya membaca angka \(actor.role == .collector ? "akunnya sendiri" : "timnya"); \(login) di luar itu"
                : "\(who) (\(actor.role.rawValue)) reads only \(actor.role == .collector ? "their own accounts'" : "the team's") figures; \(login) is outside them"
        case .mayNotWork(let account, let collector, let action):
            return id
                ? "\(who) hanya boleh \(Self.actionID[action] ?? action.rawValue) pada akun miliknya atau yang belum ditugaskan; akun \(account) milik \(collector)"
                : "\(who) may \(action.rawValue) only on accounts assigned to them or unassigned; account \(account) is \(collector)'s"
        case .holdKind(let kind):
            return id ? "kolektor hanya boleh memasang penahanan dispute atau hardship, bukan \(kind.rawValue); \(who) adalah kolektor"
                      : "a collector may place only dispute or hardship holds, not \(kind.rawValue); \(who) is a collector"
        case .ownResolution:
            return id ? "tidak ada yang memutuskan kredit penyelesaian kasusnya sendiri (\(who))"
                      : "nobody approves or declines a credit they resolved themselves (\(who))"
        case .assigneeRole(let login, let role):
            return id ? "\(login) adalah \(self.role(role)); akun hanya ditugaskan ke kolektor atau ketua tim"
                      : "\(login) is \(Self.article(role.rawValue)) \(role.rawValue); accounts are assigned to collectors or leads"
        }
    }

    static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

    /// Who may do an action at all, in words.
    static func allowedRoles(_ a: Permission.Name) -> (en: String, id: String) {
        switch a {
        case .readReports, .logContact, .proposePlan, .placeHold, .workCase: ("collectors, leads and admins", "kolektor, ketua tim dan admin")
        case .openCase: ("anyone who may read the account", "siapa pun yang boleh membaca akun")
        case .releaseHold, .approveCredit, .declineCredit: ("a lead or admin", "ketua tim atau admin")
        case .overridePolicy, .approvePlan, .declinePlan, .cancelPlan, .assign, .reconcile, .pauseReminders: ("a lead or admin", "ketua tim atau admin")
        case .recordMessages, .importFiles, .runNightly, .check, .channels, .serve: ("an admin or the batch login", "admin atau login batch")
        case .manageUsers, .manageRules, .recordWithMovedClock, .readAudit: ("an admin", "admin")
        case .changePhones: ("anyone who may read the account", "siapa pun yang boleh membaca akun")
        }
    }

    static let actionID: [Permission.Name: String] = [
        .readReports: "membaca laporan", .logContact: "mencatat kontak", .overridePolicy: "mengesampingkan kebijakan kontak",
        .recordMessages: "mencatat pesan terkirim", .pauseReminders: "menjeda tahap pengingat", .proposePlan: "mengusulkan rencana", .approvePlan: "menyetujui rencana",
        .declinePlan: "menolak rencana", .cancelPlan: "membatalkan rencana", .assign: "menugaskan akun", .importFiles: "mengimpor berkas",
        .runNightly: "menjalankan batch malam", .manageUsers: "mengelola pengguna", .manageRules: "mengubah aturan",
        .check: "memeriksa buku besar", .channels: "mengelola kanal pembayaran", .serve: "melayani pembayaran",
        .reconcile: "merekonsiliasi pembayaran", .recordWithMovedClock: "mencatat dengan jam yang digeser", .readAudit: "membaca jejak audit",
        .changePhones: "mengubah nomor telepon",
        .placeHold: "memasang penahanan", .releaseHold: "melepas penahanan", .openCase: "membuka kasus",
        .workCase: "memperpanjang atau menyelesaikan kasus", .approveCredit: "menyetujui kredit kasus", .declineCredit: "menolak kredit kasus",
    ]
}
