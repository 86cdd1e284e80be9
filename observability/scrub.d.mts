export declare function scrubText(text: string): string;
export declare function scrubValue<T>(value: T): T;
export declare function scrubEvent<T>(event: T): T;
