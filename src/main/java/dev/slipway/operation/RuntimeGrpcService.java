package dev.slipway.operation;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.RuntimeProto;
import dev.slipway.grpc.v1.RuntimeService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for the runtime view, logs and day-2 operations, through {@link RuntimeProtoMapper}. */
@GrpcService
@Authenticated
public class RuntimeGrpcService implements RuntimeService {
    private final RuntimeViews runtime;
    private final Logs logs;
    private final WorkloadOperations operations;

    public RuntimeGrpcService(RuntimeViews runtime, Logs logs, WorkloadOperations operations) {
        this.runtime = runtime;
        this.logs = logs;
        this.operations = operations;
    }

    @Override
    public Uni<RuntimeProto.GetRuntimeResponse> getRuntime(RuntimeProto.GetRuntimeRequest request) {
        return runtime.runtime(request.getApplication(), request.getEnvironment()).map(RuntimeProtoMapper::toProto);
    }

    @Override
    public Multi<RuntimeProto.StreamLogsResponse> streamLogs(RuntimeProto.StreamLogsRequest request) {
        LogQuery query = RuntimeProtoMapper.toQuery(request);
        Multi<LogLine> lines = request.getFollow()
                ? logs.follow(request.getApplication(), request.getEnvironment(), query).onItem().transformToMulti(followed -> followed)

                : logs.read(request.getApplication(), request.getEnvironment(), query).onItem()
                        .transformToMulti(read -> Multi.createFrom().iterable(read.lines()));
        return lines.map(RuntimeProtoMapper::toProto);
    }

    @Override
    public Uni<RuntimeProto.ScaleEnvironmentResponse> scaleEnvironment(RuntimeProto.ScaleEnvironmentRequest request) {
        return operations.scale(request.getApplication(), request.getEnvironment(),
                new ScaleRequest(Protos.optional(request.getWorkload()), request.hasReplicas() ? request.getReplicas() : null))
                .map(RuntimeProtoMapper::toProto);
    }

    @Override
    public Uni<RuntimeProto.RestartEnvironmentResponse> restartEnvironment(RuntimeProto.RestartEnvironmentRequest request) {
        return operations
                .restart(request.getApplication(), request.getEnvironment(), new RestartRequest(Protos.optional(request.getWorkload())))
                .map(RuntimeProtoMapper::toProto);
    }
}
