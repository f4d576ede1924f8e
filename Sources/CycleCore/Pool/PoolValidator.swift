import Foundation
import Strategy

/// Parses and validates a raw live-pool payload (docs/strategy.md#payload, docs/strategy.md#validation).
public struct PoolValidator: Sendable {
    public let contract: PoolContract
    public let messages: MessageCatalog

    public init(contract: PoolContract, messages: MessageCatalog) {
        self.contract = contract
        self.messages = messages
    }

    /// `today` is the UTC calendar day the age is measured against.
    public func validate(_ raw: JSONValue, today: CalendarDay, enforceFreshness: Bool) -> PoolValidation {
        var errors: [String] = []
        var warnings: [String] = []
        let object = raw.objectValue ?? [:]
        let baseAssets = Self.parseSymbolMap(object)
        let symbols = Self.orderedSymbols(object, baseAssets: baseAssets)

        let asOf = object["as_of_date"]?.stringValue.flatMap { CalendarDay(isoPrefix: $0) }
        if asOf == nil { errors.append(messages.text(.missingInvalidAsOfDate)) }

        var mode = object["mode"]?.stringValue?.trimmingSpaces() ?? ""
        if mode.isEmpty {
            if let assumed = contract.acceptableModes.first {
                mode = assumed
                warnings.append(messages.text(.modeMissingAssumed, [.mode: mode]))
            }
        } else if !contract.acceptableModes.isEmpty, !contract.acceptableModes.contains(mode) {
            errors.append(messages.text(.modeNotAcceptable, [.mode: mode, .acceptableModes: contract.acceptableModes.joined(separator: ", ")]))
        }

        if baseAssets.isEmpty { errors.append(messages.text(.symbolsMapMissingOrInvalid)) }
        // A base asset that is not the symbol's own (SOLUSDT → USDT) would value one coin as
        // another: the payload is refused rather than trusted.
        for symbol in symbols {
            guard let base = baseAssets[symbol], base + "USDT" != symbol else { continue }
            errors.append(messages.text(.baseAssetMismatch, [.symbol: symbol, .baseAsset: base]))
        }
        if symbols.isEmpty { errors.append(messages.text(.symbolsListEmpty)) }

        var declaredSize = symbols.count
        if let raw = object["pool_size"] {
            if let size = Self.integer(raw) {
                declaredSize = size
            } else {
                errors.append(messages.text(.poolSizeMissingOrInvalid))
            }
        }
        if declaredSize != symbols.count {
            errors.append(messages.text(.poolSizeMismatch, [.declared: "\(declaredSize)", .parsed: "\(symbols.count)"]))
        }
        if !symbols.isEmpty, declaredSize != contract.expectedSize {
            errors.append(messages.text(.poolSizeExpectedMismatch, [.poolSize: "\(declaredSize)", .expectedPoolSize: "\(contract.expectedSize)"]))
        }

        var isFresh = false
        if let asOf {
            let age = today.days(since: asOf)
            isFresh = age <= contract.maxAgeDays
            if age < 0 {
                errors.append(messages.text(.asOfDateInFuture, [.asOfDate: asOf.iso]))
            } else if enforceFreshness, age > contract.maxAgeDays {
                errors.append(messages.text(.payloadStaleByDays, [.ageDays: "\(age)", .maxAgeDays: "\(contract.maxAgeDays)"]))
            }
        }

        var version = object["version"]?.stringValue?.trimmingSpaces() ?? ""
        if version.isEmpty, let asOf, !mode.isEmpty {
            version = "\(asOf.iso)-\(mode)"
            warnings.append(messages.text(.versionMissingSynthesized))
        }
        var project = object["source_project"]?.stringValue?.trimmingSpaces() ?? ""
        if project.isEmpty {
            project = "unknown"
            warnings.append(messages.text(.sourceProjectMissingUnknown))
        }

        let payload = PoolPayload(
            asOfDate: asOf?.iso ?? "", version: version, mode: mode, symbols: symbols,
            baseAssets: baseAssets.filter { symbols.contains($0.key) }, sourceProject: project
        )
        return PoolValidation(payload: payload, errors: errors, warnings: warnings, isFresh: isFresh)
    }

    /// Symbol → base asset from `symbol_map`, else `symbols`; only string keys ending in USDT.
    static func parseSymbolMap(_ object: JSONObject) -> [String: String] {
        let source: JSONValue? = [object["symbol_map"], object["symbols"]].compactMap { $0 }.first { value in
            value.objectValue != nil || value.arrayValue != nil
        }
        var entries: [(String, JSONValue?)] = []
        if let list = source?.arrayValue {
            entries = list.compactMap { $0.stringValue }.map { ($0, nil) }
        } else if let map = source?.objectValue {
            entries = map.map { ($0.key, $0.value) }
        }
        var result: [String: String] = [:]
        for (symbol, meta) in entries where symbol.hasSuffix("USDT") {
            // Declared or inferred, the base asset is read the same way (spaces trimmed), so the
            // normalized payload, which declares every base, validates again as itself.
            let declared = meta?["base_asset"]?.stringValue?.trimmingSpaces() ?? ""
            let base = declared.isEmpty ? inferBaseAsset(symbol).trimmingSpaces() : declared
            if !base.isEmpty { result[symbol] = base }
        }
        return result
    }

    /// `symbols` (list, or object keys in published order), else the map's keys in published
    /// order; only mapped symbols, first occurrence wins.
    static func orderedSymbols(_ object: JSONObject, baseAssets: [String: String]) -> [String] {
        let ordered: [String]
        if let list = object["symbols"]?.arrayValue {
            ordered = list.compactMap(\.stringValue)
        } else if let map = object["symbols"]?.objectValue {
            ordered = Array(map.keys)
        } else {
            ordered = object["symbol_map"]?.objectValue.map { Array($0.keys) }
                ?? object["symbol_map"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        var seen = Set<String>()
        return ordered.filter { baseAssets[$0] != nil && seen.insert($0).inserted }
    }

    /// Python's `int()` on the value: integers, integral floats, and integer strings. A float no
    /// `Int` can hold (1e300, infinity) is not an integer here: the rung is refused, never a trap.
    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .int(let number): return Int(exactly: number)
        case .double(let number) where number.isFinite: return Int(exactly: number.rounded(.towardZero))
        case .string(let text): return Int(text.trimmingSpaces())
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }
}
