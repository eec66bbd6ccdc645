package dev.slipway.cluster;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What kind of credentials a cluster holds: KUBECONFIG (a kubeconfig and one of its contexts) or TOKEN "
        + "(a bearer token, with a CA bundle when the API server's certificate is not publicly trusted).")
public enum CredentialsType {
    KUBECONFIG, TOKEN
}
