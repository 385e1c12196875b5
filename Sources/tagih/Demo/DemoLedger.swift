import Foundation
import TagihCore
import TagihStore

/// A realistic, deterministic Indonesian demo ledger, written as the four
/// import files of CONTRACT §3 (accounts, charges, payments, adjustments).
///
/// Every account is generated on its own from a SplitMix64 stream seeded by
/// (`seed`, account number), so the same arguments always give byte-identical
/// files. Rows are streamed through one reusable byte buffer per file and
/// flushed in 1 MiB chunks: memory use does not grow with the number of accounts.
///
/// How an account behaves is drawn from a profile, and the aging picture as of
/// `today` follows from it rather than being forced:
/// - *lancar* (pays each invoice around its due date): current or fully paid,
///   sometimes a few days past due;
/// - *telat* (pays in order, but a steady 10–75 days late): 1-30 to 61-90;
/// - *macet* (paid for a while, then stopped; billing suspended after a few
///   unpaid months): 31-60 up to 121+, some written off;
/// - *tidak bayar* (never paid anything): mostly new accounts.
/// Payments pay invoices oldest first (one payment per invoice, sometimes split
/// in two instalments or two months paid at once), so the contract's allocation
/// gives the intended picture; partial payments, credit notes, late fees,
/// bounced payments (reversals), small overpayments and write-offs are sprinkled on top.
struct DemoLedger {
    struct Staff {
        let login: String
        let name: String
        let role: String // "collector" | "lead"
        let team: String
    }

    struct Files {
        let accounts: String
        let charges: String
        let payments: String
        let adjustments: String
        let accountRows: Int
        let chargeRows: Int
        let paymentRows: Int
        let adjustmentRows: Int
    }

    /// A file could not be created or written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    let accounts: Int
    let today: Day
    let seed: UInt64
    let currency: Currency
    let chargesPerAccount: Int?
    let paymentsPerAccount: Int?

    /// accounts: number of accounts; seed: PRNG seed (fixed default 20251123);
    /// chargesPerAccount/paymentsPerAccount: nil = a realistic random spread (about 3 charges and 2 payments per account on average);
    /// a number = exactly that many per account (the benchmark uses 5 and 4).
    init(accounts: Int, today: Day, seed: UInt64 = 20251123, currency: Currency = .idr,
         chargesPerAccount: Int? = nil, paymentsPerAccount: Int? = nil) {
        self.accounts = max(0, accounts)
        self.today = today
        self.seed = seed
        self.currency = currency
        self.chargesPerAccount = chargesPerAccount.map { max(0, $0) }
        self.paymentsPerAccount = paymentsPerAccount.map { max(0, $0) }
    }

    /// Two teams with a lead each and 12 collectors in total.
    var staff: [Staff] {
        DemoData.staff.map { Staff(login: $0.0, name: $0.1, role: $0.2, team: $0.3) }
    }

    /// Writes accounts.csv, charges.csv, payments.csv, adjustments.csv into `directory` (which exists).
    func write(to directory: String) throws -> Files {
        try generate(into: directory, direct: nil, cutoff: nil)
    }

    /// Adds the accounts and their entries dated before `cutoff` to `loader`,
    /// and writes the entries dated on or after it as import files into
    /// `directory` (which exists) for the nightly batch; a kind with no such
    /// entry gets no file.
    func load(into loader: LedgerLoader, filesFrom cutoff: Day, to directory: String) throws -> Files {
        let files = try generate(into: directory, direct: loader, cutoff: cutoff)
        let rows = [files.accountRows, files.chargeRows, files.paymentRows, files.adjustmentRows]
        for (path, n) in zip([files.accounts, files.charges, files.payments, files.adjustments], rows) where n == 0 {
            try? FileManager.default.removeItem(atPath: path)
        }
        return files
    }

    private func generate(into directory: String, direct: LedgerLoader?, cutoff: Day?) throws -> Files {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = ["accounts.csv", "charges.csv", "payments.csv", "adjustments.csv"].map { base + $0 }
        var gen = try DemoGenerator(ledger: self, paths: paths, direct: direct, cutoff: cutoff)
        do {
            try gen.run()
        } catch {
            gen.abandon()
            throw error
        }
        return Files(accounts: paths[0], charges: paths[1], payments: paths[2], adjustments: paths[3],
                     accountRows: gen.accountRows, chargeRows: gen.chargeRows,
                     paymentRows: gen.paymentRows, adjustmentRows: gen.adjustmentRows)
    }
}

// MARK: - PRNG

/// One stream of `SplitMix64` per account, with the draws the generator needs.
struct DemoRandom {
    var source: SplitMix64

    init(seed: UInt64, stream: UInt64) {
        source = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = next()
    }

    @inline(__always) mutating func next() -> UInt64 { source.next() }

