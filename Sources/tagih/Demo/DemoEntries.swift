import Foundation
import TagihCore

/// An account's history: invoices, the payments on them, and the
/// adjustments (late fees, credit notes, bounced payments, write-offs).
extension DemoGenerator {
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
}
