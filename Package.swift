// swift-tools-version:6.0
// clinbox: a keyboard-driven terminal inbox for clinicians (see docs/ARCHITECTURE.md).
import PackageDescription

let package = Package(
  name: "clinbox",
  platforms: [.macOS(.v15)],   // Synchronization's Mutex
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    // The tests' own odd servers (a hostile one, a webhook receiver); the sandbox is on swift-nio.
    .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    // HTTP that never sends a request twice by itself (docs/DECISIONS.md); swift-nio comes with it.
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    // The companion's news over WebSocket: URLSession cannot open one here (libcurl), this client runs on swift-nio.
    .package(url: "https://github.com/hummingbird-project/swift-websocket", exact: "1.6.2"),
    // Identities as types: a patient's id cannot be passed where a staff member's is meant.
    .package(url: "https://github.com/pointfreeco/swift-tagged", exact: "0.10.0"),
  ],
  targets: [
    // The only place that includes <curses.h>. No pkgConfig: SwiftPM drops Debian's
    // -D_XOPEN_SOURCE=600 and the wide-character API then vanishes (see shim.h).
    .systemLibrary(name: "CCurses", providers: [.apt(["libncurses-dev"])]),
    .target(name: "FHIR", dependencies: [
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
    ]),
    // The clinic's own types (messages, patients, staff, views): what the screens and the cache share.
    .target(name: "Clinic", dependencies: [.product(name: "Tagged", package: "swift-tagged")],
            resources: [.copy("Lexicon")]),
    // The one mapping between FHIR resources and the clinic's types.
    .target(name: "FHIRMapping", dependencies: ["Clinic", "FHIR"]),
    .target(name: "Store", dependencies: ["Clinic", "FHIR", "FHIRMapping", .product(name: "GRDB", package: "GRDB.swift")]),
    // The audit trail: what the acting practitioner did, chained by HMAC so that an edited line shows.
    .target(name: "Audit", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
    .target(name: "Sync", dependencies: ["FHIR", "FHIRMapping", "Store", .product(name: "Crypto", package: "swift-crypto"),
                                         .product(name: "Logging", package: "swift-log"),
                                         .product(name: "NIOHTTP1", package: "swift-nio"),
                                         .product(name: "WSClient", package: "swift-websocket")]),
    .target(name: "Sandbox", dependencies: [
      "FHIR", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "NIOWebSocket", package: "swift-nio"),
    ]),
    // One path per clinical act, each recorded in the audit trail: the inbox and the commands both act through it.
    .target(name: "ClinicActs", dependencies: ["Clinic", "Store", "Audit", "FHIRMapping"]),
    .target(name: "TerminalUI", dependencies: ["CCurses"]),
    .target(name: "Templates"),
    // The pure core: state, reduce and render. No Store, no GRDB, no clock — its dependencies say so.
    .target(name: "InboxApp", dependencies: ["TerminalUI", "Clinic", "Templates"]),
    // The loop around the core: the terminal, the effects against the Store, the $EDITOR hand-off.
    .target(name: "InboxRuntime", dependencies: ["InboxApp", "TerminalUI", "Store", "FHIRMapping", "Templates", "Audit",
                                                 "ClinicActs",
                                                 .product(name: "Crypto", package: "swift-crypto"),
                                                 .product(name: "_CryptoExtras", package: "swift-crypto")]),
    .executableTarget(name: "clinbox", dependencies: [
      "FHIR", "FHIRMapping", "Store", "Sync", "Sandbox", "TerminalUI", "InboxApp", "InboxRuntime", "Templates", "Audit",
      "ClinicActs",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
      .product(name: "TOMLKit", package: "TOMLKit"),
      .product(name: "Logging", package: "swift-log"),
    ], resources: [.copy("themes"), .copy("templates")]),
    // Figures, not pass/fail: `swift run -c release clinbox-bench`.
    .executableTarget(name: "clinbox-bench", dependencies: ["FHIR", "FHIRMapping", "Store", "Sandbox", "InboxApp",
                                                           "InboxRuntime", "TerminalUI"]),
    .testTarget(name: "FHIRTests", dependencies: ["FHIR"]),
    .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "FHIR", "FHIRMapping"]),
    .testTarget(name: "SyncTests", dependencies: ["Sync", "Sandbox", "Store", "FHIR", "FHIRMapping", .product(name: "FlyingFox", package: "FlyingFox"),
                                                  .product(name: "FlyingSocks", package: "FlyingFox"),
                                                  .product(name: "Crypto", package: "swift-crypto"), "InboxApp", "InboxRuntime", "TerminalUI",
                                                  .product(name: "WSClient", package: "swift-websocket"),
                                                  .product(name: "Logging", package: "swift-log")]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(name: "AuditTests", dependencies: ["Audit"]),
    // Shared by the two UI test targets: the fixture clinic and text snapshots.
    .target(name: "TestClinic", dependencies: ["InboxApp", "Clinic"], path: "Tests/TestClinic"),
    // The core's tests need no database.
    .testTarget(name: "InboxAppTests", dependencies: ["InboxApp", "TerminalUI", "Clinic", "TestClinic", "Templates"]),
    .testTarget(name: "InboxRuntimeTests", dependencies: ["InboxRuntime", "InboxApp", "TerminalUI", "Store", "FHIR", "FHIRMapping", "Audit",
                                                          "ClinicActs", "Clinic",
                                                          "TestClinic", "Templates"]),
    .testTarget(name: "EndToEndTests", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
  ],
  // Swift 6's language mode everywhere: complete concurrency checking.
  swiftLanguageModes: [.v6]
)

// A member is used only where its module is imported: a FHIR type's members cannot leak into the Store or the
// runtime through another module's import.
for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
