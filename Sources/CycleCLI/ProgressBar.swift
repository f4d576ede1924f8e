import Backtest
import Foundation

/// A progress bar on stderr, drawn only when stderr is a terminal (never in cron mail or a pipe),
/// redrawn at most once per percent.
final class ProgressBar: BacktestProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1

    /// A bar when stderr is a terminal, else nil.
    static func onTerminal() -> ProgressBar? {
        isatty(FileHandle.standardError.fileDescriptor) == 1 ? ProgressBar() : nil
    }

    func advance(to done: Int, of total: Int) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        let changed = lock.withLock {
            guard percent != lastPercent else { return false }
            lastPercent = percent
            return true
        }
        guard changed else { return }
        let width = 40
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = "\r\(bar) \(percent) % (\(done)/\(total) cycles)" + (done == total ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
