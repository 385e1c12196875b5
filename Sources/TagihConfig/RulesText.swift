import TagihCore

/// The ledger's rules as TOML text in the config file's own layout: what
/// `tagih init` and `tagih rules load` store in the ledger, and what
/// `tagih rules show` prints. Every rule is written out, defaults included,
/// so the text is the whole set: `rules load` of it gives the same rules
/// back (a key a loaded file lacks takes its default, R7), and an edit of
/// `rules show`'s output changes only what was edited.
///
/// The text is canonical: the same rules always give the same bytes, so its
/// hash in the audit trail names one set of rules.
public enum RulesText {
    public static func render(_ r: Rules) -> String {
        var out: [String] = [
            "# Tagih rules: the settings that bind everyone working on this ledger.",
            "# Printed by `tagih rules show`; an admin changes them with `tagih rules load FILE`",
            "# (the whole set: a rule this file lacks takes its built-in default).",
            "",
            "[ledger]",
            "currency = \(quote(r.currency.code))",
            "default_timezone = \(quote(r.defaultTimeZone))",
            "aging_buckets = [\(r.buckets.edges.map(String.init).joined(separator: ", "))]",
            "# A debtor's language for messages and letters when the accounts file gives none.",
            "default_language = \(quote(r.defaultLanguage.rawValue))",
            "",
            "[import]",
            "reject_threshold_percent = \(formatPercent(r.rejectThresholdBasisPoints))",
            "# The longest field a row may hold, in bytes; a longer one rejects the row.",
            "# Text: names, addresses, descriptions, reasons, email, columns Tagih ignores.",
            "max_text_bytes = \(r.importLimits.textBytes)",
            "# Codes: account_no, refs, dates, amounts, phone, channel, kind, timezone, segment, collector.",
            "max_code_bytes = \(r.importLimits.codeBytes)",
            "",
            "[contact]",
            "# In the debtor's local time; 0 switches a limit off. The holidays are at the end.",
            "preset = \(quote(r.contactRules.preset))",
            "start = \(quote(BlockReason.clock(r.contactRules.startMinute)))",
            "end = \(quote(BlockReason.clock(r.contactRules.endMinute)))",
            "weekdays = [\(r.contactRules.weekdays.sorted().map(String.init).joined(separator: ", "))]",
            "no_contact_on_holidays = \(r.contactRules.noHolidays)",
            "max_attempts_per_day = \(r.contactRules.maxAttemptsPerDay ?? 0)",
            "max_phone_attempts_per_7_days = \(r.contactRules.maxPhoneAttemptsPer7Days ?? 0)",
            "phone_rest_days_after_conversation = \(r.contactRules.phoneRestDaysAfterConversation ?? 0)",
            "backdate_hours = \(r.backdateHours)",
            "",
            "[promises]",
            "horizon_days = \(r.promiseHorizonDays)",
            "grace_days = \(r.promiseGraceDays)",
            "",
            "[cases]",
            "# A case is due this many working days (Monday to Friday, not a holiday) after it",
            "# was opened; one extension adds extension_days more.",
            "working_days = \(r.caseWorkingDays)",
            "extension_days = \(r.caseExtensionDays)",
            "",
            "[outcomes]",
        ]
        let width = r.outcomes.codes.map(\.code.count).max() ?? 0
        for c in r.outcomes.codes {
            var flags = ["meaning = \(quote(c.meaning))", "attempt = \(c.attempt)"]
            if c.contact { flags.append("contact = true") }
            if c.rightParty { flags.append("right_party = true") }
            if c.promise { flags.append("promise = true") }
            out.append("\(c.code.padding(toLength: width, withPad: " ", startingAt: 0)) = { \(flags.joined(separator: ", ")) }")
        }
        out += ["", "[plans]", "# Instalments (and calendar months) a role may agree without approval; 0: no limit."]
        for role in ConfigLoader.planRoles {
            let longest = r.planLongest[role] ?? nil
            out.append("\(role.rawValue)_max_instalments = \(longest ?? 0)")
        }
        out += ["", "[company]", "name = \(quote(r.companyName))", "city = \(quote(r.companyCity))", ""]
        out += reminderLines(r)
        out += profileLines(r)
        out += [
                "# The holidays, one \"YYYY-MM-DD\" = \"name\" line a day (no contact on them when",
                "# no_contact_on_holidays is true). An empty table: no holidays.",
                "[contact.holidays]"]
        for day in r.holidays.keys.sorted(by: { $0.ordinal < $1.ordinal }) {
            out.append("\(quote(day.iso)) = \(quote(r.holidays[day]!))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `[letters]` and each `[[reminders]]` stage (CONTRACT §10).
    static func reminderLines(_ r: Rules) -> [String] {
        var out = ["# The warning letters (SP1-SP3): days past due of the oldest open charge; the sender printed on them.",
                   "[letters]", "sp1_days = \(r.letters.sp1Days)", "sp2_days = \(r.letters.sp2Days)", "sp3_days = \(r.letters.sp3Days)",
                   "sender_name = \(quote(r.letters.senderName))", "sender_address = \(quote(r.letters.senderAddress))",
                   "pay_within_days = \(r.letters.payWithinDays)", "",
                   "# Reminder stages: days from a charge's due date (-3: three days before), channel sms, whatsapp,",
                   "# email or letter; fields {name} {account_no} {amount_due} {due_date} {days_late} {va_number}."]
        for stage in r.reminders {
            out += ["[[reminders]]", "name = \(quote(stage.name))", "days = \(stage.days)", "channel = \(quote(stage.channel.rawValue))"]
            for language in Language.allCases {
                if let t = stage.templates[language] { out.append("template.\(language.rawValue) = \(quote(t.source))") }
            }
            out.append("")
        }
        return out
    }

    /// Each `[profiles.NAME]` with its columns (CONTRACT §11).
    static func profileLines(_ r: Rules) -> [String] {
        var out = ["# Channel file profiles: how a bank's or aggregator's own payments export imports",
                   "# (`import payments FILE --profile NAME`; the nightly batch by file_pattern). Dates take",
                   "# %d %m %Y %H %M; amount_format is \"1.250.000,00\", \"1,250,000.00\" or \"1250000.00\"."]
        for p in r.profiles {
            out += ["[profiles.\(p.name)]", "channel = \(quote(p.channel))"]
            if let pattern = p.filePattern { out.append("file_pattern = \(quote(pattern))") }
            out += ["delimiter = \(quote(p.delimiterText))", "skip_lines = \(p.skipLines)",
                    "date_format = \(quote(p.dateFormat.source))", "amount_format = \(quote(p.amountFormat.rawValue))",
                    "[profiles.\(p.name).columns]"]
            for field in ChannelProfile.fields { if let h = p.columns[field] { out.append("\(field) = \(quote(h))") } }
            out.append("")
        }
        return out
    }

    /// A TOML basic string.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
