import Foundation
import TagihCore

/// Who an account is: its number, name, contacts, city and collector.
extension DemoGenerator {
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
}
