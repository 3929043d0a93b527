package org.tidemq.bench.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.codec.FrameReader;
import org.tidemq.common.remoting.codec.FrameWriter;
import org.tidemq.common.remoting.codec.RemotingFrame;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Frame codec cost of a SEND_MESSAGE_V2 request (header fields a..n, 1 KiB body) per thread, for both header
 * serializations, on pooled direct buffers as Netty's I/O path uses:
 * <ul>
 *   <li>{@code encode}: frame head (length, type, header) written for a 1 KiB body;</li>
 *   <li>{@code decode}: one complete frame cut and decoded, body taken as a retained slice and released;</li>
 *   <li>{@code encodeDecode}: head written, body bytes appended (the copy the socket would make), decoded.</li>
 * </ul>
 * {@link JsonHeaderBaselineBenchmark} compares the JSON header codec alone with Jackson.
 *
 * <p>Run: {@code java -cp "bench/target/lib/*" org.openjdk.jmh.Main RemotingCodecBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class RemotingCodecBenchmark {

    @Param({"JSON", "ROCKETMQ"})
    public SerializeType serialization;

    private RemotingCommand command;
    private byte[] body;
    private ByteBuf wire;
    private ByteBuf frame;
    private FrameReader reader;

    @Setup(Level.Trial)
    public void setUp() {
        command = SendMessageV2Sample.command(serialization);
        body = new byte[SendMessageV2Sample.BODY_BYTES];
        ThreadLocalRandom.current().nextBytes(body);
        wire = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        frame = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        FrameWriter.writeHead(command, body.length, RemotingFrame.DEFAULT_MAX_FRAME_BYTES, frame);
        frame.writeBytes(body);
        reader = new FrameReader(RemotingFrame.DEFAULT_MAX_FRAME_BYTES);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
        frame.release();
    }

    @Benchmark
    public int encode() {
        wire.clear();
        return FrameWriter.writeHead(command, body.length, RemotingFrame.DEFAULT_MAX_FRAME_BYTES, wire);
    }

    @Benchmark
    public RemotingCommand decode() {
        frame.readerIndex(0);
        RemotingCommand decoded = reader.read(frame);
        decoded.releaseBody();
        return decoded;
    }

    @Benchmark
    public RemotingCommand encodeDecode() {
        wire.clear();
        FrameWriter.writeHead(command, body.length, RemotingFrame.DEFAULT_MAX_FRAME_BYTES, wire);
        wire.writeBytes(body);
        RemotingCommand decoded = reader.read(wire);
        decoded.releaseBody();
        return decoded;
    }
}
