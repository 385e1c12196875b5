import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// Which inbox files the nightly batch imports with a channel profile
/// (CONTRACT §11): a name matching a profile's file_pattern is a payments
/// file with that profile, in the payments group's name order; never a
/// rejects file, the lock or a folder, even under a pattern of `*`.
@Suite struct NightlyProfileFilesTests {
    func inbox(_ files: [String], folders: [String] = []) throws -> Scratch {
        let s = try Scratch()
        for f in folders { try FileManager.default.createDirectory(atPath: s.path("inbox/\(f)"), withIntermediateDirectories: true) }
        try FileManager.default.createDirectory(atPath: s.path("inbox"), withIntermediateDirectories: true)
        for f in files { _ = FileManager.default.createFile(atPath: s.path("inbox/\(f)"), contents: Data("x\n".utf8)) }
        return s
    }

    func names(_ s: Scratch, _ profiles: [ChannelProfile]) throws -> [String] {
        try Nightly.files(in: s.path("inbox"), profiles: profiles).map {
            "\($0.kind.rawValue):\(($0.path as NSString).lastPathComponent)\($0.profile.map { "@\($0.name)" } ?? "")"
        }
    }

    @Test func aMatchingFileIsPaymentsWithItsProfile() throws {
        let s = try inbox(["charges-1.csv", "payments-2.csv", "bca-va-1.csv", "bca-va-1.csv.rejects.csv", "qris-1.csv", "accounts-1.csv",
                           "adjustments-1.csv", "notes.txt"])
        let va = ChannelProfile(name: "bca-va", channel: "VA", filePattern: "bca-va-*.csv")
        let qris = ChannelProfile(name: "qris", channel: "QRIS", filePattern: "qris-?.csv")
        #expect(try names(s, [qris, va]) == ["accounts:accounts-1.csv", "charges:charges-1.csv", "payments:bca-va-1.csv@bca-va",
                                             "payments:payments-2.csv", "payments:qris-1.csv@qris", "adjustments:adjustments-1.csv"])
        // Without profiles, the name rules alone.
        #expect(try names(s, []) == ["accounts:accounts-1.csv", "charges:charges-1.csv", "payments:payments-2.csv", "adjustments:adjustments-1.csv"])
    }

    @Test func aPatternOfStarTakesNoFolderLockOrRejects() throws {
        let s = try inbox(["charges-1.csv", ".tagih-nightly.lock", "x.rejects.csv"], folders: ["archive", "rejects"])
        let all = ChannelProfile(name: "all", channel: "VA", filePattern: "*")
        #expect(try names(s, [all]) == ["payments:charges-1.csv@all"])
    }

    @Test func theFirstProfileByNameWins() throws {
        let s = try inbox(["bank-1.csv"])
        let b = ChannelProfile(name: "b", channel: "VA", filePattern: "bank-*.csv")
        let a = ChannelProfile(name: "a", channel: "QRIS", filePattern: "*.csv")
        #expect(try names(s, [b, a]) == ["payments:bank-1.csv@a"])
    }
}
