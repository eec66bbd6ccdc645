-- Workload defaults (issue 15): what an environment type adds to the workloads deployed into its
-- environments (resource requests and limits, security context, startup probe) and the Pod Security
-- Admission level of their namespaces. null: the safe defaults (a restricted security context and
-- restricted namespaces, nothing else). An object at the top: Hibernate Reactive reads jsonb objects only.
ALTER TABLE environment_types ADD COLUMN workload_defaults jsonb;
