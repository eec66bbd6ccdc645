package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.store.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The statements on approvals, all in the API request's Hibernate Reactive transaction: who
 * decided what on a waiting deployment, and the event that makes a decision visible to watchers
 * when it does not change the deployment's status (the trigger records only status changes).
 */
@ApplicationScoped
public class ApprovalStore {
    private static final String INSERT = """
            INSERT INTO deployment_approvals (deployment_id, subject, name, subject_type, decision, comment, created_at)
            VALUES (:deployment, :subject, :name, :subject_type, :decision, :comment, :created_at)
            ON CONFLICT (deployment_id, subject) DO NOTHING""";
    private static final String OF_DEPLOYMENTS = """
            SELECT deployment_id, subject, name, subject_type, decision, comment, created_at FROM deployment_approvals
             WHERE deployment_id = ANY(CAST(CAST(:deployments AS text) AS uuid[])) ORDER BY created_at, subject""";
    /** An event with the status the deployment is in, for a decision that leaves it there. */
    private static final String RECORD_EVENT = """
            INSERT INTO deployment_events (deployment_id, application, environment, status, reason, message, created_at)
            SELECT id, application, environment, status, :reason, left(:message, 2000), clock_timestamp() FROM deployments WHERE id = :id""";

    /** Records a decision; false, with nothing written, when this subject already decided on the deployment. */
    public Uni<Boolean> recordInSession(Approval approval) {
        return Sql.of(INSERT).bind("deployment", approval.deploymentId()).bind("subject", approval.subject()).bind("name", approval.name())
                .bind("subject_type", approval.subjectType()).bind("decision", approval.approved() ? "APPROVED" : "REJECTED")
                .bind("comment", approval.comment()).bind("created_at", approval.createdAt())
                .updateInSession().map(rows -> rows > 0);
    }

    /** The decisions on each of the deployments, oldest first; deployments without any are absent. */
    public Uni<Map<UUID, List<Approval>>> ofDeployments(Collection<UUID> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String ids = "{" + String.join(",", deploymentIds.stream().map(UUID::toString).toList()) + "}";
        return Sql.of(OF_DEPLOYMENTS).bind("deployments", ids).rowsInSession().map(rows -> {
            Map<UUID, List<Approval>> byDeployment = new HashMap<>();
            for (Object[] row : rows) {
                Approval approval = new Approval((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                        "APPROVED".equals(row[4]), (String) row[5], instant(row[6]));
                byDeployment.computeIfAbsent(approval.deploymentId(), id -> new ArrayList<>()).add(approval);
            }
            return byDeployment;
        });
    }

    /** Makes a decision that leaves the status as it is visible in the deployment's event stream. */
    public Uni<Void> recordEventInSession(UUID deploymentId, String reason, String message) {
        return Sql.of(RECORD_EVENT).bind("id", deploymentId).bind("reason", reason).bind("message", message).updateInSession()
                .replaceWithVoid();
    }

    /** Hibernate hands a timestamptz of a native query over in whichever java.time type its dialect chose. */
    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value)).toInstant();
    }
}
