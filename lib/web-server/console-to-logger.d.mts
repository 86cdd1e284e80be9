import type { Logger } from "pino";
export declare function routeConsoleToLogger(logger: Logger): void;
