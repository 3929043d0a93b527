package org.tidemq.common.message;

import org.apache.rocketmq.common.UtilAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyCompressionTest {
    private static final byte[] COMPRESSIBLE = "tide ".repeat(2000).getBytes(StandardCharsets.UTF_8);

    @Test
    void leavesBodiesUnderTheThresholdAlone() {
        byte[] body = "tide ".repeat(819).getBytes(StandardCharsets.UTF_8);
        BodyCompression.Prepared prepared = BodyCompression.compressIfLarge(body, 4096, 5);

        assertSame(body, prepared.body());
        assertEquals(0, prepared.sysFlagBits());
        assertFalse(prepared.compressed());
    }

    @Test
    void compressesLargeBodiesWithZlibFlags() throws Exception {
        BodyCompression.Prepared prepared = BodyCompression.compressIfLarge(COMPRESSIBLE, 4096, 5);

        assertTrue(prepared.body().length < COMPRESSIBLE.length / 10);
        assertEquals(MessageSysFlag.COMPRESSED | 0x300, prepared.sysFlagBits());
        assertArrayEquals(COMPRESSIBLE, UtilAll.uncompress(prepared.body()), "official client must inflate it");
        assertArrayEquals(COMPRESSIBLE, BodyCompression.restore(prepared.body(), prepared.sysFlagBits()));
    }

    @Test
    void restoresOfficiallyCompressedBodiesIncludingLegacyTypeZero() throws Exception {
        byte[] official = UtilAll.compress(COMPRESSIBLE, 5);
        assertArrayEquals(COMPRESSIBLE, BodyCompression.restore(official, MessageSysFlag.COMPRESSED));
        assertArrayEquals(COMPRESSIBLE, BodyCompression.restore(official, MessageSysFlag.COMPRESSED | 0x300));
    }

    @Test
    void keepsIncompressibleBodiesAsTheyAre() {
        byte[] random = new byte[8192];
        new Random(7).nextBytes(random);
        BodyCompression.Prepared prepared = BodyCompression.compressIfLarge(random, 4096, 5);
        assertSame(random, prepared.body());
        assertEquals(0, prepared.sysFlagBits());
    }

    @Test
    void namesUnsupportedTypesAndCorruptStreams() {
        IllegalArgumentException lz4 = assertThrows(IllegalArgumentException.class,
                () -> BodyCompression.restore(new byte[4], MessageSysFlag.COMPRESSED | BodyCompression.TYPE_LZ4));
        assertTrue(lz4.getMessage().contains("LZ4"), lz4.getMessage());

        byte[] compressed = BodyCompression.zlib(COMPRESSIBLE, 5);
        byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);
        assertThrows(IllegalArgumentException.class, () -> BodyCompression.unzlib(truncated));
        assertThrows(IllegalArgumentException.class, () -> BodyCompression.unzlib(new byte[]{1, 2, 3, 4}));
    }
}
