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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.codec.JsonHeaderCodec;

import java.util.concurrent.TimeUnit;

/**
 * The JSON header of a SEND_MESSAGE_V2 request alone, written and read by TideMQ's hand-written codec and by Jackson
 * data binding producing the same bytes: the measurement behind choosing the hand-written codec.
 *
 * <p>Run: {@code java -cp "bench/target/lib/*" org.openjdk.jmh.Main JsonHeaderBaselineBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class JsonHeaderBaselineBenchmark {
    private RemotingCommand command;
    private ByteBuf out;
    private ByteBuf header;

    @Setup(Level.Trial)
    public void setUp() {
        command = SendMessageV2Sample.command(SerializeType.JSON);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        header = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        JsonHeaderCodec.INSTANCE.encode(command, header);
        ByteBuf jackson = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        JacksonHeaderBaseline.encode(command, jackson);
        boolean same = jackson.equals(header);
        jackson.release();
        if (!same) {
            throw new IllegalStateException("Jackson baseline writes a different header");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        header.release();
    }

    @Benchmark
    public int tidemqEncode() {
        out.clear();
        JsonHeaderCodec.INSTANCE.encode(command, out);
        return out.writerIndex();
    }

    @Benchmark
    public int jacksonEncode() {
        out.clear();
        JacksonHeaderBaseline.encode(command, out);
        return out.writerIndex();
    }

    @Benchmark
    public RemotingCommand tidemqDecode() {
        RemotingCommand decoded = new RemotingCommand();
        String fault = JsonHeaderCodec.INSTANCE.decode(header, 0, header.writerIndex(), decoded);
        if (fault != null) {
            throw new IllegalStateException(fault);
        }
        return decoded;
    }

    @Benchmark
    public RemotingCommand jacksonDecode() {
        return JacksonHeaderBaseline.decode(header, 0, header.writerIndex());
    }
}
