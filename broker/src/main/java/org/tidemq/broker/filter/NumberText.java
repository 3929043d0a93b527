package org.tidemq.broker.filter;

/**
 * Whether a STRING value is text {@code Double.parseDouble} accepts, checked without allocating so the (allocating)
 * parse runs only on valid input and never throws: blanks trimmed, optional sign, then {@code NaN}, {@code Infinity},
 * or digits with optional fraction and exponent and an optional {@code f/F/d/D} suffix. Hexadecimal floating-point
 * text is treated as not a number.
 */
final class NumberText {
    private static final byte[] NAN = {'N', 'a', 'N'};
    private static final byte[] INFINITY = {'I', 'n', 'f', 'i', 'n', 'i', 't', 'y'};

    private NumberText() {
    }

    static boolean isDouble(SqlValue value) {
        var buffer = value.bytes();
        int at = value.offset();
        int end = at + value.length();
        while (at < end && (buffer.get(at) & 0xFF) <= ' ') {
            at++;
        }
        while (end > at && (buffer.get(end - 1) & 0xFF) <= ' ') {
            end--;
        }
        if (at < end && (buffer.get(at) == '+' || buffer.get(at) == '-')) {
            at++;
        }
        int length = end - at;
        if (length == NAN.length && Bytes.equalRegion(buffer, at, NAN, 0, NAN.length)
                || length == INFINITY.length && Bytes.equalRegion(buffer, at, INFINITY, 0, INFINITY.length)) {
            return true;
        }
        if (at < end) {
            byte last = buffer.get(end - 1);
            if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
                end--;
            }
        }
        int digits = 0;
        while (at < end && isDigit(buffer.get(at))) {
            at++;
            digits++;
        }
        if (at < end && buffer.get(at) == '.') {
            at++;
            while (at < end && isDigit(buffer.get(at))) {
                at++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (at < end && (buffer.get(at) == 'e' || buffer.get(at) == 'E')) {
            at++;
            if (at < end && (buffer.get(at) == '+' || buffer.get(at) == '-')) {
                at++;
            }
            int exponentDigits = 0;
            while (at < end && isDigit(buffer.get(at))) {
                at++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return at == end;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
