// Swift 6.3.1 (swift-6.3.1-RELEASE, Linux x86_64) miscompiles this at -O: a task group whose
// child returns a tuple from more than one path (here `do` and `catch`) corrupts the heap when
// the result is copied out of `group.next()`. At -Onone it runs clean.
//   swiftc -O taskgroup-tuple-miscompile.swift -o /tmp/repro && /tmp/repro   # crashes most runs
//   swiftc -Onone taskgroup-tuple-miscompile.swift -o /tmp/repro && /tmp/repro # never crashes
// The project's lint (scripts/lint-taskgroup-tuples.sh) refuses this pattern in Sources/ and Tests/.
struct Failure: Error {}

func load(_ name: String) async throws -> [String] {
    if name.hasSuffix("7") { throw Failure() }
    return (0..<64).map { "\(name)-\($0)" }
}

func fetchAll(_ names: [String]) async -> [String: Result<[String], any Error>] {
    await withTaskGroup(of: (String, Result<[String], any Error>).self) { group in
        for name in names {
            group.addTask {
                do { return (name, .success(try await load(name))) } catch { return (name, .failure(error)) }
            }
        }
        var results: [String: Result<[String], any Error>] = [:]
        while let (name, result) = await group.next() { results[name] = result }
        return results
    }
}

for round in 0..<200 {
    let results = await fetchAll((0..<40).map { "SYMBOL\(round)_\($0)" })
    precondition(results.count == 40)
}
print("no crash")
