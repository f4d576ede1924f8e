import Engine
import Foundation
import GRDB

/// Simple Earn product ids looked up before, one row per account and asset.
extension SQLiteStateStore {
    public func earnProducts() async throws -> [String: KnownEarnProduct] {
        try await database.writer.read { db in
            var products: [String: KnownEarnProduct] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT asset, product_id, looked_up_at FROM earn_product WHERE account = ?", arguments: [account]) {
                let seconds: Double = row["looked_up_at"]
                guard seconds.isFinite else { continue }
                products[row["asset"]] = KnownEarnProduct(productId: row["product_id"], lookedUpAt: Date(timeIntervalSince1970: seconds))
            }
            return products
        }
    }

    public func rememberEarnProducts(_ products: [String: KnownEarnProduct]) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM earn_product WHERE account = ?", arguments: [account])
            for (asset, product) in products {
                try db.execute(sql: "INSERT INTO earn_product (account, asset, product_id, looked_up_at) VALUES (?, ?, ?, ?)",
                               arguments: [account, asset, product.productId, product.lookedUpAt.timeIntervalSince1970])
            }
        }
    }
}
