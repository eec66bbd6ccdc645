package dev.slipway.cluster.workload;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an environment type adds to the workloads deployed into its environments: requests and
 * limits for containers that ask for none, the security context of their pods, the Pod Security
 * Admission level of the namespaces Slipway creates, and a startup probe for containers without
 * one. Every field is optional; {@link #NONE} (a type that says nothing) means the safe defaults:
 * a restricted security context and restricted namespaces, no resource defaults, no startup probe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Defaults for workloads deployed into environments of this type. Absent fields: restricted security context, "
        + "Pod Security Admission labels as strict as the security context admits, no resource defaults, no startup probe.")
public record WorkloadDefaults(
        @Valid @Schema(description = "Requests and limits (cpu, memory) for containers that set none: per key, a container's own value wins.") ResourcesSpec resources,
        @Schema(description = "restricted (default: non-root, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault, "
                + "read-only root file system unless a container sets readOnlyRootFilesystem false), baseline (seccomp RuntimeDefault "
                + "and no privilege escalation only) or none (the image's and cluster's own).", enumeration = {
                        SecurityLevel.RESTRICTED, SecurityLevel.BASELINE,
                        SecurityLevel.NONE }, examples = "restricted") String securityContext,
        @Schema(description = "Pod Security Admission level enforced (and warned and audited) on the namespaces Slipway creates: "
                + "restricted, baseline or privileged. Default: restricted with the restricted securityContext, else baseline.", enumeration = {
                        SecurityLevel.RESTRICTED, SecurityLevel.BASELINE,
                        SecurityLevel.PRIVILEGED }, examples = "restricted") String podSecurity,
        @Valid @Schema(description = "Startup probe for containers of services and workers that declare none: liveness and readiness "
                + "probes wait until it passes.") ProbeSpec startupProbe) {

    /** A type that sets nothing: the safe defaults. */
    public static final WorkloadDefaults NONE = new WorkloadDefaults(null, null, null, null);

    /** The levels both fields take, as Kubernetes' Pod Security Standards name them (none: render no security context). */
    public static final class SecurityLevel {
        public static final String RESTRICTED = "restricted";
        public static final String BASELINE = "baseline";
        public static final String PRIVILEGED = "privileged";
        public static final String NONE = "none";
        public static final Set<String> SECURITY_CONTEXTS = Set.of(RESTRICTED, BASELINE, NONE);
        public static final Set<String> POD_SECURITY = Set.of(RESTRICTED, BASELINE, PRIVILEGED);

        private SecurityLevel() {
        }
    }

    /** The security context pods are rendered with: restricted unless the type says otherwise. */
    @JsonIgnore
    public String securityContextOrDefault() {
        return securityContext == null ? SecurityLevel.RESTRICTED : securityContext;
    }

    /**
     * The Pod Security Admission level of the namespaces: the type's, else the strictest that admits
     * the pods its security context renders (restricted for restricted, else baseline, which asks
     * for no security context fields Slipway would leave out).
     */
    @JsonIgnore
    public String podSecurityOrDefault() {
        if (podSecurity != null) {
            return podSecurity;
        }
        return SecurityLevel.RESTRICTED.equals(securityContextOrDefault()) ? SecurityLevel.RESTRICTED : SecurityLevel.BASELINE;
    }
}
