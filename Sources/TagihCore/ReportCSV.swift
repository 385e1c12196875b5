/// The machine (CSV) form of each report, one piece of code for the command
/// line (`--format csv`) and the workstation's export key, so a lead's
/// export is byte for byte what `tagih report … --format csv` prints.
/// Amounts are plain decimals with the currency's minor digits (CONTRACT §1).
public enum ReportCSV {
    /// `report aging` (CONTRACT §5): a row per group, then `TOTAL` when grouped.
    public static func aging(_ report: AgingReport, currency: Currency) -> String {
        let rows = report.grouping == .none ? report.rows : report.rows + [("TOTAL", report.total)]
        var out = (["group", "accounts"] + report.buckets.labels + ["unapplied", "balance"]).joined(separator: ",") + "\n"
        for (group, t) in rows {
            let balance = (try? t.balance()) ?? .zero
            let amounts = t.buckets.map { $0.machine(currency) } + [t.unapplied.machine(currency), balance.machine(currency)]
            out += ([csvField(group), String(t.accounts)] + amounts).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `report activity` (CONTRACT §6).
    public static func activity(_ lines: [ActivityLine], currency: Currency) -> String {
        var out = "collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected\n"
        for l in lines {
            out += [csvField(l.collector), String(l.attempts), String(l.contacts), String(l.rightParty), String(l.promises),
                    l.promisedAmount.machine(currency), String(l.kept), String(l.broken), l.collected.machine(currency)]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// `report roll-rate`: per opening bucket, its accounts, its opening
    /// balance and where that balance stood on the second day.
    public static func rollRate(_ report: RollRate, currency: Currency) -> String {
        var out = "from,accounts,opening," + (report.buckets.labels + ["closed"]).joined(separator: ",") + "\n"
        for (i, label) in report.buckets.labels.enumerated() {
            out += ([label, String(report.accounts[i]), report.opening[i].machine(currency)] + report.moved[i].map { $0.machine(currency) })
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// `report kpi`: the inputs and the two figures, in hundredths.
    public static func kpi(_ k: CollectionKPI, currency: Currency) -> String {
        "from,to,days,beginning,sales,ending,ending_current,cei_percent,dso_days\n"
            + [k.from.iso, k.to.iso, String(k.days), k.beginning.machine(currency), k.sales.machine(currency), k.ending.machine(currency),
               k.endingCurrent.machine(currency), CollectionKPI.hundredths(k.ceiBasisPoints), CollectionKPI.hundredths(k.dsoHundredths)]
            .joined(separator: ",") + "\n"
    }

    /// The nightly runs, newest first, with what each file did.
    public static func nightlyRuns(_ runs: [NightlyRunLine]) -> String {
        var out = "day,files,posted,refused,rejected,plans_completed,plans_broken,summary,files_detail\n"
        let english = Strings(.en) // a machine format: the same words whatever the UI language
        for run in runs {
            out += [run.day.iso, String(run.files), String(run.posted), String(run.refused), String(run.rejected),
                    String(run.plansCompleted), String(run.plansBroken), csvField(run.summary), csvField(run.fileResults.map(english.nightlyFile).joined(separator: "\n"))]
                .joined(separator: ",") + "\n"
        }
        return out
    }
}
