import ArgumentParser
import Backtest
import Engine
import Foundation
import Paper

/// `cycle backtest`: the live cycle over the bundled paper market, one cycle per day (SPEC §14,
/// first step: daily cadence, bundled data and pool; summary.json, equity.csv, trades.csv).
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run the engine's own cycle once per day over the bundled paper market (work in progress: daily cadence only)."
    )
    @Option(help: "First day, YYYY-MM-DD (default: 420 days before the data's last day, when the indicators have history).")
    var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default: the data's last day).")
    var to: String?
    @Option(help: "Folder for summary.json, equity.csv and trades.csv.")
    var out = "backtest"
    @Flag(help: "Print summary.json on stdout.")
    var json = false

    func run() async throws {
        let settings = try Settings.load()
        let market = try PaperSession.locateMarket(settings.paper)
        guard let last = market.lastDay.map(CalendarDay.init) else { throw CycleExit.configuration }
        let start = try from.map(Self.day) ?? CalendarDay(Date.parseISO8601(last.iso + "T00:00:00Z")?.addingTimeInterval(-380 * 86_400) ?? Date())
        let end = try to.map(Self.day) ?? last
        let payload = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: market.livePoolArtifactPath)))
        var config = settings.cycle
        config.dryRun = false
        let runner = BacktestRunner(market: market, payload: payload, config: config, initialBalances: settings.paper.initialBalances)
        let result = try await runner.run(from: start, to: end)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let summary: JSONValue = [
            "from": .string(start.iso), "to": .string(end.iso), "days": .int(Int64(result.days.count)),
            "initial_equity_usdt": .double(result.initialEquity), "final_equity_usdt": .double(result.finalEquity),
            "total_return": .double(result.totalReturn), "max_drawdown": .double(result.maxDrawdown),
            "trades": .int(Int64(result.trades.count)), "engine_version": .string(EngineVersion.full),
        ]
        try Data((JSONWriter.string(summary) + "\n").utf8).write(to: folder.appendingPathComponent("summary.json"))
        try Data((["date,equity_usdt,status"] + result.days.map { "\($0.date),\($0.equity),\($0.status)" }).joined(separator: "\n").utf8)
            .write(to: folder.appendingPathComponent("equity.csv"))
        try Data((["date,category,action,symbol,quantity,price"] + result.trades.map {
            "\($0.date),\($0.category),\($0.action),\($0.symbol),\($0.quantity),\($0.price)"
        }).joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("trades.csv"))
        if json { print(JSONWriter.string(summary)) } else {
            Console.out("Backtest \(start.iso) … \(end.iso): \(result.days.count) cycles, \(result.trades.count) trades, "
                + "equity \(Int(result.initialEquity)) → \(Int(result.finalEquity)) USDT, max drawdown \(Int((result.maxDrawdown * 100).rounded())) %. Outputs in \(folder.path).")
        }
    }

    static func day(_ text: String) throws -> CalendarDay {
        guard let day = CalendarDay(isoPrefix: text) else { throw ValidationError("'\(text)' is not YYYY-MM-DD") }
        return day
    }
}
