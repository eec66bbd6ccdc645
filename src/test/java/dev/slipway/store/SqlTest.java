package dev.slipway.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Named parameters become each client's placeholders; what holds no parameter stays as written. */
class SqlTest {

    @Test
    void aNameUsedTwiceIsOneParameterInBothStyles() {
        Sql sql = Sql.of("UPDATE t SET a = :value WHERE id = :id AND b <> :value");
        assertEquals("UPDATE t SET a = ?1 WHERE id = ?2 AND b <> ?1", sql.hibernateText());
        assertEquals("UPDATE t SET a = $1 WHERE id = $2 AND b <> $1", sql.vertxText());
    }

    @Test
    void castsQuotedTextAndCommentsAreNotParameters() {
        Sql sql = Sql.of("""
                SELECT x::text, 'a :literal' || ':b', "col:umn" FROM t -- :comment
                 WHERE y = :y""");
        assertEquals("""
                SELECT x::text, 'a :literal' || ':b', "col:umn" FROM t -- :comment
                 WHERE y = $1""", sql.vertxText());
    }

    @Test
    void everyParameterNeedsAValueAndOnlyItsOwnNames() {
        Sql sql = Sql.of("SELECT * FROM t WHERE a = :a AND b = :b").bind("a", 1);
        assertThrows(IllegalArgumentException.class, () -> sql.bind("c", 3));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> sql.execute(null));
        assertEquals("parameter :b has no value", missing.getMessage());
    }
}
