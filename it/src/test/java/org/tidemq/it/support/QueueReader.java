package org.tidemq.it.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Reads queues completely with the official pull consumer, for checkers that count what a broker holds. */
public final class QueueReader {
    private static final int BATCH = 32;
    private static final long PULL_TIMEOUT_MS = 10_000;

    private QueueReader() {
    }

    /**
     * Every message of {@code queues} from offset 0 to the end, queue by queue in offset order.
     *
     * @throws AssertionError when a pull answers anything but FOUND / NO_NEW_MSG / NO_MATCHED_MSG
     */
    public static List<MessageExt> readFromZero(DefaultMQPullConsumer consumer, Collection<MessageQueue> queues)
            throws Exception {
        List<MessageExt> all = new ArrayList<>();
        for (MessageQueue queue : queues) {
            long offset = 0;
            while (true) {
                PullResult result = consumer.pull(queue, "*", offset, BATCH, PULL_TIMEOUT_MS);
                if (result.getPullStatus() == PullStatus.FOUND) {
                    all.addAll(result.getMsgFoundList());
                    offset = result.getNextBeginOffset();
                } else if (result.getPullStatus() == PullStatus.NO_NEW_MSG
                        || result.getPullStatus() == PullStatus.NO_MATCHED_MSG) {
                    break;
                } else {
                    throw new AssertionError("pull of " + queue + " at " + offset + ": " + result);
                }
            }
        }
        return all;
    }
}
