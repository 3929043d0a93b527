package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.testing.TestFrames;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.testing.LogCapture;
import org.tidemq.common.remoting.testing.RecordingAllocator;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes 120,000 random and mutated frames (flipped bytes, truncations, huge/negative lengths, wrong type bytes,
 * random header lengths, pure noise), split into random chunks, through the frame decoder in an
 * {@code EmbeddedChannel}.
 * No exception may escape (EmbeddedChannel rethrows any that reach the pipeline's end), every rejected stream closes
 * its channel, no allocation is sized from a claimed length, and every buffer is released at the end.
 */
class FrameDecoderFuzzTest {
    private static final int CASES = 120_000;
    private static final int MAX_FRAME = 64 * 1024;
    /** Inputs are at most a few frames of a few hundred bytes; anything larger came from a claimed length. */
    private static final int ALLOCATION_BOUND = 16 * 1024;

    private final SplittableRandom random = new SplittableRandom(20_240_601L);

    @Test
    void randomAndMutatedFramesNeverEscapeAsExceptionsNorDriveAllocation() throws Exception {
        try (AutoCloseable quiet = LogCapture.silence(RemotingFrameDecoder.class)) {
            run();
        }
    }

    private void run() {
        RecordingAllocator allocator = new RecordingAllocator();
        int decoded = 0;
        int closed = 0;
        int waiting = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = nextInput(i);
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.config().setAllocator(allocator);
            channel.pipeline().addLast(new RemotingFrameDecoder(MAX_FRAME));
            feedInChunks(channel, input);
            for (Object out; (out = channel.readInbound()) != null; ) {
                RemotingCommand command = (RemotingCommand) out;
                assertTrue(command.toString().contains("opaque="));
                command.releaseBody();
                decoded++;
            }
            if (!channel.isOpen()) {
                closed++;
            } else {
                waiting++;
            }
            channel.finishAndReleaseAll();
        }
        assertTrue(allocator.largestRequest() <= ALLOCATION_BOUND,
                "largest allocation " + allocator.largestRequest() + " bytes");
        assertEquals(0, allocator.liveBytes(), "buffers leaked");
        // The generator must exercise every outcome, or this test proves nothing.
        assertTrue(decoded > CASES / 10, "decoded " + decoded);
        assertTrue(closed > CASES / 4, "closed " + closed);
        assertTrue(waiting > CASES / 50, "waiting " + waiting);
    }

    /** Negative control: the same checks flag a decoder that sizes buffers from the claimed length and leaks. */
    @Test
    void checksCatchADecoderThatTrustsClaimedLengths() {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new ByteToMessageDecoder() {
            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                if (in.readableBytes() >= RemotingFrame.TOTAL_LENGTH_BYTES) {
                    out.add(ctx.alloc().buffer(in.readInt()));
                    in.skipBytes(in.readableBytes());
                }
            }
        });
        channel.writeInbound(channel.alloc().buffer().writeInt(MAX_FRAME * 16));
        assertTrue(allocator.largestRequest() > ALLOCATION_BOUND);
        assertTrue(allocator.liveBytes() > 0);
        ((ByteBuf) channel.readInbound()).release();
        channel.finishAndReleaseAll();
        assertEquals(0, allocator.liveBytes());
    }

    private void feedInChunks(EmbeddedChannel channel, byte[] input) {
        int position = 0;
        while (position < input.length && channel.isOpen()) {
            int chunk = random.nextInt(4) == 0 ? input.length - position : 1 + random.nextInt(input.length - position);
            ByteBuf buffer = channel.alloc().buffer(chunk).writeBytes(input, position, chunk);
            channel.writeInbound(buffer);
            position += chunk;
        }
    }

    private byte[] nextInput(int caseNumber) {
        byte[] valid = validFrames(1 + random.nextInt(3));
        return switch (caseNumber % 8) {
            case 0 -> valid;
            case 1 -> flipBytes(valid);
            case 2 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 3 -> withInt(valid, RemotingFrame.TOTAL_LENGTH_OFFSET, hugeOrNegative());
            case 4 -> withByte(valid, RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET, 2 + random.nextInt(254));
            case 5 -> withInt(valid, RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET,
                    (valid[RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET] << 24) | random.nextInt(1 << 24));
            case 6 -> noise();
            default -> flipBytes(Arrays.copyOf(valid, random.nextInt(valid.length) + 1));
        };
    }

    private byte[] validFrames(int count) {
        ByteBuf frames = Unpooled.buffer();
        for (int i = 0; i < count; i++) {
            RemotingCommand command = new RemotingCommand()
                    .setCode(random.nextInt(400))
                    .setLanguage(LanguageCode.values()[random.nextInt(LanguageCode.values().length)])
                    .setVersion(random.nextInt(500))
                    .setOpaque(random.nextInt())
                    .setFlag(random.nextInt(4))
                    .setRemark(random.nextBoolean() ? null : "remark \"" + random.nextInt() + "\" ✓")
                    .setSerializeType(random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ);
            for (int f = random.nextInt(6); f > 0; f--) {
                command.putField("k" + random.nextInt(20), "v\u0001" + random.nextLong());
            }
            byte[] body = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(300)];
            random.nextBytes(body);
            frames.writeBytes(TestFrames.encode(command, body.length == 0 ? null : body));
        }
        byte[] bytes = new byte[frames.readableBytes()];
        frames.readBytes(bytes);
        return bytes;
    }

    private byte[] flipBytes(byte[] input) {
        byte[] mutated = input.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0 && mutated.length > 0; flips--) {
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return mutated;
    }

    private int hugeOrNegative() {
        return switch (random.nextInt(4)) {
            case 0 -> Integer.MAX_VALUE - random.nextInt(16);
            case 1 -> MAX_FRAME - 3 + random.nextInt(1 << 20);
            case 2 -> Integer.MIN_VALUE + random.nextInt(16);
            default -> -random.nextInt(1 << 20) - 1;
        };
    }

    private byte[] withInt(byte[] input, int offset, int value) {
        byte[] mutated = input.clone();
        Unpooled.wrappedBuffer(mutated).setInt(offset, value);
        return mutated;
    }

    private byte[] withByte(byte[] input, int offset, int value) {
        byte[] mutated = input.clone();
        mutated[offset] = (byte) value;
        return mutated;
    }

    private byte[] noise() {
        byte[] noise = new byte[1 + random.nextInt(200)];
        random.nextBytes(noise);
        return noise;
    }
}
