package dev.slipway.cluster;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Credentials submitted for an EXTERNAL cluster: a kubeconfig (and which context of it), or a
 * bearer token (and the CA bundle its API server's certificate chains to). Write-only: stored
 * sealed, never returned, and printed redacted.
 */
@Schema(name = "ClusterCredentials", description = "Credentials of an EXTERNAL cluster, write-only: stored encrypted and never returned. "
        + "Either kubeconfig (with an optional context) or token (with an optional caBundle).")
public record ClusterCredentials(
        @Size(max = ClusterCredentials.MAX_KUBECONFIG, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "A kubeconfig (YAML or JSON, at most 64 KiB), read with the Kubernetes client's own loader. Only inline "
                + "data is accepted: exec plugins, auth providers, proxies and file paths (tokenFile, client-certificate, "
                + "certificate-authority, ...) are refused.", writeOnly = true) String kubeconfig,
        @Size(max = RequestLimits.SHORT_TEXT, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Context of the kubeconfig to use; default its current-context.", writeOnly = true) String context,
        @Size(max = ClusterCredentials.MAX_TOKEN, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "A bearer token, e.g. a service account token (at most 16 KiB).", writeOnly = true) String token,
        @Size(max = ClusterCredentials.MAX_CA_BUNDLE, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "PEM certificates the API server's certificate chains to, for token credentials; default the "
                + "certificates the JVM trusts.", writeOnly = true) String caBundle) {

    static final int MAX_KUBECONFIG = 64 * 1024;
    static final int MAX_TOKEN = 16 * 1024;
    static final int MAX_CA_BUNDLE = 64 * 1024;

    /** The kind these credentials are, or null when neither a kubeconfig nor a token is given. */
    public CredentialsType type() {
        return kubeconfig != null ? CredentialsType.KUBECONFIG : token != null ? CredentialsType.TOKEN : null;
    }

    @Override
    public String toString() {
        return "ClusterCredentials[" + type() + ", (redacted)]";
    }
}
