package dev.slipway.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoDurationTest {

    @Test
    void parsesHoursMinutesAndSecondsLargestFirst() {
        assertEquals(Duration.ofHours(72), GoDuration.parse("ttl", "72h"));
        assertEquals(Duration.ofMinutes(30), GoDuration.parse("ttl", "30m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("ttl", "1h30m"));
        assertEquals(Duration.ofSeconds(3725), GoDuration.parse("ttl", "1h2m5s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("ttl", "90m"));
        // Days, beyond Go: one grammar for lifetimes and freeze windows.
        assertEquals(Duration.ofDays(14), GoDuration.parse("ttl", "14d"));
        assertEquals(Duration.ofDays(1).plusHours(12), GoDuration.parse("ttl", "1d12h"));
        assertNull(GoDuration.parse("ttl", null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "72", "d", "1h3d", "-1h", "+1h", "1.5h", "0s", "0h0m", "h", " 1h", "1h ", "1m1h", "1H", "1h1h", "P1D",
            "500ms" })
    void refusesEverythingElseNamingTheField(String text) {
        SlipwayException.Invalid invalid = assertThrows(SlipwayException.Invalid.class, () -> GoDuration.parse("maxTtl", text));
        assertEquals("maxTtl", invalid.fieldErrors().get(0).field(), text);
    }

    @Test
    void formatsTheShortestForm() {
        assertEquals("72h", GoDuration.format(Duration.ofHours(72)));
        assertEquals("336h", GoDuration.format(Duration.ofDays(14)));
        assertEquals("1h30m", GoDuration.format(Duration.ofMinutes(90)));
        assertEquals("45s", GoDuration.format(Duration.ofSeconds(45)));
        assertEquals("1h5s", GoDuration.format(Duration.ofSeconds(3605)));
        assertNull(GoDuration.format(null));
        // What it formats it parses back.
        assertEquals(Duration.ofSeconds(3605), GoDuration.parse("ttl", GoDuration.format(Duration.ofSeconds(3605))));
    }
}
