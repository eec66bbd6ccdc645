package dev.slipway.deployment.lifecycle;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.slipway.store.SqlTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.slipway.deployment.lifecycle.DeploymentStatus.APPLYING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.AWAITING_APPROVAL;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.CANCELLED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.FAILED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PENDING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROGRESSING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROVISIONING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.SUCCEEDED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.SUPERSEDED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle's state machine: exactly the moves the platform makes, and nothing else gets written. */
class DeploymentTransitionsTest {

    private record Move(DeploymentStatus from, DeploymentStatus to) {
    }

    private static final Set<Move> EXPECTED = Set.of(
            new Move(PENDING, APPLYING), new Move(PENDING, SUPERSEDED), new Move(PENDING, CANCELLED),
            new Move(PENDING, PROVISIONING), new Move(PROVISIONING, APPLYING), new Move(PROVISIONING, FAILED),
            new Move(APPLYING, PROGRESSING), new Move(APPLYING, FAILED),
            new Move(PROGRESSING, SUCCEEDED), new Move(PROGRESSING, FAILED),
            // The environment is being deleted: whatever has not finished is cancelled (EnvironmentDeleted).
            new Move(PROVISIONING, CANCELLED), new Move(APPLYING, CANCELLED), new Move(PROGRESSING, CANCELLED),
            // Four eyes: approved (runs), rejected, expired or cancelled, or a newer deployment came.
            new Move(AWAITING_APPROVAL, PENDING), new Move(AWAITING_APPROVAL, CANCELLED), new Move(AWAITING_APPROVAL, SUPERSEDED));

    @Test
    void theTableIsExactlyTheMovesTheLifecycleMakes() {
        Set<Move> table = new HashSet<>();
        for (DeploymentStatus from : DeploymentStatus.values()) {
            for (DeploymentStatus to : DeploymentTransitions.from(from)) {
                table.add(new Move(from, to));
            }
        }
        assertEquals(EXPECTED, table);
    }

    @Test
    void terminalStatusesAreTheOnesWithNoWayOut() {
        assertEquals(EnumSet.of(SUCCEEDED, FAILED, SUPERSEDED, CANCELLED), EnumSet.copyOf(
                List.of(DeploymentStatus.values()).stream().filter(DeploymentStatus::isTerminal).toList()));
        for (DeploymentStatus status : DeploymentStatus.values()) {
            assertEquals(status.isTerminal(), DeploymentTransitions.from(status).isEmpty(), status.name());
        }
    }

    @Test
    void everyStatusIsReachableFromTheInitialOnes() {
        // A deployment starts in INITIAL, or waiting for approval where its environment's type asks for some.
        assertEquals(DeploymentStatus.INITIAL, DeploymentStatus.initial(0));
        assertEquals(AWAITING_APPROVAL, DeploymentStatus.initial(1));
        Set<DeploymentStatus> reached = EnumSet.of(DeploymentStatus.initial(0), DeploymentStatus.initial(2));
        List<DeploymentStatus> frontier = new java.util.ArrayList<>(reached);
        while (!frontier.isEmpty()) {
            for (DeploymentStatus next : DeploymentTransitions.from(frontier.remove(0))) {
                if (reached.add(next)) {
                    frontier.add(next);
                }
            }
        }
        assertEquals(EnumSet.allOf(DeploymentStatus.class), reached);
    }

    @ParameterizedTest
    @EnumSource(DeploymentStatus.class)
    void requireAgreesWithTheTable(DeploymentStatus from) {
        for (DeploymentStatus to : DeploymentStatus.values()) {
            if (EXPECTED.contains(new Move(from, to))) {
                assertTrue(from.canMoveTo(to));
                assertDoesNotThrow(() -> DeploymentTransitions.require(from, to));
            } else {
                assertFalse(from.canMoveTo(to), from + " -> " + to);
                assertThrows(IllegalStateException.class, () -> DeploymentTransitions.require(from, to));
            }
        }
    }

    @Test
    void theStoreRefusesAnIllegalMoveBeforeAnySql() {
        DeploymentStore store = new DeploymentStore(null, null, new DeploymentMetrics(new SimpleMeterRegistry()));
        AtomicInteger statements = new AtomicInteger();
        SqlTarget counting = statement -> {
            statements.incrementAndGet();
            return Uni.createFrom().item(1);
        };
        UUID id = UUID.randomUUID();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.change(counting, id, new StatusChange(SUCCEEDED, PENDING, "Again", "run it again")));
        assertTrue(refused.getMessage().contains("SUCCEEDED to PENDING"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> store.change(counting, id, new StatusChange(PENDING, PROGRESSING, "Skip", "")));
        assertThrows(IllegalStateException.class, () -> store.change(counting, id, new StatusChange(APPLYING, SUCCEEDED, "Skip", "")));
        assertEquals(0, statements.get(), "no statement may run for an illegal move");

        assertTrue(store.change(counting, id, new StatusChange(PENDING, APPLYING, "Applying", "")).await().indefinitely());
        assertEquals(1, statements.get(), "a legal move that enters no terminal status is one statement");
        assertTrue(store.change(counting, id, new StatusChange(PROGRESSING, FAILED, "Failed", "", 0)).await().indefinitely());
        assertEquals(3, statements.get(), "entering a terminal status also drops the job");
    }
}
