export declare function startTelemetry(options: { service: string; env?: Record<string, string | undefined> }): Promise<{ tracing: boolean; reporting: boolean; shutdown: () => Promise<void> }>;
