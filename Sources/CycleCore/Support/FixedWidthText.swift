/// Short ASCII texts made of zero-padded numbers and separators (dates, times), written into
/// one string without the intermediate strings `String(value)` and `+` would make: every cycle
/// spells its day and its moment many times. Nil when the fields do not fit in `capacity`
/// bytes (a caller then spells them the slow way).
enum FixedWidthText {
    static func make(capacity: Int, _ write: (inout Writer) -> Void) -> String? {
        var fits = true
        let text = String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = Writer(buffer: buffer)
            write(&writer)
            fits = !writer.overflowed
            return fits ? writer.count : 0
        }
        return fits ? text : nil
    }

    struct Writer {
        fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
        fileprivate var count = 0
        fileprivate var overflowed = false

        fileprivate init(buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        mutating func character(_ ascii: Unicode.Scalar) {
            guard ascii.isASCII, count < buffer.count else { return overflowed = true }
            buffer[count] = UInt8(ascii.value)
            count += 1
        }

        /// `value` in decimal, left-padded with zeros to `width` digits (a minus sign goes first).
        mutating func number(_ value: Int, width: Int) {
            if value < 0 { character("-") }
            var magnitude = value.magnitude
            var digits = 1
            var rest = magnitude / 10
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            let total = max(width, digits)
            guard !overflowed, total <= buffer.count - count else { return overflowed = true }
            var index = count + total - 1
            for _ in 0..<total {
                buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                index -= 1
            }
            count += total
        }
    }
}
