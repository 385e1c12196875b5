import ArgumentParser

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build a demo ledger.")
    @OptionGroup var global: GlobalOptions
    func run() throws { throw CommandError.failed("demo: not yet") }
}
