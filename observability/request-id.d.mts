export declare const requestIdHeader: "x-request-id";
export declare function validRequestId(value: unknown): string | undefined;
