package dev.slipway.deployment.lifecycle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each cluster's share of the workers is bounded, and one cluster's share is not another's. */
class ClusterBulkheadTest {

    @Test
    void aClustersShareIsBoundedAndReleasedOnce() {
        ClusterBulkhead bulkhead = new ClusterBulkhead(2);
        ClusterBulkhead.Permit first = bulkhead.tryEnter("edge");
        ClusterBulkhead.Permit second = bulkhead.tryEnter("edge");
        assertNotNull(first);
        assertNotNull(second);
        assertNull(bulkhead.tryEnter("edge"), "the share is taken");
        assertNotNull(bulkhead.tryEnter("sandbox"), "another cluster has its own share");

        first.close();
        first.close(); // a second close frees nothing more
        assertNotNull(bulkhead.tryEnter("edge"));
        assertNull(bulkhead.tryEnter("edge"));
    }

    @Test
    void aShareIsAtLeastOne() {
        assertThrows(IllegalStateException.class, () -> new ClusterBulkhead(0));
    }
}
