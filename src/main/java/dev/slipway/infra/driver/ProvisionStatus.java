package dev.slipway.infra.driver;

/** Where a resource stands after a driver's provision or observe. */
public enum ProvisionStatus {
    /** Provisioned and ready; the outputs are complete. */
    READY,
    /** Not ready yet: observe again later (the provisioner does, until the definition's timeout). */
    PROVISIONING,
    /** Will not become ready without a change: the result's reason and message say why. */
    FAILED
}
