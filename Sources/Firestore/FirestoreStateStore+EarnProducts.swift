import Engine
import Foundation

/// Simple Earn product ids looked up before, in one document `<state>/cache/earn_products`
/// (`{"USDT": {"product_id": …, "looked_up_at_unix": …}}`); a cache, written without a precondition.
extension FirestoreStateStore {
    var earnProductsPath: DocumentPath { path.child("cache", "earn_products") }

    public func earnProducts() async throws -> [String: KnownEarnProduct] {
        guard let document = try await client.get(earnProductsPath) else { return [:] }
        var products: [String: KnownEarnProduct] = [:]
        for (asset, value) in document.fields {
            // A cache entry this engine cannot read is looked up again, never trusted.
            guard let id = value["product_id"]?.stringValue, let seconds = value["looked_up_at_unix"]?.numberValue, seconds.isFinite else { continue }
            products[asset] = KnownEarnProduct(productId: id, lookedUpAt: Date(timeIntervalSince1970: seconds))
        }
        return products
    }

    public func rememberEarnProducts(_ products: [String: KnownEarnProduct]) async throws {
        let fields = JSONObject(uniqueKeysWithValues: products.sorted { $0.key < $1.key }.map { asset, product in
            (asset, JSONValue.object(["product_id": .string(product.productId), "looked_up_at_unix": .double(product.lookedUpAt.timeIntervalSince1970)]))
        })
        try await client.commit([.set(earnProductsPath, fields: fields, precondition: nil)], operation: "remember Simple Earn products of \(path)")
    }
}
