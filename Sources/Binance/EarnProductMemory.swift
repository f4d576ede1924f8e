import Engine
import Foundation

/// The Simple Earn product ids this process knows: those the deployment's store remembered
/// (used while fresh, `KnownEarnProduct.maximumAgeSeconds`) and those it looked up. A move
/// that Binance refuses forgets its product, so a stale id is looked up again next time.
public actor EarnProductMemory {
    private var products: [String: KnownEarnProduct]

    public init(remembered: [String: KnownEarnProduct] = [:]) {
        products = remembered
    }

    /// What the store should keep now.
    public var snapshot: [String: KnownEarnProduct] { products }

    func productId(for asset: String, now: Date) -> String? {
        products[asset].flatMap { $0.isFresh(at: now) ? $0.productId : nil }
    }

    func remember(_ productId: String, for asset: String, at now: Date) {
        products[asset] = KnownEarnProduct(productId: productId, lookedUpAt: now)
    }

    func forget(productId: String) {
        products = products.filter { $0.value.productId != productId }
    }
}
