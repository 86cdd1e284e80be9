// Types of peer-address.mjs (the project type-checks TypeScript only: allowJs is off).
export declare const peerAddressHeader: "x-tessera-peer-address";
