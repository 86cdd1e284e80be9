import type { Writable } from "node:stream";
export declare function redactSecrets(text: string): string;
export declare function redactingStream(out?: NodeJS.WritableStream): Writable;
