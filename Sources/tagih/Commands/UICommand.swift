import ArgumentParser

struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal workstation.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        _ = try ctx.session()
        throw CommandError.failed("the terminal workstation is not part of this build yet; use `tagih report aging` and `tagih account`")
    }
}
