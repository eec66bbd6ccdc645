package dev.slipway.local.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The index must answer exactly what a scan of the store answers, only faster. */
class StoreIndexTest {

    private static final KubernetesAttributesExtractor PATHS = new KubernetesAttributesExtractor();
    private static final List<String> KINDS = List.of("pods", "configmaps", "services");
    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final List<String> NAMES = List.of("web", "db", "cache", "a");

    @Test
    void narrowsToWhatAScanFinds() {
        Random random = new Random(42);
        StoreIndex index = new StoreIndex();
        Set<AttributeSet> store = new LinkedHashSet<>();
        for (int round = 0; round < 2_000; round++) {
            AttributeSet key = storedKey(random);
            if (random.nextInt(4) == 0 && !store.isEmpty()) {
                AttributeSet gone = new ArrayList<>(store).get(random.nextInt(store.size()));
                store.remove(gone);
                index.remove(gone);
            } else if (store.add(key)) {
                index.add(key);
            }
            AttributeSet query = query(random);
            Collection<AttributeSet> candidates = index.candidates(query);
            List<AttributeSet> scanned = store.stream().filter(stored -> stored.matches(query)).toList();
            if (candidates != null) {
                assertEquals(scanned, candidates.stream().filter(stored -> stored.matches(query)).toList(), "query " + query);
            }
        }
    }

    @Test
    void leavesWhatItCannotNarrowToTheScan() {
        StoreIndex index = new StoreIndex();
        assertNull(index.candidates(PATHS.fromPath("/api/v1/pods")), "a list across namespaces");
        assertNull(index.candidates(PATHS.fromPath("/api/v1/namespaces")), "a list of a cluster-scoped kind");
        AttributeSet anyNamespace = PATHS.fromPath("/api/v1/pods")
                .add(new Attribute(KubernetesAttributesExtractor.NAMESPACE, "", AttributeType.EXISTS));
        assertNull(index.candidates(anyNamespace), "a namespace condition other than equality");
    }

    @Test
    void findsOneObjectByPathAndForgetsItWhenRemoved() {
        StoreIndex index = new StoreIndex();
        AttributeSet web = stored("configmaps", "a", "web", "tier", "front");
        index.add(web);
        AttributeSet byPath = PATHS.fromPath("/api/v1/namespaces/a/configmaps/web");
        assertEquals(List.of(web), List.copyOf(index.candidates(byPath)));
        assertEquals(List.of(web),
                List.copyOf(index.candidates(PATHS.fromPath("/api/v1/namespaces/a/configmaps?labelSelector=tier%3Dfront"))));
        assertEquals(List.of(), List.copyOf(index.candidates(PATHS.fromPath("/api/v1/namespaces/b/configmaps/web"))));
        index.remove(web);
        assertEquals(List.of(), List.copyOf(index.candidates(byPath)));
    }

    private static AttributeSet storedKey(Random random) {
        String kind = pick(random, KINDS);
        String namespace = random.nextInt(6) == 0 ? null : pick(random, NAMESPACES);
        return stored(kind, namespace, pick(random, NAMES), "tier", random.nextBoolean() ? "front" : "back");
    }

    /** What the stock store keys an object by (KubernetesAttributesExtractor.extract of the object). */
    private static AttributeSet stored(String plural, String namespace, String name, String label, String value) {
        AttributeSet key = new AttributeSet(
                new Attribute(KubernetesAttributesExtractor.PLURAL, plural),
                new Attribute(KubernetesAttributesExtractor.VERSION, "v1"),
                new Attribute(KubernetesAttributesExtractor.NAME, name),
                new Attribute(KubernetesAttributesExtractor.METADATA_NAME, name),
                new Attribute("labels:" + label, value));
        if (namespace != null) {
            key = key.add(new Attribute(KubernetesAttributesExtractor.NAMESPACE, namespace),
                    new Attribute(KubernetesAttributesExtractor.METADATA_NAMESPACE, namespace));
        }
        return key;
    }

    /** Requests as clients send them: one object, a namespaced list, or a list across namespaces, with or without a selector. */
    private static AttributeSet query(Random random) {
        String kind = pick(random, KINDS);
        String path = switch (random.nextInt(4)) {
            case 0 -> "/api/v1/namespaces/" + pick(random, NAMESPACES) + "/" + kind + "/" + pick(random, NAMES);
            case 1 -> "/api/v1/namespaces/" + pick(random, NAMESPACES) + "/" + kind;
            case 2 -> "/api/v1/" + kind + "/" + pick(random, NAMES);
            default -> "/api/v1/" + kind;
        };
        return switch (random.nextInt(3)) {
            case 0 -> PATHS.fromPath(path + "?labelSelector=tier%3D" + (random.nextBoolean() ? "front" : "back"));
            case 1 -> PATHS.fromPath(path + "?labelSelector=tier%21%3Dfront");
            default -> PATHS.fromPath(path);
        };
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
