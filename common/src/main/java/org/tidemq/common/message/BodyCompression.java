package org.tidemq.common.message;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Message body compression (facts §5.2, §5.5): zlib (deflate with zlib header) as the Java producer writes it, flagged
 * by sysFlag {@link MessageSysFlag#COMPRESSED} plus the 3-bit compression type at bit 8. A COMPRESSED body with type 0
 * is zlib too (clients before 4.9.4). LZ4 and ZSTD bodies are recognised but not decoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class BodyCompression {
    /** The 3-bit compression type field of sysFlag. */
    public static final int TYPE_MASK = 0x7 << 8;
    public static final int TYPE_LZ4 = 0x1 << 8;
    public static final int TYPE_ZSTD = 0x2 << 8;
    public static final int TYPE_ZLIB = 0x3 << 8;
    /** The Java producer's default zlib level. */
    public static final int DEFAULT_ZLIB_LEVEL = 5;
    /** The Java producer's default threshold ({@code compressMsgBodyOverHowmuch}). */
    public static final int DEFAULT_THRESHOLD_BYTES = 4096;

    private static final int CHUNK_BYTES = 8192;

    private BodyCompression() {
    }

    /**
     * A body ready to send: compressed, with its sysFlag bits, or the original with no bits.
     *
     * @param sysFlagBits {@code COMPRESSED | TYPE_ZLIB}, or 0 when the body was left as it was
     */
    public record Prepared(byte[] body, int sysFlagBits) {
        public boolean compressed() {
            return sysFlagBits != 0;
        }
    }

    /**
     * Compresses {@code body} with zlib at {@code level} when it is at least {@code thresholdBytes} long and the result
     * is smaller; otherwise returns it unchanged with no flag bits.
     */
    public static Prepared compressIfLarge(byte[] body, int thresholdBytes, int level) {
        if (body.length < thresholdBytes) {
            return new Prepared(body, 0);
        }
        byte[] compressed = zlib(body, level);
        if (compressed.length >= body.length) {
            return new Prepared(body, 0);
        }
        return new Prepared(compressed, MessageSysFlag.COMPRESSED | TYPE_ZLIB);
    }

    /** Deflates with a zlib header at {@code level} (0..9). */
    public static byte[] zlib(byte[] body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] chunk = new byte[CHUNK_BYTES];
            while (!deflater.finished()) {
                int written = deflater.deflate(chunk);
                out.write(chunk, 0, written);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** True when {@code sysFlag} marks the body as compressed. */
    public static boolean isCompressed(int sysFlag) {
        return (sysFlag & MessageSysFlag.COMPRESSED) != 0;
    }

    /**
     * The original body of a message stored with {@code sysFlag}: decompressed when flagged, else {@code body} itself.
     *
     * @throws IllegalArgumentException naming the problem when the body is not valid zlib or uses LZ4/ZSTD
     */
    public static byte[] restore(byte[] body, int sysFlag) {
        if (!isCompressed(sysFlag)) {
            return body;
        }
        int type = sysFlag & TYPE_MASK;
        if (type != 0 && type != TYPE_ZLIB) {
            throw new IllegalArgumentException("unsupported body compression type " + (type >> 8)
                    + " (1 = LZ4, 2 = ZSTD); only zlib is supported");
        }
        return unzlib(body);
    }

    /** Inflates a zlib stream. */
    public static byte[] unzlib(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] chunk = new byte[CHUNK_BYTES];
            while (!inflater.finished()) {
                int read = inflater.inflate(chunk);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("compressed body is truncated or not a zlib stream");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("compressed body is not a valid zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
