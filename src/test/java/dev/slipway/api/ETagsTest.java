package dev.slipway.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ETagsTest {

    @Test
    void quotesTheVersion() {
        assertEquals("\"7\"", ETags.of(7));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "  ", "*", " * ", "\"7\"", "\"3\", \"7\"", "\"3\",\"7\",\"9\"", "\"3\", *" })
    void acceptsAbsentWildcardAndMatchingTags(String ifMatch) {
        assertDoesNotThrow(() -> ETags.checkIfMatch(ifMatch, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"6\"", "\"3\", \"8\"", "7", "W/\"7\"", "\"70\"" })
    void refusesTagsThatDoNotMatch(String ifMatch) {
        SlipwayException.PreconditionFailed e = assertThrows(SlipwayException.PreconditionFailed.class,
                () -> ETags.checkIfMatch(ifMatch, 7));
        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("\"7\""), e.getMessage());
    }
}
