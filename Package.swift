// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kompas",
    products: [
        .executable(name: "kompas", targets: ["kompas"]),
        .executable(name: "kompas-bench", targets: ["kompas-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Rules, conditions, engine, plan, transcripts, renderers: no terminal I/O.
        .target(name: "KompasCore", dependencies: ["CLibYAML"]),
        // libyaml as a system library, like libedit: Yams' Swift layer would link all of Foundation
        // and ICU into kompas (docs/architecture.md); the tests hold our tree against Yams.
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
            dependencies: ["KompasCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // libFuzzer targets, built by `make fuzz`; a plain build makes replayers of saved inputs.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "kompas-fuzz-rules", dependencies: ["KompasCore", "FuzzSupport"]),
        .executableTarget(name: "kompas-fuzz-conditions", dependencies: ["KompasCore", "FuzzSupport"]),
        .executableTarget(name: "kompas-fuzz-transcripts", dependencies: ["KompasCore", "FuzzSupport"]),
        .testTarget(
            name: "KompasCoreTests", dependencies: ["KompasCore", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        .testTarget(name: "KompasCLITests", dependencies: ["KompasCore", "KompasLineEditing"]),
    ],
    swiftLanguageModes: [.v6]
)
