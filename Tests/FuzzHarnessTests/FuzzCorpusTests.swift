import Foundation
import FuzzHarness
import Testing

/// Every seed and every input a fuzzer once crashed on goes through its harness on each test
/// run, without the sanitizers: a parser that traps, or a round trip that no longer reads
/// back as itself (the harness stops the process), fails the suite.
@Suite struct FuzzCorpusTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    @Test(arguments: FuzzTarget.allCases)
    func everySeedAndRegressionInputIsConsumed(_ target: FuzzTarget) {
        let seeds = FuzzCorpus.files(at: Self.fuzz.appendingPathComponent("corpus/\(target.rawValue)"))
        let regressions = FuzzCorpus.files(at: Self.fuzz.appendingPathComponent("regressions/\(target.rawValue)"))
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has seeds")
        for file in seeds + regressions {
            target.consume((try? Data(contentsOf: file)) ?? Data())
        }
    }

    /// Inputs with no structure at all: empty, truncated, binary.
    @Test(arguments: FuzzTarget.allCases)
    func garbageIsConsumed(_ target: FuzzTarget) {
        for bytes in [[], [0xFF, 0xFE], Array("{\"symbols\": {".utf8), Array("[[1e400, \"-0\", null]]".utf8), [UInt8](repeating: 0x5B, count: 5000)] {
            target.consume(Data(bytes))
        }
    }
}
