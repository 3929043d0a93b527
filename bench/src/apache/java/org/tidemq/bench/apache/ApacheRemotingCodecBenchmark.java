package org.tidemq.bench.apache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.rocketmq.remoting.exception.RemotingCommandException;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;
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
import org.tidemq.bench.remoting.SendMessageV2Sample;

import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The performance anchor for {@code org.tidemq.bench.remoting.RemotingCodecBenchmark}: the same SEND_MESSAGE_V2
 * command (header fields a..n, 1 KiB body) through Apache RocketMQ 5.2.0's own codec, the calls its Netty pipeline
 * makes — {@code fastEncodeHeader} + body copy (NettyEncoder) and {@code RemotingCommand.decode} of a frame whose
 * length prefix the frame decoder stripped (NettyDecoder). Same modes, same iteration settings.
 *
 * <p>Opt-in only (Apache artifacts never reach TideMQ's normal build): {@code mvn -B -Papache-anchor -pl bench -am
 * package -DskipTests}, then {@code java -cp "bench/target/lib/*" org.openjdk.jmh.Main "RemotingCodecBenchmark"}
 * runs both classes in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ApacheRemotingCodecBenchmark {
    private static final int BODY_BYTES = 1024;
    private static final int LENGTH_PREFIX_BYTES = 4;

    @Param({"JSON", "ROCKETMQ"})
    public String serialization;

    private RemotingCommand command;
    private ByteBuf wire;
    private ByteBuf frame;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] body = new byte[BODY_BYTES];
        ThreadLocalRandom.current().nextBytes(body);
        command = RemotingCommand.createRequestCommand(310, null);
        command.setOpaque(123_456);
        command.setVersion(453);
        command.setExtFields(new HashMap<>(SendMessageV2Sample.headerFields()));
        command.setSerializeTypeCurrentRPC(SerializeType.valueOf(serialization));
        command.setBody(body);
        wire = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        frame = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        command.fastEncodeHeader(frame);
        frame.writeBytes(body);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
        frame.release();
    }

    @Benchmark
    public int encode() {
        wire.clear();
        command.fastEncodeHeader(wire);
        return wire.writerIndex();
    }

    @Benchmark
    public RemotingCommand decode() throws RemotingCommandException {
        frame.readerIndex(LENGTH_PREFIX_BYTES);
        return RemotingCommand.decode(frame);
    }

    @Benchmark
    public RemotingCommand encodeDecode() throws RemotingCommandException {
        wire.clear();
        command.fastEncodeHeader(wire);
        wire.writeBytes(command.getBody());
        wire.readerIndex(LENGTH_PREFIX_BYTES);
        return RemotingCommand.decode(wire);
    }
}
