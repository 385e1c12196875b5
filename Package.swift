// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tagih",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tagih", targets: ["tagih"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named to quiet its logger (stderr carries our own lines).
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Test only: the serve conformance test reads docs/openapi.yaml.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // The PostgreSQL backend (CONTRACT §12); only TagihPostgres imports it.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Already in the graph; TagihPostgres waits on its event-loop futures (PostgresClient.swift).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // Already in the graph through PostgresNIO; TLS to a PostgreSQL server (PostgresTLS.swift).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(name: "TagihCore"),
        .target(name: "TagihConfig", dependencies: [
            "TagihCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // sqlite3_config for Swift (see Sources/CSQLiteTuning/shim.h).
        .systemLibrary(name: "CSQLiteTuning", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "TagihStore", dependencies: [
            "TagihCore", "CSQLiteTuning",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // ncursesw, wrapped for Swift (see Sources/CNcursesw/shim.h).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The only code that touches curses: screen, keys, colours, resize, signals.
        .target(name: "TagihTerminal", dependencies: ["CNcursesw", "TagihCore"]),
        // The screens: state, actions, keymap, update and render (no curses, no SQL).
        .target(name: "TagihUI", dependencies: ["TagihCore", "TagihTerminal"]),
        // cairo's PDF surface, wrapped for Swift (see Sources/CCairo/shim.h).
        .systemLibrary(name: "CCairo", providers: [.apt(["libcairo2-dev"])]),
        // The warning letters as A4 PDF pages (the only code that touches cairo).
        .target(name: "TagihLetters", dependencies: ["CCairo", "TagihCore"]),
        // `tagih serve` (CONTRACT §11): the HTTP endpoint for collecting agents.
        .target(name: "TagihServe", dependencies: [
            "TagihCore", "TagihStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The PostgreSQL backend (CONTRACT §12): a synchronous client over
        // PostgresNIO, Tagih's schema there, the database location and passfile.
        // PostgresNIO stays out of TagihCore and TagihStore.
        .target(name: "TagihPostgres", dependencies: [
            "TagihCore", "TagihConfig", "TagihStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "tagih", dependencies: [
            "TagihCore", "TagihConfig", "TagihStore", "TagihUI", "TagihTerminal", "TagihLetters", "TagihServe", "TagihPostgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "TagihCoreTests", dependencies: ["TagihCore"]),
        .testTarget(name: "TagihConfigTests", dependencies: ["TagihConfig", "TagihCore"]),
        .testTarget(name: "TagihLettersTests", dependencies: ["TagihLetters", "TagihCore"]),
        .testTarget(name: "TagihTerminalTests", dependencies: ["TagihTerminal", "TagihCore"]),
        .testTarget(name: "TagihUITests", dependencies: ["TagihUI", "TagihTerminal", "TagihCore"],
                    exclude: ["Golden"]),
        // Drives the terminal layer in a real terminal for scripts/e2e.
        .executableTarget(name: "terminal-probe", dependencies: ["TagihTerminal"], path: "Tests/TerminalProbe"),
        // TagihStore: the seals' column lists, to hash a migrated ledger's rows on the server.
        .testTarget(name: "TagihPostgresTests", dependencies: ["TagihPostgres", "TagihConfig", "TagihCore", "TagihStore"]),
        // TagihPostgres: the model scenarios run against a PostgreSQL ledger too (the conformance suite).
        .testTarget(name: "TagihStoreTests", dependencies: ["TagihStore", "TagihCore", "TagihPostgres", "TagihConfig"],
                    resources: [.copy("Fixtures")]),
        // GRDB: tests plant hostile text in a ledger the way an attacker with the file could.
        // Crypto signs requests to `tagih serve`; Yams reads docs/openapi.yaml for the conformance test.
        .testTarget(name: "TagihCLITests", dependencies: ["tagih", "TagihCore", .product(name: "GRDB", package: "GRDB.swift"),
                                                          .product(name: "Crypto", package: "swift-crypto"),
                                                          .product(name: "Yams", package: "Yams")],
                    resources: [.copy("Fixtures")]),
    ]
)
