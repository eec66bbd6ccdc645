-- The W3C trace context (traceparent, tracestate) of the request that queued a job, so that the
-- reconciler's run of it continues the request's trace. Null when the request was not traced.
ALTER TABLE deployment_jobs ADD COLUMN trace_context jsonb;
