import Engine
import Foundation

/// Firestore's typed value encoding (REST `Value`) for the engine's JSON documents. Integers
/// travel as `integerValue` strings and come back as integers, floats as `doubleValue`, so a
/// document written by the original engine round-trips with its types. Kinds JSON has no type
/// for (timestamp, bytes, reference, geo point) are kept in their wire form inside a one-key
/// object `{"$firestore": {kind: payload}}` and written back exactly as they were read.
public enum FirestoreValue {
    /// The key of the object that carries a value kind JSON cannot express, verbatim.
    public static let wireKey = "$firestore"
    static let verbatimKinds: Set<String> = ["timestampValue", "referenceValue", "bytesValue", "geoPointValue"]

    /// `{"fields": …}` of a document whose top level is `object`.
    public static func fields(_ object: JSONObject) -> JSONValue {
        .object(object.mapValues(encode))
    }

    public static func encode(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: return ["nullValue": .null]
        case .bool(let flag): return ["booleanValue": .bool(flag)]
        case .int(let number): return ["integerValue": .string(String(number))]
        case .double(let number):
            // JSON has no NaN or infinities; Firestore's JSON mapping spells them as strings.
            if number.isNaN { return ["doubleValue": "NaN"] }
            if number.isInfinite { return ["doubleValue": .string(number > 0 ? "Infinity" : "-Infinity")] }
            return ["doubleValue": .double(number)]
        case .string(let text): return ["stringValue": .string(text)]
        case .array(let items): return ["arrayValue": items.isEmpty ? [:] : ["values": .array(items.map(encode))]]
        case .object(let members):
            if members.count == 1, let wire = members[wireKey]?.objectValue, wire.count == 1,
               let kind = wire.keys.first, verbatimKinds.contains(kind) {
                return .object(wire)
            }
            return ["mapValue": members.isEmpty ? [:] : ["fields": fields(members)]]
        }
    }

    /// The document's top level from its `fields` (absent for an empty document).
    public static func decode(fields: JSONValue?) throws -> JSONObject {
        guard let fields else { return [:] }
        guard let members = fields.objectValue else { throw FirestoreDecodingError(path: "fields", problem: "is not an object") }
        return try members.reduce(into: [:]) { result, member in result[member.key] = try decode(member.value, path: member.key) }
    }

    public static func decode(_ value: JSONValue, path: String) throws -> JSONValue {
        guard let wrapper = value.objectValue, wrapper.count == 1, let (kind, payload) = wrapper.elements.first else {
            throw FirestoreDecodingError(path: path, problem: "is not a typed value with exactly one kind")
        }
        switch kind {
        case "nullValue": return .null
        case "booleanValue":
            guard case .bool(let flag) = payload else { throw FirestoreDecodingError(path: path, problem: "booleanValue is not a boolean") }
            return .bool(flag)
        case "integerValue":
            // The JSON mapping sends int64 as a string; accept a bare number too.
            if case .int(let number) = payload { return .int(number) }
            guard let text = payload.stringValue, let number = Int64(text) else {
                throw FirestoreDecodingError(path: path, problem: "integerValue is not a 64-bit integer")
            }
            return .int(number)
        case "doubleValue":
            switch payload {
            case .double(let number): return .double(number)
            case .int(let number): return .double(Double(number))
            case .string("NaN"): return .double(.nan)
            case .string("Infinity"): return .double(.infinity)
            case .string("-Infinity"): return .double(-.infinity)
            default: throw FirestoreDecodingError(path: path, problem: "doubleValue is not a number")
            }
        case "stringValue":
            guard let text = payload.stringValue else { throw FirestoreDecodingError(path: path, problem: "\(kind) is not text") }
            return .string(text)
        case let kind where verbatimKinds.contains(kind):
            // Kept in wire form so the write puts back exactly what was read.
            return [wireKey: .object([kind: payload])]
        case "arrayValue":
            let items = payload["values"]?.arrayValue ?? []
            return .array(try items.enumerated().map { try decode($0.element, path: "\(path)[\($0.offset)]") })
        case "mapValue":
            let members = payload["fields"]?.objectValue ?? [:]
            return .object(try members.reduce(into: [:]) { result, member in
                result[member.key] = try decode(member.value, path: "\(path).\(member.key)")
            })
        default:
            throw FirestoreDecodingError(path: path, problem: "has an unknown value kind \"\(kind)\"")
        }
    }
}

/// A stored document holds something this engine cannot read.
public struct FirestoreDecodingError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "Firestore field \(path) \(problem)" }
}
