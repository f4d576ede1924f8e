import Engine
import Foundation

/// Which live-pool artifact plays the fresh upstream document on each simulated day.
public enum PoolSchedule: Sendable {
    /// One payload, re-dated to every day (always fresh): the bundled pool.
    case fixed(JSONValue)
    /// Dated artifacts (`--pools DIR`): on a day, the latest whose `as_of_date` is on or before
    /// it, as it was published (so the ladder judges its age); none yet → the ladder falls back.
    case dated([DatedPool])

    public struct DatedPool: Sendable {
        public let asOf: CalendarDay
        public let file: String
        public let payload: JSONValue
    }

    /// What the upstream rung answers a cycle on `day`, as the pool ladder reads it.
    public func artifact(on day: CalendarDay) -> FetchedArtifact {
        switch self {
        case .fixed(let payload):
            var dated = payload.objectValue ?? [:]
            dated["as_of_date"] = .string(day.iso)
            return FetchedArtifact(label: "backtest:live_pool", answer: .success(.payload(.object(dated))))
        case .dated(let pools):
            guard let pool = pools.last(where: { $0.asOf <= day }) else {
                return FetchedArtifact(label: "backtest:pools", answer: .success(.missing(reason: "no artifact dated on or before \(day.iso)")))
            }
            return FetchedArtifact(label: "backtest:\(pool.file)", answer: .success(.payload(pool.payload)))
        }
    }

    /// Reads every `*.json` of `directory` as a live-pool artifact dated by its `as_of_date`.
    public static func read(directory: URL) throws -> PoolSchedule {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw BacktestInputError(path: directory.path, problem: "cannot be listed (\(error.localizedDescription))",
                                     remedy: "pass --pools a folder of live-pool artifacts (one JSON document each)")
        }
        var pools: [DatedPool] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let payload: JSONValue
            do { payload = try JSONParser.parse(Data(contentsOf: url)) } catch {
                throw BacktestInputError(path: url.path, problem: "is not valid JSON (\(error))", remedy: "fix or remove the file")
            }
            guard let text = payload["as_of_date"]?.stringValue, let day = CalendarDay(isoPrefix: text) else {
                throw BacktestInputError(path: url.path, problem: "has no as_of_date (YYYY-MM-DD)", remedy: "date the artifact or remove it")
            }
            pools.append(DatedPool(asOf: day, file: name, payload: payload))
        }
        guard !pools.isEmpty else {
            throw BacktestInputError(path: directory.path, problem: "holds no *.json artifact", remedy: "point --pools at the folder of dated live-pool artifacts")
        }
        return .dated(pools.sorted { ($0.asOf, $0.file) < ($1.asOf, $1.file) })
    }
}

/// A backtest input (data folder, pools, options) cannot be used; names the input and the remedy.
public struct BacktestInputError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public let remedy: String
    public init(path: String, problem: String, remedy: String) {
        self.path = path
        self.problem = problem
        self.remedy = remedy
    }
    public var description: String { "Backtest input \(path) \(problem); \(remedy)." }
}
