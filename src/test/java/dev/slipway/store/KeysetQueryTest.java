package dev.slipway.store;

import java.util.List;

import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeysetQueryTest {

    @Test
    void eachConditionKeepsItsOwnValuesAndFiltersNotGivenAreLeftOut() {
        PageRequest first = PageRequest.of(10, null);
        Sql statement = KeysetQuery.select("SELECT * FROM t")
                .where("a = ?", 1)
                .whereGiven("b = ?", null)
                .whereIf(true, "c IN (?) OR d IN (?)", List.of("x"), List.of("y"))
                .after(first, "name > ?", List::of)
                .page("name", first)
                .statement();
        assertEquals("SELECT * FROM t WHERE (a = $1) AND (c IN ($2) OR d IN ($3)) ORDER BY name LIMIT $4", statement.vertxText());
        assertEquals("SELECT * FROM t WHERE (a = ?1) AND (c IN (?2) OR d IN (?3)) ORDER BY name LIMIT ?4", statement.hibernateText());
    }

    @Test
    void theKeysetConditionAppliesOnlyToALaterPage() {
        PageRequest first = PageRequest.of(2, null);
        PageRequest second = PageRequest.of(2, first.tokenAfter("7|web"));
        String later = KeysetQuery.select("SELECT * FROM t")
                .after(second, "(o, name) > (?, ?)", key -> List.of(Integer.parseInt(key.split("\\|")[0]), key.split("\\|")[1]))
                .page("o, name", second).statement().vertxText();
        assertEquals("SELECT * FROM t WHERE ((o, name) > ($1, $2)) ORDER BY o, name LIMIT $3", later);
    }

    @Test
    void aKeyThatDoesNotParseIsABadPageToken() {
        PageRequest page = PageRequest.of(2, PageRequest.of(2, null).tokenAfter("not-a-number"));
        assertThrows(SlipwayException.Invalid.class,
                () -> KeysetQuery.select("SELECT * FROM t").after(page, "id < ?", key -> List.of(Long.parseLong(key))));
    }

    @Test
    void aConditionNeedsOneValuePerPlaceholder() {
        assertThrows(IllegalArgumentException.class, () -> KeysetQuery.select("SELECT * FROM t").where("a = ? AND b = ?", 1));
    }
}
