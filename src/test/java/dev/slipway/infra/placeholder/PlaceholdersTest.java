package dev.slipway.infra.placeholder;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersTest {
    private static final Map<String, String> VALUES = Map.of("resources.db.host", "db.shop-dev.svc", "resources.db.port", "5432",
            "metadata.name", "shop");

    private static String resolve(String text) {
        return Placeholders.resolve(text, reference -> VALUES.get(String.join(".", reference.path())));
    }

    @Test
    void referencesAreReplacedAndTheRestIsKept() {
        assertEquals("postgres://db.shop-dev.svc:5432/shop",
                resolve("postgres://${resources.db.host}:${resources.db.port}/${metadata.name}"));
        assertEquals("no placeholders here", resolve("no placeholders here"));
        assertEquals("", resolve(""));
    }

    @Test
    void aDoubledDollarIsALiteral() {
        assertEquals("${resources.db.host} stays", resolve("$${resources.db.host} stays"));
        assertFalse(Placeholders.hasReferences("$${resources.db.host}"));
        assertEquals("cost: $5 and ${HOME}", resolve("cost: $5 and $${HOME}"));
    }

    @Test
    void referencesAreListedInOrder() {
        assertEquals(List.of(List.of("resources", "db", "host"), List.of("application", "name")),
                Placeholders.references("${resources.db.host}/${application.name}").stream().map(Placeholders.Reference::path).toList());
        assertTrue(Placeholders.hasReferences("x${environment.namespace}"));
    }

    @Test
    void malformedPlaceholdersAreRefused() {
        assertThrows(Placeholders.Malformed.class, () -> Placeholders.references("${resources.db.host"));
        assertThrows(Placeholders.Malformed.class, () -> Placeholders.references("${}"));
        assertThrows(Placeholders.Malformed.class, () -> Placeholders.references("${resources..host}"));
        assertThrows(Placeholders.Malformed.class, () -> Placeholders.references("${resources.db host}"));
    }
}
