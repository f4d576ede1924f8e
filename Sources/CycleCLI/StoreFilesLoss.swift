import Engine
import Foundation
import LocalStore

/// The end of a live or paper cycle whose store files (`cycle.sqlite`, `-wal`, `-shm`) were
/// removed or replaced under it (see `StoreFilesWatch`): whatever the cycle did, it ends
/// `error` (exit 1). Before its report is kept it saves what its own connection still reads
/// into a rescued copy beside the store, names it in the `cycle.files-lost` marker (which stops
/// every later cycle), says so on stderr and, on Binance, alerts.
enum StoreFilesLoss {
    /// nil when the files are in place; else the loss, already recorded in `report` and alerted.
    static func check(_ database: StateDatabase, report: inout ExecutionReport,
                      alert: (@Sendable (String) async -> DeliveryReceipt)?) async -> StoreFilesLostError? {
        let loss: StoreFilesLostError
        do {
            try database.requireFilesInPlace(runId: report.runId)
            return nil
        } catch let error as StoreFilesLostError {
            loss = error
        } catch {
            return nil
        }
        var message = "\(loss)"
        do {
            let copy = try database.rescueCopy(runId: report.runId)
            message += " Everything this run could still read (state, order journal, lease, earlier reports) was saved in \(copy.path); "
                + "to restore it, stop cron, move cycle.sqlite, cycle.sqlite-wal and cycle.sqlite-shm aside, rename that file to cycle.sqlite, "
                + "then delete \(loss.marker)."
        } catch {
            message += " The rescued copy could not be written (\(error)): this run's writes are lost; the exchange's order history "
                + "(client ids in this report) is the only record of its orders."
        }
        Console.error(message)
        report.fail(stage: .executeCycle, message: message, status: .error)
        let text = MessageCatalog(language: .en).text(.systemCrash) + "\n" + message
        let receipt = await alert?(text) ?? .logged
        report.notifications.append(record(text, receipt))
        return loss
    }

    private static func record(_ text: String, _ receipt: DeliveryReceipt) -> NotificationRecord {
        switch receipt {
        case .sent: NotificationRecord(text: text, deliveryStatus: .sent, acknowledged: true)
        case .failed(let errorType): NotificationRecord(text: text, deliveryStatus: .failed, acknowledged: false, errorType: errorType)
        case .logged: NotificationRecord(text: text, deliveryStatus: .logged, acknowledged: false)
        }
    }
}
