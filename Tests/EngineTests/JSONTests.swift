import Foundation
import Testing
import Engine

@Suite struct JSONTests {
    @Test func integersAndFloatsStayApart() throws {
        let value = try JSONParser.parse(#"{"pool_size": 5, "price": 0.0, "big": 1e3, "s": "x\u00e9\n", "n": null, "b": [true, false]}"#)
        #expect(value["pool_size"] == .int(5))
        #expect(value["price"] == .double(0))
        #expect(value["big"] == .double(1000))
        #expect(value["s"] == .string("xé\n"))
        #expect(JSONWriter.string(value, pretty: false) == #"{"b":[true,false],"big":1000.0,"n":null,"pool_size":5,"price":0.0,"s":"xé\n"}"#)
    }

    /// Objects are maps: equal whatever their key order, at every depth; NaN equals NaN (a
    /// document read twice is the same document).
    @Test func objectEqualityIgnoresKeyOrderAtEveryDepth() throws {
        let first = try JSONParser.parse(#"{"a":1,"b":{"x":[1,{"p":true,"q":null}],"y":"s"},"c":2.5}"#)
        let reordered = try JSONParser.parse(#"{"c":2.5,"b":{"y":"s","x":[1,{"q":null,"p":true}]},"a":1}"#)
        let changedDeep = try JSONParser.parse(#"{"a":1,"b":{"x":[1,{"p":false,"q":null}],"y":"s"},"c":2.5}"#)
        let changedDeepReordered = try JSONParser.parse(#"{"c":2.5,"a":1,"b":{"y":"s","x":[1,{"q":null,"p":false}]}}"#)
        let extraKey = try JSONParser.parse(#"{"a":1,"b":{"x":[1,{"p":true,"q":null}],"y":"s"},"c":2.5,"d":0}"#)
        #expect(first == first)
        #expect(first == reordered && reordered == first)
        #expect(first != changedDeep && first != changedDeepReordered && reordered != changedDeep)
        #expect(first != extraKey && extraKey != first)
        let nan: JSONValue = ["n": .double(.nan), "m": ["k": .double(.nan)]]
        #expect(nan == ["m": ["k": .double(.nan)], "n": .double(.nan)])
    }

    @Test func objectsKeepTheirKeyOrderWhenWrittenAsStored() throws {
        let text = #"{"zeta":1,"alpha":{"y":true,"b":null},"mid":[{"k2":1,"k1":2}]}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue.map { Array($0.keys) } == ["zeta", "alpha", "mid"])
        #expect(JSONWriter.string(value, pretty: false, keys: .asStored) == text)
        #expect(JSONWriter.string(value, pretty: false) == #"{"alpha":{"b":null,"y":true},"mid":[{"k1":2,"k2":1}],"zeta":1}"#)
    }

    /// Found by the state fuzzer: a float literal beyond a double's range read as infinity and
    /// was written back as `null`. It is refused now; the explicit Python tokens round-trip.
    @Test func aFloatBeyondADoublesRangeIsRefusedAndPythonTokensRoundTrip() throws {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"operator_coun4er": 1844674407370905e300}"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("-1e400") }
        let tokens = try JSONParser.parse(#"{"a":NaN,"b":Infinity,"c":-Infinity}"#)
        #expect(JSONWriter.string(tokens, pretty: false, keys: .asStored) == #"{"a":NaN,"b":Infinity,"c":-Infinity}"#)
        #expect(try JSONParser.parse(JSONWriter.string(tokens, keys: .asStored)) == tokens)
        #expect(JSONWriter.string(tokens, pretty: false) == #"{"a":null,"b":null,"c":null}"#, "reports stay strict JSON")
    }

    @Test func aRepeatedKeyKeepsItsFirstPlaceAndItsLastValue() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":2,"b":3}"#)
        #expect(JSONWriter.string(value, pretty: false, keys: .asStored) == #"{"b":3,"a":2}"#)
    }

    @Test func floatsPrintInShortestRoundTripForm() {
        #expect(JSONWriter.string(.double(0.19)) == "0.19")
        #expect(JSONWriter.string(.double(1030)) == "1030.0")
        #expect(JSONWriter.string(.double(0.1 + 0.2)) == "0.30000000000000004")
        #expect(JSONWriter.string(.double(.nan)) == "null")
    }

    @Test func pythonNaNTokenIsReadSoItCanBeRejectedByName() throws {
        let value = try JSONParser.parse(#"{"price": NaN}"#)
        #expect(value["price"]?.numberValue?.isNaN == true)
    }

    @Test(arguments: ["{", #"{"a": 1,}"#, "[1 2]", #"{"a": tru}"#, "1 2", #""unterminated"#])
    func malformedTextIsRejected(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }
}

/// Issue 12: an integer beyond 64 bits is refused, never rewritten as a rounded float.
@Suite struct JSONIntegerRangeTests {
    @Test func anIntegerBeyond64BitsIsRefused() throws {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"operator_counter": 18446744073709551616}"#) }
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("18446744073709551616.0") == .double(18446744073709551616.0), "a float stays a float")
    }
}

/// Strings are read without a copy when they hold no escape; both paths keep every code point
/// and refuse what RFC 8259 refuses, at the same byte.
@Suite struct JSONStringTests {
    @Test func plainAndEscapedStringsReadTheSame() throws {
        #expect(try JSONParser.parse(#""SOLUSDT""#) == .string("SOLUSDT"))
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n""#) == .string("a\"b\\c/d\n"))
        #expect(try JSONParser.parse(#""€ \u20ac 𝄞 \ud834\udd1e""#) == .string("€ € 𝄞 𝄞"))
        #expect(try JSONParser.parse(#"["", "x"]"#) == .array([.string(""), .string("x")]))
    }

    /// Foundation's UTF-8 decoding dropped a leading U+FEFF from a string's content, so a
    /// document read and written back lost it; a string keeps every code point it holds.
    @Test func aLeadingByteOrderMarkIsContentAndKept() throws {
        let raw = Data([0x22, 0xEF, 0xBB, 0xBF, 0x61, 0x22])
        #expect(try JSONParser.parse(raw) == .string("\u{FEFF}a"))
        #expect(try JSONParser.parse(#""\ufeffa""#) == .string("\u{FEFF}a"))
    }

    @Test func badStringsAreRefusedAtTheirByte() {
        let control = #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22, 0x61, 0x0A, 0x22])) }
        #expect(control?.message == "control character in string" && control?.offset == 3)
        let utf8 = #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22, 0x61, 0xC0, 0x80, 0x22])) }
        #expect(utf8?.message == "invalid UTF-8" && utf8?.offset == 5)
        let escapedThenBad = #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22, 0x5C, 0x6E, 0xFF, 0x22])) }
        #expect(escapedThenBad?.message == "invalid UTF-8" && escapedThenBad?.offset == 5)
        let open = #expect(throws: JSONParseError.self) { try JSONParser.parse(#""abc"#) }
        #expect(open?.message == "unterminated string" && open?.offset == 4)
    }
}

/// Strings are written in runs between the characters that need an escape.
@Suite struct JSONWriterStringTests {
    @Test func escapesAreWrittenAndEverythingElseCopied() throws {
        #expect(JSONWriter.string(.string("plain ASCII"), pretty: false) == #""plain ASCII""#)
        #expect(JSONWriter.string(.string("a\"b\\c\nd\re\tf\u{1}g\u{1F}"), pretty: false) == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
        #expect(JSONWriter.string(.string("€ 中文 𝄞 \u{7F}"), pretty: false) == "\"€ 中文 𝄞 \u{7F}\"")
        #expect(JSONWriter.string(.string(""), pretty: false) == #""""#)
    }

    /// A quote or backslash followed by a combining mark is one `Character`; the run around it is
    /// still cut at the escaped byte, so nothing is doubled or lost.
    @Test func anEscapeInsideACharacterIsWrittenOnce() throws {
        for text in ["\"\u{301}", "x\\\u{301}y", "\u{301}\"", "\n\u{20DD}", "é\"\u{301}\u{302}z"] {
            let written = JSONWriter.string(.string(text), pretty: false)
            #expect(try JSONParser.parse(written) == .string(text), "\(Array(text.unicodeScalars))")
        }
        #expect(JSONWriter.string(.string("\"\u{301}"), pretty: false) == "\"\\\"\u{301}\"")
    }
}
