// Types of static-headers.mjs (the project type-checks TypeScript only: allowJs is off).
export declare const staticSecurityHeaders: ReadonlyArray<{ key: string; value: string }>;
