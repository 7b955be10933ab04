// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kompas",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kompas", targets: ["kompas"]),
        .executable(name: "kompas-bench", targets: ["kompas-bench"]),
        .library(name: "KompasCore", targets: ["KompasCore"]),
        // libFuzzer targets (`make fuzz`); without the sanitizer they build as replayers of saved inputs.
        .executable(name: "kompas-fuzz-rules", targets: ["FuzzRules"]),
        .executable(name: "kompas-fuzz-conditions", targets: ["FuzzConditions"]),
        .executable(name: "kompas-fuzz-transcripts", targets: ["FuzzTranscripts"]),
        .executable(name: "kompas-fuzz-yaml", targets: ["FuzzYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Rules, conditions, engine, plan, transcripts, renderers: no terminal I/O.
        .target(name: "KompasCore", dependencies: ["CLibYAML"]),
        // libyaml as a system library, like libedit: Yams' Swift layer would link all of Foundation
        // and ICU into kompas (README, "Bouw en opzet"); the tests hold our tree against Yams.
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // libedit as a system library; the C shim wraps what Swift cannot call (variadics, stdio globals).
        .systemLibrary(
            name: "CLibedit", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .target(name: "CKompasEdit", dependencies: ["CLibedit"]),
        .target(name: "KompasLineEditing", dependencies: ["CKompasEdit"]),
        .executableTarget(
            name: "kompas",
            dependencies: [
                "KompasCore", "KompasLineEditing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "kompas-bench",
            // libyaml directly too: the floor it measures beside each load is libyaml alone.
            dependencies: ["KompasCore", "CLibYAML", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzRules", dependencies: ["KompasCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzConditions", dependencies: ["KompasCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzTranscripts", dependencies: ["KompasCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzYAML", dependencies: ["KompasCore", "FuzzSupport"]),
        .testTarget(
            name: "KompasCoreTests", dependencies: ["KompasCore", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        .testTarget(name: "KompasCLITests", dependencies: ["KompasCore", "KompasLineEditing"]),
    ],
    swiftLanguageModes: [.v6]
)
