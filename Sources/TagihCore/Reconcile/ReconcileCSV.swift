extension ReportCSV {
    /// `tagih reconcile --format csv` (CONTRACT §11): a row per ref with its
    /// contract status word, the posted and settled sides (empty where a side
    /// has none). One piece of code for the command and the Reconciliation
    /// tab's export, so a lead's export is byte for byte what the command prints.
    public static func reconciliation(_ r: Reconciliation.Result, currency: Currency) -> String {
        let m = { (x: Money?) in x.map { $0.machine(currency) } ?? "" }
        var out = "ref,status,account_no,posted_on,posted,settled_on,settled,fee\n"
        for row in r.rows {
            out += [csvField(row.ref), row.status.rawValue, csvField(row.posted?.accountNo ?? ""), row.posted?.date.iso ?? "", m(row.posted?.amount),
                    row.settled?.date.iso ?? "", m(row.settled?.amount), m(row.settled?.fee)].joined(separator: ",") + "\n"
        }
        return out
    }
}
