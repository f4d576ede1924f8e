import Foundation
import OrderedCollections

/// A JSON object's members in the order they were read or inserted: a payload's `symbols`
/// object is traded in its published order and a state document keeps its key order.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON document that keeps integers and floats apart, so a state document written by the
/// original engine round-trips with the same value types (`5` stays an integer, `0.0` a float).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// JSON's own equality: an object is a set of members, so two objects with the same
    /// members in another order are equal (the order is kept only for writing).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        // Keys in the same order: compare the values in order (at once when both share storage);
        // otherwise key by key, in any order.
        case (.object(let a), .object(let b)):
            a.keys == b.keys ? a.values.elements == b.values.elements : a.count == b.count && a.allSatisfy { key, value in b[key] == value }
        default: false
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Numbers of either kind, and numeric strings (Binance sends prices as strings).
    public var numberValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let text): return Double(text.trimmingSpaces())
        default: return nil
        }
    }

    /// Python-style truthiness for a state flag written by either engine.
    public var truthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .array(let value): return !value.isEmpty
        case .object(let value): return !value.isEmpty
        }
    }

    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    public init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }
    public init(_ values: [String]) { self = .array(values.map { .string($0) }) }
}


extension JSONValue {
    /// An object built from an unordered dictionary, its keys sorted so every run writes the same order.
    public static func sortedObject(_ members: [String: JSONValue]) -> JSONValue {
        .object(JSONObject(uniqueKeysWithValues: members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }
}

extension OrderedDictionary {
    /// The same members where their order does not matter (lookup tables).
    public var unordered: [Key: Value] {
        Dictionary(uniqueKeysWithValues: lazy.map { ($0.key, $0.value) })
    }
}
