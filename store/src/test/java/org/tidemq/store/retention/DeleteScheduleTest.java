package org.tidemq.store.retention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeleteScheduleTest {

    @Test
    void matchesEachConfiguredHourInTheGivenZone() {
        DeleteSchedule schedule = DeleteSchedule.parse("03;04");
        assertTrue(schedule.isDeleteHour(Instant.parse("2024-01-01T03:00:00Z"), ZoneOffset.UTC));
        assertTrue(schedule.isDeleteHour(Instant.parse("2024-01-01T04:59:59Z"), ZoneOffset.UTC));
        assertFalse(schedule.isDeleteHour(Instant.parse("2024-01-01T05:00:00Z"), ZoneOffset.UTC));
        assertFalse(schedule.isDeleteHour(Instant.parse("2024-01-01T02:59:59Z"), ZoneOffset.UTC));
        // 04:30 in Shanghai (UTC+8) is 20:30 UTC the day before.
        assertTrue(schedule.isDeleteHour(Instant.parse("2023-12-31T20:30:00Z"), ZoneId.of("Asia/Shanghai")));
        assertTrue(DeleteSchedule.parse("4").isDeleteHour(Instant.parse("2024-01-01T04:10:00Z"), ZoneOffset.UTC));
    }

    @Test
    void rejectsWhatIsNotAnHourNamingIt() {
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> DeleteSchedule.parse("04;x"));
        assertTrue(notNumber.getMessage().contains("\"x\""), notNumber.getMessage());
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> DeleteSchedule.parse("24"));
        assertTrue(outOfRange.getMessage().contains("hour 24"), outOfRange.getMessage());
    }
}
