import type { Context } from "@opentelemetry/api";
export declare function requestIdFrom(value: unknown): string;
export declare function withRequestId(ctx: Context, requestId: string): Context;
export declare function currentRequestId(): string | undefined;
export declare function outgoingContextHeaders(requestId?: string): Record<string, string>;
