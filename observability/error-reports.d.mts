export declare function startErrorReports(options: { service: string; env?: Record<string, string | undefined> }): Promise<{ reporting: boolean; shutdown: () => Promise<void> }>;
export declare function reportError(error: unknown, request?: { requestId?: string; method?: string; url?: string; headers?: Record<string, unknown> }): void;
export declare function flushErrorReports(timeoutMs?: number): Promise<boolean>;
