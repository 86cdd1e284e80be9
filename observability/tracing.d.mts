import type { IncomingMessage, ServerResponse } from "node:http";
export declare function tracingEndpoint(env?: Record<string, string | undefined>): string | undefined;
export declare function startTracing(options: { service: string; env?: Record<string, string | undefined> }): { exporting: boolean; shutdown: () => Promise<void> };
export declare function serveInSpan(req: IncomingMessage, res: ServerResponse, requestId: string, serve: () => void): void;
export declare function nameActiveSpan(method: string, route: string): void;
