import Foundation
import Testing
@testable import KompasCore

@Suite struct RuleCacheTests {
    func files(_ directory: String) throws -> [(path: String, contents: Data?)] {
        try RuleLoader.ruleFiles(in: directory).map { ($0, FileManager.default.contents(atPath: $0)) }
    }

    /// A copy of a rules directory and a cache file beside it, removed afterwards.
    func withCopy(of source: String, _ body: (_ directory: String, _ cache: RuleCache) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kompas-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: root + "/rules")
        try body(root + "/rules", RuleCache(path: root + "/cache/regels.cache", program: "test"))
    }

    @Test(arguments: ["rules", "Tests/KompasCoreTests/Fixtures/mini"])
    func readsBackExactlyWhatItWrote(directory: String) throws {
        let rules = try RuleLoader.load(directory: Fixture.repository + "/" + directory, examples: .skip)
        let read = try #require(RuleCache.decode(RuleCache.encode(rules, key: 7), key: 7))
        #expect(Fixture.dumped(read) == Fixture.dumped(rules))
        #expect(read.rules.count == rules.rules.count && read.examples.count == rules.examples.count)
    }

    /// Every optional field filled in, so a field the cache forgot cannot hide behind its default.
    @Test func readsBackEveryField() throws {
        let every = """
            oov_questions:
              - {id: A1, group: algemeen, text: Wat is het probleem?}
            themes:
              - {id: extra, name: Extra, introduction: Een thema., based_on: Een factsheet}
            questions:
              - id: extra-vraag
                text: Hoe?
                help: Zo.
                type: choice
                when: thema == buitengebied or not answered(gemeente)
                options:
                  - {id: een, label: Een, help: De eerste.}
                  - {id: twee, label: Twee}
            sources:
              - id: extra-bron
                name: Extra bron
                entries:
                  - {theme: extra, title: Titel, kind: publicatie, scope: intern, url: "https://example.org/a", insight: Inzicht., questions: [A1, L2]}
            steps:
              - {id: extra-stap, text: Doe het., phase: borgen, order: -5, sources: [extra-bron]}
            rules:
              - id: extra-regel
                when: extra-vraag in [een] and locaties contains agrarisch and gemeente != Ede
                because: het moet
                sources: [extra-bron]
                steps: [extra-stap]
                exclude: [omgevingsdienst]
                priority: hoog
                note: Let op.
            glossary:
              - {term: OOV, meaning: Openbare orde en veiligheid, explanation: Het vak.}
            examples:
              - name: Alles
                answers: {thema: buitengebied, gemeente: Ede, locaties: [agrarisch, vakantieparken]}
                expect: {include: [extra-bron], exclude: [omgevingsdienst], high: [extra-stap], asked: [extra-vraag], not_asked: [lto-bekend], notes: [extra-regel]}

            """
        let mini = try files(Fixture.directory + "/mini")
        // Read as `check` reads (validation would want the theme among the options, and so on).
        let (rules, _) = RuleLoader.check(files: mini + [("z.yaml", Data(every.utf8))], examples: .skip)
        #expect(rules.examples.count == 3 && rules.glossary.count == 1 && rules.sources.last?.entries[0].url != nil)
        let read = try #require(RuleCache.decode(RuleCache.encode(rules, key: 7), key: 7))
        #expect(Fixture.dumped(read) == Fixture.dumped(rules))
    }

    @Test func anotherKeyVersionOrAnyDamageIsAMiss() throws {
        let bytes = RuleCache.encode(try Fixture.mini(), key: 7)
        #expect(RuleCache.decode(bytes, key: 7) != nil)
        #expect(RuleCache.decode(bytes, key: 8) == nil)
        #expect(RuleCache.decode([], key: 7) == nil)
        #expect(RuleCache.decode(Array(bytes.dropLast()), key: 7) == nil)
        #expect(RuleCache.decode(bytes + [0], key: 7) == nil)
        var version = bytes
        version[RuleCache.magic.count] = UInt8(2 * (RuleCache.formatVersion + 1))  // the next format, as a zigzag varint
        #expect(RuleCache.decode(version, key: 7) == nil)
        for offset in stride(from: RuleCache.magic.count + 17, to: bytes.count, by: 97) {
            var flipped = bytes
            flipped[offset] ^= 0x10
            #expect(RuleCache.decode(flipped, key: 7) == nil, "byte \(offset)")
        }
    }

    /// Past the checksum (as the fuzzer gets): every cut and many changed bytes give a miss or
    /// a rule set, never a crash or a hang.
    @Test func damagedPayloadsNeverCrash() throws {
        var writer = CacheWriter()
        writer.item(try Fixture.mini())
        let payload = writer.bytes
        for length in 0..<payload.count {
            #expect(Array(payload.prefix(length)).withUnsafeBufferPointer(RuleCache.decodePayload) == nil)
        }
        var random = SplitMix(seed: 7)
        for _ in 0..<2000 {
            var damaged = payload
            for _ in 0...Int.random(in: 0..<3, using: &random) {
                damaged[Int.random(in: damaged.indices, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            _ = damaged.withUnsafeBufferPointer(RuleCache.decodePayload)
        }
    }

    @Test func keyTellsFilesBytesAndProgramsApart() {
        let cache = RuleCache(path: "", program: "p")
        let base: [(path: String, contents: Data?)] = [("r/a.yaml", Data("x: 1".utf8)), ("r/b.yaml", Data("y: 2".utf8))]
        let variants: [[(path: String, contents: Data?)]] = [
            base,
            [("r/a.yaml", Data("x: 1".utf8)), ("r/c.yaml", Data("y: 2".utf8))],  // renamed
            [("r/a.yaml", Data("x: 1".utf8)), ("r/b.yaml", Data("y: 3".utf8))],  // edited
            [("r/a.yaml", Data("x: 1y".utf8)), ("r/b.yaml", Data(": 2".utf8))],  // bytes moved between files
            [("r/a.yaml", Data("x: 1".utf8)), ("r/b.yaml", nil)],  // unreadable
            [("r/a.yaml", Data("x: 1".utf8))],  // removed
            [("s/a.yaml", Data("x: 1".utf8)), ("s/b.yaml", Data("y: 2".utf8))],  // another spelling of the directory
        ]
        let keys = variants.map(cache.key)
        #expect(Set(keys).count == variants.count)
        #expect(cache.key(base) == cache.key(base))
        #expect(RuleCache(path: "", program: "q").key(base) != cache.key(base))
    }

    @Test func oneCacheFilePerRulesDirectory() {
        let here = RuleCache.path(forRules: Fixture.repository + "/rules", in: "/c")
        #expect(here.hasPrefix("/c/regels-") && here.hasSuffix(".cache"))
        #expect(RuleCache.path(forRules: Fixture.repository + "/rules/", in: "/c") == here)
        #expect(RuleCache.path(forRules: Fixture.repository + "/../" + URL(fileURLWithPath: Fixture.repository).lastPathComponent + "/rules", in: "/c") == here)
        #expect(RuleCache.path(forRules: Fixture.directory + "/mini", in: "/c") != here)
    }

    @Test func sessionLoadsWriteReadAndRenewTheCache() throws {
        try withCopy(of: Fixture.directory + "/mini") { directory, cache in
            let fresh = try RuleLoader.load(directory: directory, cache: cache)
            #expect(FileManager.default.fileExists(atPath: cache.path))
            #expect(Fixture.dumped(try #require(cache.read(key: cache.key(try files(directory))))) == Fixture.dumped(fresh))

            // It is read, not just written: a rule set planted under the files' key comes back.
            var planted = fresh
            planted.themes[0].name = "Uit de cache"
            #expect(cache.write(planted, key: cache.key(try files(directory))) == nil)
            #expect(try RuleLoader.load(directory: directory, cache: cache).themes[0].name == "Uit de cache")

            // Another build of the program, or a changed byte in a rule file, reads the files again.
            let other = RuleCache(path: cache.path, program: "another build")
            #expect(try RuleLoader.load(directory: directory, cache: other).themes[0].name == fresh.themes[0].name)
            #expect(cache.write(planted, key: cache.key(try files(directory))) == nil)
            let file = try #require(try RuleLoader.ruleFiles(in: directory).first)
            try (String(contentsOfFile: file, encoding: .utf8) + "# opmerking van een trainer\n").write(toFile: file, atomically: true, encoding: .utf8)
            #expect(try RuleLoader.load(directory: directory, cache: cache).themes[0].name == fresh.themes[0].name)
            #expect(cache.read(key: cache.key(try files(directory)))?.themes[0].name == fresh.themes[0].name)
        }
    }

    @Test func rulesWithProblemsAreNeverCached() throws {
        try withCopy(of: Fixture.directory + "/mini") { directory, cache in
            try "rules:\n  - id: kapot\n".write(toFile: directory + "/99-kapot.yaml", atomically: true, encoding: .utf8)
            #expect(throws: DiagnosticList.self) { try RuleLoader.load(directory: directory, cache: cache) }
            #expect(!FileManager.default.fileExists(atPath: cache.path))
        }
    }

    @Test func anUnwritableCacheCostsOnlySpeed() throws {
        let mini = try Fixture.mini()
        try withCopy(of: Fixture.directory + "/mini") { directory, _ in
            let cache = RuleCache(path: "/proc/kompas/regels.cache", program: "test")
            let loaded = try RuleLoader.load(directory: directory, cache: cache)
            #expect(loaded.themes.count == mini.themes.count)
            #expect(cache.write(mini, key: 1)?.path == "/proc/kompas/regels.cache")
        }
    }
}
