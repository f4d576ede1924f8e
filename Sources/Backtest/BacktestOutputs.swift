import Engine
import Foundation

/// The four files of a backtest (docs/backtest.md), written from the summary. Nothing in them depends
/// on the wall clock or the machine, so the same inputs give byte-identical files.
public enum BacktestOutputs {
    public static let files = ["summary.json", "equity.csv", "trades.csv", "report.html"]

    public static func write(_ summary: BacktestSummary, context: BacktestContext, to folder: URL) throws {
        do {
            try OutputFile.createFolder(folder)
            let texts = [JSONWriter.string(summary.json(context: context)) + "\n", equityCSV(summary), tradesCSV(summary.record.orders),
                         BacktestHTMLReport.render(BacktestReportPage.content(summary, context: context))]
            for (name, text) in zip(files, texts) {
                try OutputFile.replace(folder.appendingPathComponent(name).path, with: Data(text.utf8))
            }
        } catch let error as OutputFileError {
            throw BacktestInputError(path: error.path, problem: "was not written: it \(error.problem)", remedy: "\(error.remedy), or choose another folder with --out")
        } catch {
            throw BacktestInputError(path: folder.path, problem: "cannot be written (\(error.localizedDescription))",
                                     remedy: "choose a writable folder with --out")
        }
    }

    /// One row per day: the account by sleeve after the day's last cycle, its drawdown, and the benchmarks.
    static func equityCSV(_ summary: BacktestSummary) -> String {
        let days = summary.record.days
        let drawdowns = PerformanceStatistics.drawdowns(days.map(\.equity))
        var lines = ["date,equity_usdt,cash_usdt,trend_usdt,btc_core_usdt,fuel_usdt,drawdown,btc_price,btc_hold_usdt,btc_dca_usdt"]
        for (index, day) in days.enumerated() {
            lines.append([day.date, number(day.equity), number(day.cash), number(day.trend), number(day.btcCore), number(day.fuel),
                          number(drawdowns[index]), number(day.btcPrice), number(summary.benchmarks.btcHold[index]),
                          number(summary.benchmarks.btcDCA[index])].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per filled order, in the order they were placed; amounts as the exchange booked them.
    static func tradesCSV(_ orders: [BacktestOrder]) -> String {
        var lines = ["time,symbol,side,purpose,sleeve,quantity,price,quote_usdt,commission,commission_asset,fee_usdt"]
        for order in orders {
            lines.append([order.time, order.symbol, order.side, order.purpose, order.sleeve.rawValue, decimal(order.quantity),
                          decimal(order.price), decimal(order.quote), decimal(order.commission), order.commissionAsset,
                          number(order.feeUSDT)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A figure as the shortest text that reads back as the same `Double`.
    static func number(_ value: Double) -> String { JSONWriter.format(value) }

    static func decimal(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }
}
