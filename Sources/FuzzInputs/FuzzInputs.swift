import CLibFuzzer
import Foundation
import FuzzHarness

// `scripts/fuzz.sh` builds this with `-sanitize=fuzzer,address -D FUZZING`: libFuzzer then
// drives `fuzzOneInput` for the target named by FUZZ_TARGET. A normal build replays files
// instead (`fuzz-inputs TARGET FILE|DIR…`), to reproduce a crash without the sanitizers.

/// The target FUZZ_TARGET names (libFuzzer owns the command line).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue)), not '\(name)'\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget.consume(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

/// The executable's entry (SwiftPM links `main` to `<module>_main`).
@_cdecl("FuzzInputs_main")
public func fuzzInputsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    #if FUZZING
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
    #else
    let arguments = CommandLine.arguments.dropFirst()
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
        FileHandle.standardError.write(Data("usage: fuzz-inputs \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE|DIR…\n".utf8))
        return 64
    }
    var count = 0
    for path in arguments.dropFirst() {
        for file in FuzzCorpus.files(at: URL(fileURLWithPath: path)) {
            target.consume((try? Data(contentsOf: file)) ?? Data())
            count += 1
        }
    }
    print("\(target.rawValue): \(count) inputs, no crash")
    return 0
    #endif
}
