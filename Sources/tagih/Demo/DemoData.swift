import Foundation

/// The fixed lists the generator draws from: staff, cities with their
/// time zones and teams, names, streets, channels and the reasons written
/// on adjustments.
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
