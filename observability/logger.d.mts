import type { Logger } from "pino";
export declare const ecsRoots: Set<string>;
export declare const customNamespace: "tessera";
export declare function createLogger(options: { service: string; level?: string; destination?: NodeJS.WritableStream }): Logger;
export declare function processLogger(service: string): Logger;
