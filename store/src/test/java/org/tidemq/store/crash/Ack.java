package org.tidemq.store.crash;

/**
 * One message the writer child acknowledged: its durability future completed with PUT_OK. Travels as one stdout line
 * ({@code ACK id topic queueId queueOffset phyOffset size bodyCrc tagsCode .}); the trailing dot tells a complete line
 * from one cut off by the kill.
 */
record Ack(long id, String topic, int queueId, long queueOffset, long phyOffset, int size, int bodyCrc,
           long tagsCode) {

    static final String PREFIX = "ACK ";
    private static final String END = ".";
    private static final int FIELDS = 10;

    String toLine() {
        return PREFIX + id + ' ' + topic + ' ' + queueId + ' ' + queueOffset + ' ' + phyOffset + ' ' + size + ' '
                + bodyCrc + ' ' + tagsCode + ' ' + END;
    }

    /** @return the ack, or null for a line cut off by the kill */
    static Ack parse(String line) {
        String[] f = line.split(" ");
        if (f.length != FIELDS || !END.equals(f[FIELDS - 1])) {
            return null;
        }
        return new Ack(Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]), Long.parseLong(f[8]));
    }

    String uniqKey() {
        return uniqKey(id);
    }

    static String uniqKey(long id) {
        return "U" + id;
    }

    static String key(long id) {
        return "key-" + id;
    }
}
