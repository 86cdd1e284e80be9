import type { IncomingMessage, ServerResponse } from "node:http";
export declare function tracingEndpoint(env?: Record<string, string | undefined>): string | undefined;
export declare function startTracing(options: { service: string; env?: Record<string, string | undefined> }): { exporting: boolean; shutdown: () => Promise<void> };
export declare function serveInSpan(req: IncomingMessage, res: ServerResponse, requestId: string, serve: () => void, options?: { bindStreams?: boolean }): void;
export declare function reenterRequestContext<T>(req: IncomingMessage, next: () => T): T;
export declare function requestSpanIds(req: IncomingMessage): { traceId?: string; spanId?: string };
export declare function nameActiveSpan(method: string, route: string): void;
