package org.tidemq.store.commitlog;

/**
 * RocketMQ's topic character set {@code [%|a-zA-Z0-9_-]}. The store enforces it because a topic names a ConsumeQueue
 * directory: a "/" or ".." must never reach the file system.
 */
public final class TopicNames {

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c : "%|_-".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private TopicNames() {
    }

    public static boolean isValid(String topic) {
        int length = topic.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(i);
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }
}
