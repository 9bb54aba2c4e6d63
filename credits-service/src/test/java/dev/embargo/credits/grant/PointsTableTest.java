package dev.embargo.credits.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PointsTableTest {

    private final PointsTable table = new PointsTable(100, 50, 20, 10, 0, 5);

    @Test
    void pointsFollowSeverity() {
        assertEquals(100, table.forSeverity("CRITICAL"));
        assertEquals(50, table.forSeverity("HIGH"));
        assertEquals(20, table.forSeverity("MEDIUM"));
        assertEquals(10, table.forSeverity("LOW"));
        assertEquals(0, table.forSeverity("NONE"));
        assertEquals(5, table.forSeverity(null));
    }

    @Test
    void refusesNegativePoints() {
        assertThrows(IllegalArgumentException.class, () -> new PointsTable(100, -1, 20, 10, 0, 0));
    }
}
