import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One small GET (the healthcheck ping) whose cost is bounded whatever the peer does: it ends
/// after `totalSeconds` in all (URLSession's own timeouts on Linux only bound inactivity, so a
/// peer sending one byte a second would hold it for ever), keeps at most `maximumBytes` of the
/// answer and stops the transfer once more arrives, and follows no redirect.
///
/// It runs on a session of its own, so the only task ever cancelled is its own: HTTPTransport
/// never cancels because cancelling one task of a shared corelibs session while another
/// completes can deadlock that session. The caller is resumed first; the cancel happens after,
/// on another thread, so even a cancel that hung could not hold the caller.
public enum BoundedFetch {
    public struct Result: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// The peer answered with this status (its body possibly cut at `maximumBytes`).
            case answered(status: Int)
            /// Nothing complete within `totalSeconds`; the request was abandoned.
            case timedOut
            case failed(String)
        }

        public var outcome: Outcome
        /// Body bytes handed to the client (at most `maximumBytes` plus one network read).
        public var bytesRead: Int
        /// The first `maximumBytes` of the body at most.
        public var body: Data
        /// The body went on beyond `maximumBytes` and was not read further.
        public var cutShort: Bool
    }

    public static func get(_ url: URL, totalSeconds: Double, maximumBytes: Int) async -> Result {
        let collector = Collector(maximumBytes: maximumBytes)
        let configuration = URLSessionConfiguration.peerCalls(timeoutSeconds: totalSeconds)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: queue)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            collector.start(continuation)
            DispatchQueue.global().asyncAfter(deadline: .now() + totalSeconds) { collector.finish(.timedOut) }
            session.dataTask(with: URLRequest(url: url, timeoutInterval: totalSeconds)).resume()
        }
        // Whatever is still in flight is dropped with the session, off the caller's path.
        DispatchQueue.global().async { session.invalidateAndCancel() }
        return result
    }

    /// Receives the answer; resumes the caller once, with whatever ended first.
    private final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private let maximumBytes: Int
        private var continuation: CheckedContinuation<Result, Never>?
        private var finished = false
        private var status: Int?
        private var body = Data()
        private var bytesRead = 0

        init(maximumBytes: Int) {
            self.maximumBytes = max(0, maximumBytes)
        }

        func start(_ continuation: CheckedContinuation<Result, Never>) {
            lock.withLock { self.continuation = continuation }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            lock.withLock { status = (response as? HTTPURLResponse)?.statusCode }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over = lock.withLock { () -> Bool in
                bytesRead += data.count
                if body.count < maximumBytes { body.append(data.prefix(maximumBytes - body.count)) }
                return bytesRead > maximumBytes
            }
            guard over else { return }
            finish(nil)
            DispatchQueue.global().async { dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            if let error = error as? URLError {
                finish(error.code == .timedOut ? .timedOut : .failed("URL error \(error.code.rawValue)"))
            } else if error != nil {
                finish(.failed("request failed"))
            } else {
                finish(nil)
            }
        }

        /// `failure` nil: the answer as received so far.
        func finish(_ failure: Result.Outcome?) {
            let resumed = lock.withLock { () -> (CheckedContinuation<Result, Never>, Result)? in
                guard !finished, let continuation else { return nil }
                finished = true
                let outcome: Result.Outcome = failure ?? status.map { .answered(status: $0) } ?? .failed("no HTTP answer")
                return (continuation, Result(outcome: outcome, bytesRead: bytesRead, body: body, cutShort: bytesRead > maximumBytes))
            }
            guard let (continuation, result) = resumed else { return }
            continuation.resume(returning: result)
        }
    }
}
