package org.tidemq.tools.admin.command.message;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.MessageTrack;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.tools.admin.Columns;
import org.tidemq.tools.admin.ToolFailure;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;

/**
 * Prints one message the way Apache's {@code queryMsgById} family does: a label column of 20 characters, the body
 * written to {@code <tmpdir>/rocketmq/msgbodys/<msgId>} and, with a charset, also printed.
 */
final class MessagePrinter {
    private static final String TEXT = "%-20s %s%n";
    private static final String NUMBER = "%-20s %d%n";

    private final PrintWriter out;
    private final ZoneId zone;
    private final Path bodyDir;

    MessagePrinter(PrintWriter out, ZoneId zone, Path bodyDir) {
        this.out = out;
        this.zone = zone;
        this.bodyDir = bodyDir;
    }

    static MessagePrinter forTool(PrintWriter out, ZoneId zone) {
        return new MessagePrinter(out, zone, Path.of(System.getProperty("java.io.tmpdir"), "rocketmq", "msgbodys"));
    }

    /** The detailed block; {@code bodyCharset} null leaves the body out of the output (it is still in the file). */
    void print(ReceivedMessage message, Charset bodyCharset) {
        Path bodyPath = writeBody(message);
        out.printf(TEXT, "OffsetID:", message.offsetMessageId());
        out.printf(TEXT, "Topic:", message.topic());
        out.printf(TEXT, "Tags:", "[" + message.tags() + "]");
        out.printf(TEXT, "Keys:", "[" + message.property(MessageProperties.KEYS) + "]");
        out.printf(NUMBER, "Queue ID:", message.queueId());
        out.printf(NUMBER, "Queue Offset:", message.queueOffset());
        out.printf(NUMBER, "CommitLog Offset:", message.commitLogOffset());
        out.printf(NUMBER, "Reconsume Times:", message.reconsumeTimes());
        out.printf(TEXT, "Born Timestamp:", Columns.humanMillis(message.bornTimestamp(), zone));
        out.printf(TEXT, "Store Timestamp:", Columns.humanMillis(message.storeTimestamp(), zone));
        out.printf(TEXT, "Born Host:", address(message.bornHost()));
        out.printf(TEXT, "Store Host:", address(message.storeHost()));
        out.printf(NUMBER, "System Flag:", message.sysFlag());
        out.printf(TEXT, "Properties:", new TreeMap<>(message.properties()));
        out.printf(TEXT, "Message Body Path:", bodyPath);
        if (bodyCharset != null) {
            out.printf(TEXT, "Message Body:", new String(message.body(), bodyCharset));
        }
    }

    /**
     * Which groups consumed the message, after its detailed block, as Apache's {@code queryMsgById} prints
     * {@code messageTrackDetail}: two empty lines, then one {@code MessageTrack [...]} line per group, or
     * {@code WARN: No Consumer}. When the brokers cannot tell, one warning line goes to {@code err} instead.
     */
    void printTracks(AdminClient admin, ReceivedMessage message, PrintWriter err) {
        List<MessageTrack> tracks;
        try {
            tracks = admin.messageTrack(message);
        } catch (AdminException | IllegalArgumentException e) {
            err.printf("WARN: cannot tell which consumer groups consumed %s: %s%n", message.offsetMessageId(),
                    e.getMessage());
            return;
        }
        out.printf("%n%n");
        if (tracks.isEmpty()) {
            out.printf("WARN: No Consumer%n");
            return;
        }
        for (MessageTrack track : tracks) {
            out.printf("%s%n", describe(track));
        }
    }

    /** Apache's {@code MessageTrack.toString()}. */
    static String describe(MessageTrack track) {
        return "MessageTrack [consumerGroup=" + track.consumerGroup() + ", trackType=" + track.trackType()
                + ", exceptionDesc=" + track.exceptionDesc() + "]";
    }

    /** One line per message, as Apache's {@code printMsg}/{@code consumeMessage} print it. */
    void printLine(ReceivedMessage message, Charset bodyCharset, boolean printBody) {
        out.printf("MSGID: %s %s BODY: %s%n", message.messageId(), describe(message),
                printBody ? new String(message.body(), bodyCharset) : "NOT PRINT BODY");
    }

    /** The message's stored attributes with Apache's MessageExt field names. */
    static String describe(ReceivedMessage message) {
        return "MessageExt [brokerName=" + message.brokerName() + ", queueId=" + message.queueId()
                + ", queueOffset=" + message.queueOffset() + ", sysFlag=" + message.sysFlag()
                + ", bornTimestamp=" + message.bornTimestamp() + ", bornHost=" + address(message.bornHost())
                + ", storeTimestamp=" + message.storeTimestamp() + ", storeHost=" + address(message.storeHost())
                + ", msgId=" + message.offsetMessageId() + ", commitLogOffset=" + message.commitLogOffset()
                + ", bodyCRC=" + message.bodyCrc() + ", reconsumeTimes=" + message.reconsumeTimes()
                + ", toString()=Message{topic='" + message.topic() + "', flag=" + message.flag() + ", properties="
                + new TreeMap<>(message.properties()) + "}]";
    }

    private Path writeBody(ReceivedMessage message) {
        Path file = bodyDir.resolve(message.messageId());
        try {
            Files.createDirectories(bodyDir);
            Files.write(file, message.body());
        } catch (IOException e) {
            throw new ToolFailure("cannot write the message body to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String address(InetSocketAddress address) {
        return address == null ? "" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("unknown body charset '" + name.trim() + "'");
        }
    }
}