    /// Uniform in 0..<n (n > 0), by the multiply-high method (the bias is negligible here).
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in lo...hi.
    @inline(__always) mutating func range(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// True with probability permille/1000.
    @inline(__always) mutating func chance(_ permille: Int) -> Bool { below(1000) < permille }

    /// An index drawn with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        var x = below(total)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}

// MARK: - Output

/// One CSV file: a reusable byte buffer flushed with fwrite in 1 MiB chunks.
struct DemoCSVSink {
    static let chunk = 1 << 20
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    var buf: [UInt8] = []
    private(set) var rows = 0

    /// A sink with no file: a buffer to format into.
    init() {
        path = ""
        file = nil
    }

    /// A file a person asked for (`demo --csv DIR`): private (0600), never
    /// through a symbolic link or onto a device or FIFO (DESIGN §6a).
    init(path: String) throws {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw DemoLedger.WriteError(path: path, reason: "it is not a plain file")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0, let f = fdopen(fd, "wb") else {
            let reason = String(cString: strerror(errno))
            throw DemoLedger.WriteError(path: path, reason: reason)
        }
        self.path = path
        file = f
        buf.reserveCapacity(Self.chunk + 64 * 1024)
    }

    @inline(__always) mutating func byte(_ b: UInt8) { buf.append(b) }
    @inline(__always) mutating func bytes(_ b: [UInt8]) { buf.append(contentsOf: b) }
    @inline(__always) mutating func comma() { buf.append(0x2C) }

    /// A text field, quoted (RFC 4180) only when it holds a comma, quote or line break.
    mutating func field(_ b: [UInt8]) {
        var needs = false
        for c in b where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D { needs = true; break }
        guard needs else { buf.append(contentsOf: b); return }
        buf.append(0x22)
        for c in b {
            if c == 0x22 { buf.append(0x22) }
            buf.append(c)
        }
        buf.append(0x22)
    }

    /// A non-negative integer in decimal, left-padded with zeros to `width`.
    @inline(__always) mutating func int(_ value: Int, width: Int = 1) {
        DemoGenerator.appendInt(&buf, value, width: width)
    }

    /// A day as ISO `YYYY-MM-DD`.
    @inline(__always) mutating func date(_ ordinal: Int32, _ table: DemoDateTable) {
        let i = Int(ordinal - table.first) * 10
        if i >= 0 && i + 10 <= table.bytes.count {
            buf.append(contentsOf: table.bytes[i..<(i + 10)])
        } else {
            buf.append(contentsOf: Day(ordinal: ordinal).iso.utf8)
        }
    }

    /// The file format: whole units, and the minor digits only when not zero (`1250000`, `275500.50`).
    @inline(__always) mutating func money(_ minor: Int64, unit: Int64, minorDigits: Int) {
        int(Int(minor / unit))
        let frac = minor % unit
        if frac != 0 {
            buf.append(0x2E)
            int(Int(frac), width: minorDigits)
        }
    }

    /// `INV-<yyyymm>-<account digits>`.
    @inline(__always) mutating func invoiceRef(_ month: Int, _ accountDigits: [UInt8]) {
        buf.append(contentsOf: [0x49, 0x4E, 0x56, 0x2D]) // INV-
        int(month / 12, width: 4)
        int(month % 12 + 1, width: 2)
        buf.append(0x2D)
        buf.append(contentsOf: accountDigits)
    }

    /// `BT-00012345` and the like.
    @inline(__always) mutating func paymentRef(_ channel: Int, _ ref: Int, width: Int) {
        buf.append(contentsOf: DemoData.channelPrefixes[channel])
        int(ref, width: width)
    }

    /// Ends a data row; flushes when the buffer has reached a chunk.
    mutating func endRow() throws {
        buf.append(0x0A)
        rows += 1
        if buf.count >= Self.chunk { try flush() }
    }

    /// Ends the header row (not counted).
    mutating func endHeader() { buf.append(0x0A) }

    mutating func flush() throws {
        guard !buf.isEmpty, let file else { return }
        let written = buf.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buf.count else {
            throw DemoLedger.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        buf.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        guard let f = file else { return }
        file = nil
        if fclose(f) != 0 {
            throw DemoLedger.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Closes without caring (after an error).
    mutating func abandon() {
        if let f = file { fclose(f) }
        file = nil
    }
}

/// ISO dates of a window of days, 10 bytes each, so a row never formats a date.
struct DemoDateTable {
    let first: Int32
    let bytes: [UInt8]

    init(from first: Int32, to last: Int32) {
        self.first = first
        var b: [UInt8] = []
        b.reserveCapacity(Int(last - first + 1) * 10)
        for o in first...last { b.append(contentsOf: Day(ordinal: o).iso.utf8) }
        bytes = b
    }
}

// MARK: - Static data

enum DemoData {
    static let staff: [(String, String, String, String)] = [
        ("lead01", "Hendra Gunawan", "lead", "TIM-BARAT"),
        ("lead02", "Theresia Pangemanan", "lead", "TIM-TIMUR"),
        ("kol01", "Rudi Hartono", "collector", "TIM-BARAT"),
        ("kol02", "Sri Wahyuni", "collector", "TIM-BARAT"),
        ("kol03", "Agus Setiawan", "collector", "TIM-BARAT"),
        ("kol04", "Dewi Lestari", "collector", "TIM-BARAT"),
        ("kol05", "Fajar Nugroho", "collector", "TIM-BARAT"),
        ("kol06", "Rina Marlina Siregar", "collector", "TIM-BARAT"),
        ("kol07", "Andi Syamsuddin", "collector", "TIM-TIMUR"),
        ("kol08", "Ni Made Suartini", "collector", "TIM-TIMUR"),
        ("kol09", "Yohanes Rumbiak", "collector", "TIM-TIMUR"),
        ("kol10", "Meiske Rondonuwu", "collector", "TIM-TIMUR"),
        ("kol11", "Ahmad Fauzi", "collector", "TIM-TIMUR"),
        ("kol12", "Evi Pattiasina", "collector", "TIM-TIMUR"),
    ]

    static func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    // Names. `general` is Java/Sumatra/Kalimantan; the regional pools are used
    // for most (not all) debtors in Bali, Minahasa and the east.
    static let firstGeneral = bytes([
        "Budi", "Siti", "Agus", "Dewi", "Andi", "Rina", "Joko", "Sri", "Ahmad", "Nur",
        "Eko", "Wahyu", "Dian", "Fitri", "Hendra", "Yuni", "Rudi", "Ratna", "Bambang", "Indah",
        "Dedi", "Lestari", "Hadi", "Mega", "Arif", "Nurul", "Irfan", "Putri", "Taufik", "Wulan",
        "Fajar", "Ayu", "Rizky", "Maya", "Yusuf", "Sari", "Iwan", "Desi", "Agung", "Novi",
        "Bayu", "Rini", "Dimas", "Evi", "Gilang", "Anisa", "Hasan", "Kartika", "Imam", "Lina",
        "Teguh", "Ani", "Rahmat", "Endang", "Slamet", "Tuti", "Yoga", "Wati", "Adi", "Ika",
    ])
    static let lastGeneral = bytes([
        "Santoso", "Rahayu", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Setiawan", "Susanto", "Lestari",
        "Nugroho", "Wibowo", "Gunawan", "Purnomo", "Hartono", "Sutanto", "Halim", "Siregar", "Nasution", "Harahap",
        "Lubis", "Simanjuntak", "Sitompul", "Tanjung", "Hasibuan", "Situmorang", "Pardede", "Rangkuti", "Syahputra", "Firmansyah",
        "Ramadhan", "Maulana", "Hakim", "Fauzi", "Sulistyo", "Prasetyo", "Utomo", "Wardhana", "Handoko", "Suryadi",
        "Permana", "Sasmita", "Hermawan", "Kusuma", "Anggraini", "Puspita", "Wulandari", "Safitri", "Oktaviani", "Rachman",
        "Daulay", "Effendi", "Sinaga", "Manurung", "Tambunan", "Sihombing", "Matondang", "Sembiring", "Ginting", "Tarigan",
    ])
    static let middleGeneral = bytes(["Muhammad", "Nur", "Dwi", "Tri", "Eka", "Ayu", "Putra", "Indra", "Sri", "Budi"])
    static let firstBali = [
        bytes(["I Made", "I Wayan", "I Nyoman", "I Ketut", "I Gede", "I Putu", "I Komang", "I Kadek"]),
        bytes(["Ni Made", "Ni Wayan", "Ni Nyoman", "Ni Ketut", "Ni Luh", "Ni Putu", "Ni Komang", "Ni Kadek"]),
    ]
    static let lastBali = [
        bytes(["Wirawan", "Sudarsana", "Suardana", "Mahendra", "Artawan", "Adnyana", "Budiarta", "Dharmawan",
               "Sukerta", "Widiana", "Arimbawa", "Sedana", "Suarjana", "Astawa", "Yasa", "Mertha"]),
        bytes(["Suartini", "Astuti", "Suryani", "Sukarini", "Widiastuti", "Ariani", "Puspitasari", "Sriani",
               "Wahyuni", "Handayani", "Yuliani", "Kartini", "Dewi", "Rusmini", "Sudiani", "Parwati"]),
    ]
    static let firstEast = bytes([
        "Yohanes", "Petrus", "Markus", "Yosef", "Fransiskus", "Agustinus", "Marthen", "Yakob", "Daniel", "Simon",
        "Paulus", "Yulius", "Maria", "Agustina", "Yuliana", "Elisabeth", "Martha", "Ruth", "Kristina", "Fransiska",
        "Magdalena", "Selfina",
    ])
    static let lastEast = bytes([
        "Kambu", "Wenda", "Rumbiak", "Mandowen", "Wanggai", "Kogoya", "Tabuni", "Yoku", "Pattiasina", "Latumahina",
        "Manuputty", "Tuhumury", "Pattinama", "Ndoen", "Fanggidae", "Nalle", "Manafe", "Sahetapy", "Rumkorem", "Awom",
        "Karubaba", "Sawaki",
    ])
    static let firstManado = bytes([
        "Ferry", "Jefry", "Meiske", "Stevi", "Olivia", "Rommy", "Frangky", "Deasy", "Novita", "Hendrik",
        "Jeane", "Vicky", "Grace", "Ronald", "Fenny", "Marlon",
    ])
    static let lastManado = bytes([
        "Sumual", "Lumentut", "Rondonuwu", "Tanod", "Pangemanan", "Wowor", "Mandagi", "Rumengan", "Sondakh", "Kalangi",
        "Lengkong", "Tumbelaka", "Lumowa", "Warouw", "Kaunang", "Supit",
    ])

    // Businesses.
    static let bizFirst = bytes([
        "Sinar", "Berkah", "Maju", "Sumber", "Karya", "Cahaya", "Mitra", "Putra", "Anugerah", "Harapan",
        "Bintang", "Mega", "Prima", "Citra", "Surya", "Tunas", "Bumi", "Duta", "Setia", "Rajawali",
        "Garuda", "Nusa", "Multi", "Sarana", "Tirta", "Agung", "Mulia", "Indo", "Samudra", "Kencana",
    ])
    static let bizSecond = bytes([
        "Jaya", "Abadi", "Makmur", "Rezeki", "Sejahtera", "Mandiri", "Sentosa", "Utama", "Perkasa", "Lestari",
        "Gemilang", "Bersama", "Nusantara", "Agung", "Mulia", "Sukses", "Persada", "Permai", "Raya", "Indah",
        "Baru", "Santosa", "Cemerlang", "Kencana",
    ])

    // Addresses.
    static let streets = bytes([
        "Merdeka", "Jend. Sudirman", "Ahmad Yani", "Diponegoro", "Gatot Subroto", "Pahlawan", "Imam Bonjol",
        "Gajah Mada", "Hayam Wuruk", "Pemuda", "Veteran", "Kartini", "Sultan Hasanuddin", "Sam Ratulangi",
        "Pattimura", "Teuku Umar", "Cendrawasih", "Mawar", "Melati", "Anggrek", "Kenanga", "Flamboyan",
        "Cempaka", "Dr. Sutomo", "Pangeran Antasari", "Jend. Ahmad Yani", "Raya Pasar Minggu", "Sisingamangaraja",
        "Basuki Rahmat", "Pemuda", "HOS Cokroaminoto", "Ki Hajar Dewantara", "Letjen S. Parman", "MH Thamrin",
        "Cut Nyak Dien", "Juanda", "Panglima Polim", "Kapten Tendean", "Siliwangi", "Brawijaya",
    ])
    static let gangs = bytes(["Mawar", "Melati", "Kenari", "Manggis", "Rambutan", "Masjid", "Haji Naim", "Swadaya", "Damai", "Langgar"])

    /// (city, zone index, weight per mille, team, area code, name pool)
    /// Teams split the country in two halves of about the same size:
    /// TIM-BARAT Sumatra, Jakarta, West Java, West Kalimantan; TIM-TIMUR the rest.
    static let cities: [(String, Int, Int, Int, String, Pool)] = [
        ("Jakarta", 0, 200, 0, "021", .general),
        ("Bandung", 0, 90, 0, "022", .general),
        ("Medan", 0, 80, 0, "061", .general),
        ("Palembang", 0, 50, 0, "0711", .general),
        ("Pekanbaru", 0, 40, 0, "0761", .general),
        ("Pontianak", 0, 40, 0, "0561", .general),
        ("Surabaya", 0, 100, 1, "031", .general),
        ("Semarang", 0, 60, 1, "024", .general),
        ("Yogyakarta", 0, 40, 1, "0274", .general),
        ("Makassar", 1, 60, 1, "0411", .general),
        ("Denpasar", 1, 50, 1, "0361", .bali),
        ("Balikpapan", 1, 30, 1, "0542", .general),
        ("Manado", 1, 30, 1, "0431", .manado),
        ("Mataram", 1, 20, 1, "0370", .general),
        ("Kupang", 1, 15, 1, "0380", .east),
        ("Banjarmasin", 1, 15, 1, "0511", .general),
        ("Jayapura", 2, 35, 1, "0967", .east),
        ("Ambon", 2, 25, 1, "0911", .east),
        ("Sorong", 2, 10, 1, "0951", .east),
        ("Manokwari", 2, 10, 1, "0986", .east),
    ]
    enum Pool { case general, bali, east, manado }
    static let cityNames = bytes(cities.map(\.0))
    static let cityAreaCodes = bytes(cities.map(\.4))
    static let cityWeights = cities.map(\.2)
    static let zones = bytes(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])

    /// Mobile prefixes by operator, with the operator's rough market share.
    static let mobilePrefixes: [([Int], Int)] = [
        ([811, 812, 813, 821, 822, 823, 851, 852, 853], 50), // Telkomsel
        ([814, 815, 816, 855, 856, 857, 858], 20),            // Indosat
        ([817, 818, 819, 859, 877, 878], 15),                 // XL
        ([895, 896, 897, 898, 899], 8),                       // Tri
        ([831, 832, 833, 838], 4),                            // Axis
        ([881, 882, 883, 887, 888, 889], 3),                  // Smartfren
    ]
    static let operatorWeights = mobilePrefixes.map(\.1)

    static let segments = bytes(["RETAIL", "UMKM", "KORPORAT"])
    static let collectors = bytes((1...12).map { $0 < 10 ? "kol0\($0)" : "kol\($0)" })

    static let months = bytes(["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                               "September", "Oktober", "November", "Desember"])

    /// Payment channels: file name and ref prefix.
    static let channelNames = bytes(["BANK_TRANSFER", "VA", "QRIS", "MINIMARKET", "EWALLET", "POS"])
    static let channelPrefixes = bytes(["BT-", "VA-", "QR-", "MM-", "EW-", "POS-"])
    /// Channel weights per segment (RETAIL, UMKM, KORPORAT): overall about
    /// BANK_TRANSFER 31%, VA 30%, QRIS 12%, MINIMARKET 11%, EWALLET 10%, POS 5%.
    static let channelWeights: [[Int]] = [
        [22, 30, 16, 16, 13, 3],
        [38, 30, 8, 6, 6, 12],
        [65, 35, 0, 0, 0, 0],
    ]

    static let reasonLateFee = bytes(["Denda keterlambatan"])[0]
    static let reasonCreditNote = bytes(["Nota kredit - koreksi tagihan"])[0]
    static let reasonWriteOff = bytes(["Dihapusbukukan"])[0]
    static let reasonBounced = bytes(["Dana ditolak bank"])[0]
    static let reasonChargeback = bytes(["Chargeback QRIS"])[0]
}

// MARK: - Generator

enum DemoProfile { case lancar, telat, macet, tidakBayar }

struct DemoInvoice {
    var month: Int    // year * 12 + month - 1
    var issue: Int32  // day ordinals
    var due: Int32
    var amount: Int64 // minor units
    var payDate: Int32
}

struct DemoPayment {
    var date: Int32
    var amount: Int64
    var target: Int   // invoice index named by invoice_ref, or -1
    var first: Int    // earliest invoice this payment is for (its date is on or after that invoice's issue date)
    var channel: Int = 0
    var ref: Int = 0
    var reversedOn: Int32 = -1
}

enum DemoAdjustmentKind { case debit, credit, writeoff, reversal }

struct DemoAdjustment {
    var kind: DemoAdjustmentKind
    var date: Int32
    var amount: Int64 = 0
    var invoice: Int = -1
    var payment: Int = -1
}

struct DemoGenerator {
    let ledger: DemoLedger
    let today: Int32
    let todayYear: Int, todayMonth: Int, todayDay: Int
    let unit: Int64
    let minorDigits: Int
    let fixedCharges: Int?
    let fixedPayments: Int?
    let accountWidth: Int
    let paymentRefWidth: Int
    let adjustmentRefWidth: Int

    var accountsOut: DemoCSVSink
    var chargesOut: DemoCSVSink
    var paymentsOut: DemoCSVSink
    var adjustmentsOut: DemoCSVSink

    let dates: DemoDateTable

    // Counters for refs unique across each file.
    var channelCounters = [Int](repeating: 0, count: 6)
    var adjustmentCounter = 0

    // Per-account scratch, reused.
    var accountNo: [UInt8] = []
    var digits: [UInt8] = []
    var name: [UInt8] = []
    var phone: [UInt8] = []
    var email: [UInt8] = []
    var address: [UInt8] = []
    var zone = 0, segment = 0
    var collector: Int?
    var invoices: [DemoInvoice] = []
    var payments: [DemoPayment] = []
    var adjustments: [DemoAdjustment] = []

    var accountRows: Int { accountsOut.rows }
    var chargeRows: Int { chargesOut.rows }
    var paymentRows: Int { paymentsOut.rows }
    var adjustmentRows: Int { adjustmentsOut.rows }

    /// Where the history goes instead of the files, when loading a ledger
    /// directly (see DemoRows.swift): the entries dated before `cutoff`;
    /// later ones still go to the files, as last night's batch.
    let direct: LedgerLoader?
    let cutoff: Int32
    var history = DemoHistory()

    init(ledger: DemoLedger, paths: [String], direct: LedgerLoader? = nil, cutoff: Day? = nil) throws {
        self.ledger = ledger
        self.direct = direct
        self.cutoff = cutoff?.ordinal ?? Int32.min
        today = ledger.today.ordinal
        (todayYear, todayMonth, todayDay) = ledger.today.components
        unit = ledger.currency.unit
        minorDigits = ledger.currency.minorDigits
        fixedCharges = ledger.chargesPerAccount
        fixedPayments = ledger.paymentsPerAccount
        accountWidth = max(7, String(ledger.accounts).count)
        let perAccount = max(fixedPayments ?? 12, 1)
        paymentRefWidth = max(8, String(ledger.accounts * perAccount).count)
        adjustmentRefWidth = max(7, String(ledger.accounts * 4).count)

        // Entries reach back at most a few years; due dates at most 31 days ahead.
        dates = DemoDateTable(from: today - 4000, to: today + 100)

        accountsOut = try DemoCSVSink(path: paths[0])
        do {
            chargesOut = try DemoCSVSink(path: paths[1])
            paymentsOut = try DemoCSVSink(path: paths[2])
            adjustmentsOut = try DemoCSVSink(path: paths[3])
        } catch {
            accountsOut.abandon()
            throw error
        }
        invoices.reserveCapacity(32)
        payments.reserveCapacity(32)
        adjustments.reserveCapacity(16)
    }

    mutating func abandon() {
        accountsOut.abandon(); chargesOut.abandon(); paymentsOut.abandon(); adjustmentsOut.abandon()
    }

    mutating func run() throws {
        accountsOut.bytes(Array("account_no,name,phone,email,address,timezone,segment,collector".utf8))
        accountsOut.endHeader()
        chargesOut.bytes(Array("account_no,ref,issue_date,due_date,amount,description".utf8))
        chargesOut.endHeader()
        paymentsOut.bytes(Array("account_no,ref,paid_on,amount,channel,invoice_ref".utf8))
        paymentsOut.endHeader()
        adjustmentsOut.bytes(Array("account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason".utf8))
        adjustmentsOut.endHeader()
        if ledger.accounts > 0 {
            for i in 1...ledger.accounts { try account(i) }
        }
        try accountsOut.close()
        try chargesOut.close()
        try paymentsOut.close()
        try adjustmentsOut.close()
    }

    // MARK: one account

    mutating func account(_ index: Int) throws {
        var r = DemoRandom(seed: ledger.seed, stream: UInt64(index))

        digits.removeAll(keepingCapacity: true)
        Self.appendInt(&digits, index, width: accountWidth)
        accountNo.removeAll(keepingCapacity: true)
        accountNo.append(contentsOf: [0x41, 0x43, 0x43]) // ACC
        accountNo.append(contentsOf: digits)

        // Who they are.
        let s = r.below(1000)
        let segment = s < 100 ? 2 : (s < 400 ? 1 : 0) // KORPORAT 10%, UMKM 30%, RETAIL 60%
        let business = segment == 2 || (segment == 1 && r.chance(170))
        let city = r.weighted(DemoData.cityWeights)
        let (_, zone, _, team, _, pool) = DemoData.cities[city]

        try writeAccount(&r, segment: segment, business: business, city: city, zone: zone, team: team, pool: pool)
        try ledgerEntries(&r, segment: segment)
    }

    mutating func writeAccount(_ r: inout DemoRandom, segment: Int, business: Bool, city: Int, zone: Int, team: Int,
                               pool: DemoData.Pool) throws {
        // Name, and the words an e-mail address is made of.
        name.removeAll(keepingCapacity: true)
        var emailWords: [[UInt8]] = []
        var bizKind = 0 // 0 PT, 1 CV, 2 UD, 3 Toko
        if business {
            if segment == 2 {
                bizKind = r.chance(850) ? 0 : 1
            } else {
                bizKind = r.weighted([0, 35, 30, 35])
            }
            let w1 = DemoData.bizFirst[r.below(DemoData.bizFirst.count)]
            var w2 = DemoData.bizSecond[r.below(DemoData.bizSecond.count)]
            if w2 == w1 { w2 = DemoData.bizSecond[0] == w1 ? DemoData.bizSecond[1] : DemoData.bizSecond[0] }
            var words = [w1]
            if bizKind == 0 && r.chance(300) {
                var w = DemoData.bizFirst[r.below(DemoData.bizFirst.count)]
                if w == w1 { w = DemoData.bizFirst[(DemoData.bizFirst.firstIndex(of: w1)! + 1) % DemoData.bizFirst.count] }
                words.append(w)
            }
            words.append(w2)
            let prefixes = ["PT ", "CV ", "UD ", "Toko "]
            name.append(contentsOf: prefixes[bizKind].utf8)
            let quoted = bizKind == 3 && r.chance(100) // Toko "Sumber Rezeki", as on the shop sign
            if quoted { name.append(0x22) }
            for (k, w) in words.enumerated() {
                if k > 0 { name.append(0x20) }
                name.append(contentsOf: w)
            }
            if quoted { name.append(0x22) }
            emailWords = words
        } else {
            var first: [UInt8], last: [UInt8]
            var usePool = pool
            if pool != .general && r.chance(350) { usePool = .general }
            switch usePool {
            case .general:
                first = DemoData.firstGeneral[r.below(DemoData.firstGeneral.count)]
                last = DemoData.lastGeneral[r.below(DemoData.lastGeneral.count)]
            case .bali:
                let g = r.below(2)
                first = DemoData.firstBali[g][r.below(DemoData.firstBali[g].count)]
                last = DemoData.lastBali[g][r.below(DemoData.lastBali[g].count)]
            case .east:
                first = DemoData.firstEast[r.below(DemoData.firstEast.count)]
                last = DemoData.lastEast[r.below(DemoData.lastEast.count)]
            case .manado:
                first = DemoData.firstManado[r.below(DemoData.firstManado.count)]
                last = DemoData.lastManado[r.below(DemoData.lastManado.count)]
            }
            let form = usePool == .general ? r.below(100) : 50
            if form < 5 {
                // One name only, as many Indonesians have.
                name.append(contentsOf: first)
                emailWords = [first]
            } else if form < 13 {
                let middle = DemoData.middleGeneral[r.below(DemoData.middleGeneral.count)]
                if middle == first {
                    name.append(contentsOf: first)
                } else {
                    name.append(contentsOf: middle); name.append(0x20); name.append(contentsOf: first)
                }
                name.append(0x20); name.append(contentsOf: last)
                emailWords = [first, last]
            } else {
                name.append(contentsOf: first); name.append(0x20); name.append(contentsOf: last)
                emailWords = [first, last]
            }
        }

        // Phone: mostly mobile in three spellings; some business landlines; a few missing.
        phone.removeAll(keepingCapacity: true)
        let p = r.below(1000)
        if p >= 20 {
            if business && r.chance(segment == 2 ? 550 : 300) {
                let area = DemoData.cityAreaCodes[city]
                phone.append(contentsOf: area)
                phone.append(UInt8(0x32 + r.below(8)))
                for _ in 0..<(area.count == 3 ? 7 : 5) { phone.append(UInt8(0x30 + r.below(10))) }
            } else {
                let op = DemoData.mobilePrefixes[r.weighted(DemoData.operatorWeights)].0
                let prefix = op[r.below(op.count)]
                let length = [10, 11, 12, 13][r.weighted([6, 26, 53, 15])]
                let style = r.below(100)
                if style < 60 {
                    phone.append(0x30)
                } else if style < 85 {
                    phone.append(contentsOf: [0x2B, 0x36, 0x32]) // +62
                } else {
                    phone.append(contentsOf: [0x36, 0x32])
                }
                Self.appendInt(&phone, prefix, width: 3)
                phone.append(UInt8(0x31 + r.below(9)))
                for _ in 0..<(length - 5) { phone.append(UInt8(0x30 + r.below(10))) }
            }
        }

        // E-mail for about half.
        email.removeAll(keepingCapacity: true)
        if r.chance(business ? 700 : 450) {
            if business && bizKind <= 1 {
                let locals = ["info", "finance", "keuangan", "admin", "ar"]
                email.append(contentsOf: locals[r.below(locals.count)].utf8)
                email.append(0x40)
                for w in emailWords { Self.appendLower(&email, w) }
                email.append(contentsOf: (r.chance(700) ? ".co.id" : ".com").utf8)
            } else if business {
                if bizKind == 3 { email.append(contentsOf: "toko".utf8) }
                for w in emailWords { Self.appendLower(&email, w) }
                if r.chance(400) { Self.appendInt(&email, r.range(1, 99), width: 2) }
                email.append(contentsOf: (r.chance(750) ? "@gmail.com" : "@yahoo.co.id").utf8)
            } else {
                let style = r.below(5)
                Self.appendLower(&email, emailWords[0])
                if emailWords.count > 1 {
                    switch style {
                    case 0: email.append(0x2E); Self.appendLower(&email, emailWords[1])
                    case 1: Self.appendLower(&email, emailWords[1])
                    case 2: email.append(0x5F); Self.appendLower(&email, emailWords[1])
                    case 3: email.append(0x2E); Self.appendLower(&email, emailWords[1]); Self.appendInt(&email, r.range(1, 99), width: 2)
                    default: Self.appendLower(&email, emailWords[1]); Self.appendInt(&email, r.range(1970, 2005))
                    }
                } else {
                    Self.appendInt(&email, r.range(1965, 2005))
                }
                email.append(contentsOf: (r.chance(720) ? "@gmail.com" : "@yahoo.co.id").utf8)
            }
        }

        // Address: "Jl. Merdeka No. 12, Bandung" and a few variants.
        address.removeAll(keepingCapacity: true)
        let houseNo = min(r.range(1, 300), r.range(1, 300))
        if segment == 2 && r.chance(500) {
            address.append(contentsOf: "Jl. ".utf8)
            address.append(contentsOf: DemoData.streets[r.below(DemoData.streets.count)])
            address.append(contentsOf: " Kav. ".utf8)
            Self.appendInt(&address, r.range(1, 80))
        } else if !business && r.chance(100) {
            address.append(contentsOf: "Gg. ".utf8)
            address.append(contentsOf: DemoData.gangs[r.below(DemoData.gangs.count)])
            address.append(contentsOf: " No. ".utf8)
            Self.appendInt(&address, houseNo)
        } else {
            address.append(contentsOf: "Jl. ".utf8)
            address.append(contentsOf: DemoData.streets[r.below(DemoData.streets.count)])
            address.append(contentsOf: " No. ".utf8)
            Self.appendInt(&address, houseNo)
            if r.chance(60) { address.append(UInt8(0x41 + r.below(4))) }
            if !business && r.chance(250) {
                address.append(contentsOf: " RT ".utf8)
                Self.appendInt(&address, r.range(1, 15), width: 3)
                address.append(contentsOf: "/RW ".utf8)
                Self.appendInt(&address, r.range(1, 12), width: 3)
            }
        }
        address.append(contentsOf: ", ".utf8)
        address.append(contentsOf: DemoData.cityNames[city])
        collector = r.below(1000) >= 30 ? team * 6 + r.below(6) : nil
        self.zone = zone
        self.segment = segment
        try emitAccount()
    }

    // MARK: charges, payments, adjustments

    mutating func ledgerEntries(_ r: inout DemoRandom, segment: Int) throws {
        invoices.removeAll(keepingCapacity: true)
        payments.removeAll(keepingCapacity: true)
        adjustments.removeAll(keepingCapacity: true)

        let pr = r.below(1000)
        // With five invoices each (the benchmark shape) a stopped account piles up more
        // unpaid months, so fewer accounts stop there to keep a similar picture.
        let cut = fixedCharges.map { $0 >= 4 } ?? false ? (330, 660, 950) : (280, 590, 930)
        let profile: DemoProfile = pr < cut.0 ? .lancar : (pr < cut.1 ? .telat : (pr < cut.2 ? .macet : .tidakBayar))

        // Billing: a fixed day of month, due 14 or 30 days after issue.
        let issueDay = r.range(1, 28)
        let dueDays = r.chance(400) ? 14 : 30
        let currentMonth = todayYear * 12 + todayMonth - 1
        let newestMonth = issueDay <= todayDay ? currentMonth : currentMonth - 1

        // How many invoices, how many months ago billing stopped, how many were paid.
        var count: Int
        var stopOffset = 0
        var paidPrefix = -1 // decided by the dates when -1
        let lateness: Int
        switch profile {
        case .lancar:
            count = fixedCharges ?? tenure(&r)
            if r.chance(110) { stopOffset = r.range(1, 12) } // a contract that ended, all paid
            lateness = 0
        case .telat:
            count = fixedCharges ?? tenure(&r)
            lateness = r.range(10, 75)
        case .macet:
            // The first unpaid invoice was issued `monthsBack` months before the newest month.
            let monthsBack = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 18][r.weighted([22, 22, 18, 14, 9, 5, 3, 2, 2, 1, 1, 1])]
            var unpaid: Int
            if let c = fixedCharges {
                count = c
                unpaid = c == 0 ? 0 : 1 + min(r.below(c), r.below(c))
            } else {
                unpaid = 1 + r.weighted([35, 30, 20, 15])
                count = r.weighted([25, 30, 25, 20]) + unpaid
            }
            stopOffset = max(0, monthsBack - (unpaid - 1))
            paidPrefix = count - unpaid
            lateness = 0
        case .tidakBayar:
            count = fixedCharges ?? (1 + r.weighted([60, 28, 12]))
            if r.chance(250) { stopOffset = r.range(1, 6) }
            paidPrefix = 0
            lateness = 0
        }
        if fixedCharges == nil && profile != .macet && r.chance(25) { count = 0 } // opened, nothing billed yet

        // Amounts: a per-account base; instalments are the same every month, usage bills vary.
        let (lo, hi, step): (Int64, Int64, Int64) = segment == 0 ? (150_000, 5_000_000, 500)
            : (segment == 1 ? (750_000, 25_000_000, 1_000) : (5_000_000, 250_000_000, 1_000))
        let u1 = Int64(r.below(1 << 20)), u2 = Int64(r.below(1 << 20))
        let span = ((((hi - lo) * u1) >> 20) * u2) >> 20 // skewed toward small bills
        let base = (lo + span) / step * step
        let fixedAmount = r.chance(550)

        let lastMonth = newestMonth - stopOffset
        var prevPay: Int32 = 0
        for j in 0..<count {
            let month = lastMonth - (count - 1 - j)
            let issue = Day(year: month / 12, month: month % 12 + 1, day: issueDay)!.ordinal
            let due = issue + Int32(dueDays)
            var rupiah = base
            var sen: Int64 = 0
            if !fixedAmount {
                rupiah = max(lo / 2, base * Int64(r.range(85, 115)) / 100 / 100 * 100)
                if r.chance(60) { sen = [25, 50, 75][r.below(3)] }
            }
            let amount = rupiah * unit + sen * unit / 100
            // When this debtor would pay it.
            var pay: Int32
            switch profile {
            case .lancar: pay = due + Int32(r.range(-12, 7))
            case .telat: pay = due + Int32(lateness + r.range(-5, 5))
            default: pay = due + Int32(r.range(-10, 15))
            }
            pay = max(pay, issue, prevPay)
            prevPay = pay
            invoices.append(DemoInvoice(month: month, issue: issue, due: due, amount: amount, payDate: pay))
        }

        // Paid invoices: a prefix, oldest first.
        var paid: Int
        if paidPrefix >= 0 {
            paid = paidPrefix
            for j in 0..<paid where invoices[j].payDate > today { invoices[j].payDate = today }
        } else {
            paid = 0
            while paid < count && invoices[paid].payDate <= today { paid += 1 }
        }
        if fixedPayments == 0 { paid = 0 }

        for j in 0..<paid {
            let inv = invoices[j]
            payments.append(DemoPayment(date: inv.payDate, amount: inv.amount, target: r.chance(420) ? j : -1, first: j))
        }

        // Shape the payments: two months paid at once, instalments, partial payments.
        var merges = 0, splits = 0, partials = 0
        if let n = fixedPayments {
            if n < paid {
                merges = paid - n
            } else {
                for _ in 0..<(n - paid) {
                    if paid < count && (paid == 0 || r.chance(650)) { partials += 1 } else { splits += 1 }
                }
            }
        } else {
            if paid >= 2 && r.chance(80) { merges = 1 }
            for _ in 0..<paid where r.chance(40) { splits += 1 }
            if paid < count {
                let p: Int
                switch profile {
                case .lancar: p = 40
                case .telat: p = 350
                case .macet: p = 300
                case .tidakBayar: p = 120
                }
                if r.chance(p) { partials = r.chance(800) ? 1 : 2 }
            }
        }
        for _ in 0..<merges where payments.count >= 2 {
            let t = r.below(payments.count - 1)
            let a = payments[t], b = payments.remove(at: t + 1)
            payments[t] = DemoPayment(date: max(a.date, b.date), amount: a.amount + b.amount, target: -1, first: a.first)
        }
        let minStep = 5_000 * unit
        for _ in 0..<splits {
            guard !payments.isEmpty else { break }
            var t = r.below(payments.count)
            var tries = 0
            while payments[t].amount < 2 * minStep && tries < payments.count { t = (t + 1) % payments.count; tries += 1 }
            let p = payments[t]
            if p.amount < 2 * minStep {
                // Nothing to split: a second payment of the same amount would overpay.
                break
            }
            let part = max(minStep, p.amount * Int64(r.range(30, 70)) / 100 / minStep * minStep)
            let earliest = invoices[p.first].issue
            let d1 = max(earliest, p.date - Int32(r.range(3, 20)))
            payments[t] = DemoPayment(date: d1, amount: part, target: p.target, first: p.first)
            payments.insert(DemoPayment(date: p.date, amount: p.amount - part, target: p.target, first: p.first), at: t + 1)
        }
        var partialTotal: Int64 = 0
        if partials > 0 {
            if paid < count {
                let inv = invoices[paid]
                let stepP = (inv.amount >= 1_000_000 * unit ? 10_000 : 5_000) * unit
                let maxPct = max(1, 70 / partials)
                let from = max(inv.issue, inv.due - 5)
                for _ in 0..<partials {
                    let pct = Int64(r.range(min(10, maxPct), maxPct))
                    let amount = max(stepP, inv.amount * pct / 100 / stepP * stepP)
                    guard partialTotal + amount < inv.amount else { break }
                    partialTotal += amount
                    let date = Int32(r.range(Int(min(from, today)), Int(today)))
                    payments.append(DemoPayment(date: date, amount: amount, target: r.chance(450) ? paid : -1, first: paid))
                }
            } else if count == 0 {
                // Nothing billed yet: a deposit, left as unapplied credit.
                for _ in 0..<partials {
                    let amount = Int64(r.range(5, 50)) * 10_000 * unit
                    payments.append(DemoPayment(date: today - Int32(r.below(60)), amount: amount, target: -1, first: -1))
                }
            }
        }
        if let n = fixedPayments {
            // Whatever could not be placed above: small extra payments, so the count is exact.
            while payments.count < n {
                let date: Int32, first: Int
                if count > 0 {
                    let j = r.below(count)
                    first = j
                    date = Int32(r.range(Int(invoices[j].issue), Int(today)))
                } else {
                    first = -1
                    date = today - Int32(r.below(60))
                }
                payments.append(DemoPayment(date: date, amount: Int64(r.range(1, 5)) * 10_000 * unit, target: -1, first: first))
            }
        }

        // A few fully paid accounts round their last payment up: a little unapplied credit.
        if paid == count && count > 0 && !payments.isEmpty && r.chance(50) {
            var last = 0
            for k in payments.indices where payments[k].date >= payments[last].date { last = k }
            let roundTo = 50_000 * unit
            let a = payments[last].amount
            var up = (a + roundTo - 1) / roundTo * roundTo
            if up == a { up += 25_000 * unit }
            payments[last].amount = up
        }

        // Oldest first, then channels, refs and the odd bounced payment.
        sortPayments()
        let channelWeights = DemoData.channelWeights[segment]
        for k in payments.indices {
            let c = r.weighted(channelWeights)
            channelCounters[c] += 1
            payments[k].channel = c
            payments[k].ref = channelCounters[c]
            if r.chance(5) {
                payments[k].reversedOn = min(today, payments[k].date + Int32(r.range(1, 10)))
                adjustments.append(DemoAdjustment(kind: .reversal, date: payments[k].reversedOn, payment: k))
            }
        }

        // Late fees on an invoice left unpaid for more than 30 days.
        if paid < count {
            let due = invoices[paid].due
            let late = Int(today - due)
            if late > 30 && r.chance(400) {
                let fee: Int64 = [[25_000, 50_000], [50_000, 100_000], [100_000, 250_000]][segment][r.below(2)]
                adjustments.append(DemoAdjustment(kind: .debit, date: due + 30, amount: fee * unit, invoice: paid))
                if late > 60 && r.chance(350) {
                    adjustments.append(DemoAdjustment(kind: .debit, date: due + 60, amount: fee * unit, invoice: paid))
                }
            }
        }

        // Credit notes: a billing correction on an open invoice.
        if paid < count && r.chance(35) {
            let j = r.range(paid, count - 1)
            let open = invoices[j].amount - (j == paid ? partialTotal : 0)
            let stepC = 1_000 * unit
            let amount = max(stepC, open * Int64(r.range(5, 40)) / 100 / stepC * stepC)
            if amount < open {
                let issue = invoices[j].issue
                let date = min(today, issue + Int32(r.range(1, 20)))
                adjustments.append(DemoAdjustment(kind: .credit, date: date, amount: amount, invoice: j))
            }
        }

        // Write-off of very old debt: billing stopped long ago, nothing paid for months.
        if (profile == .macet || profile == .tidakBayar) && stopOffset >= 2 && paid < count
            && Int(today - invoices[paid].due) >= 150 && r.chance(180) {
            var owed: Int64 = 0
            var last: Int32 = 0
            for inv in invoices { owed += inv.amount; last = max(last, inv.issue) }
            for p in payments {
                last = max(last, p.date)
                if p.reversedOn < 0 { owed -= p.amount } else { last = max(last, p.reversedOn) }
            }
            for a in adjustments {
                last = max(last, a.date)
                if a.kind == .debit { owed += a.amount } else if a.kind == .credit { owed -= a.amount }
            }
            if owed > 0 {
                let date = min(today, last + Int32(r.range(30, 120)))
                adjustments.append(DemoAdjustment(kind: .writeoff, date: date, amount: owed))
            }
        }
        sortAdjustments()

        try writeEntries()
    }

    /// Invoices per account: new accounts weigh in, a long tail of old ones.
    func tenure(_ r: inout DemoRandom) -> Int {
        1 + r.weighted([22, 24, 18, 11, 8, 5, 4, 3, 2, 1, 1, 1])
    }

    mutating func sortPayments() { Self.sortByDate(&payments) { $0.date } }

    mutating func sortAdjustments() { Self.sortByDate(&adjustments) { $0.date } }

    /// Insertion sort by date: a handful of rows per account, stable, and no
    /// allocation (the generator writes millions of accounts).
    static func sortByDate<Row>(_ rows: inout [Row], _ date: (Row) -> Int32) {
        if rows.count < 2 { return }
        for i in 1..<rows.count {
            let x = rows[i]
            var j = i
            while j > 0 && date(rows[j - 1]) > date(x) { rows[j] = rows[j - 1]; j -= 1 }
            rows[j] = x
        }
    }

    static func appendInt(_ b: inout [UInt8], _ value: Int, width: Int = 1) {
        var v = value
        let start = b.count
        repeat {
            b.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
            v /= 10
        } while v > 0
        while b.count - start < width { b.append(0x30) }
        var i = start, j = b.count - 1
        while i < j { b.swapAt(i, j); i += 1; j -= 1 }
    }

    /// Letters only, lowercased (ASCII).
    static func appendLower(_ b: inout [UInt8], _ word: [UInt8]) {
        for c in word {
            if c >= 0x41 && c <= 0x5A { b.append(c + 0x20) } else if c >= 0x61 && c <= 0x7A { b.append(c) }
        }
    }
}
