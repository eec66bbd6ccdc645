package dev.slipway.cluster;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How Slipway reaches a cluster: SANDBOX is the in-process API server; IN_CLUSTER uses the service account "
        + "Slipway runs under; EXTERNAL uses apiUrl with its stored credentials or those credentialsRef names.")
public enum ClusterKind {
    SANDBOX, IN_CLUSTER, EXTERNAL
}
