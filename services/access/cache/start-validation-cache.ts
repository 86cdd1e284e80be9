// One change feed and one license validation cache per access-service process, when the database can
// deliver notifications to a second connection. The embedded PGlite cannot: LISTEN through its socket is
// accepted but nothing is ever delivered (checked), so there validations always read the database.
import { startChangeFeed, type ChangeFeedLogger, type ChangeFeedOptions } from "./change-feed";
import { createLicenseValidationCache, type LicenseValidationCache } from "./license-validation-cache";
import { createSessionCache, type SessionCache } from "./session-cache";
import { createTokenIntrospectionCache, type TokenIntrospectionCache } from "./token-introspection-cache";
import type { ChangeFeed } from "./change-feed";

export const embeddedNoCacheMessage =
  "embedded database: no change notifications to a second connection, so license validations, token introspections and sessions always read the database (no cache)";

export type ValidationCacheRuntime = {
  feed: ChangeFeed;
  cache: LicenseValidationCache;
  tokenCache: TokenIntrospectionCache;
  sessionCache: SessionCache;
  close(): Promise<void>;
};

export function startValidationCache(options: {
  connectionString: string;
  embedded: boolean;
  logger: ChangeFeedLogger;
  feed?: Omit<ChangeFeedOptions, "connectionString" | "logger">;
}): ValidationCacheRuntime | null {
  if (options.embedded) return null; // the caller logs embeddedNoCacheMessage once
  const feed = startChangeFeed({ ...options.feed, connectionString: options.connectionString, logger: options.logger });
  const cache = createLicenseValidationCache({ feed });
  const tokenCache = createTokenIntrospectionCache({ feed });
  const sessionCache = createSessionCache({ feed });
  return {
    feed,
    cache,
    tokenCache,
    sessionCache,
    async close() {
      cache.close();
      tokenCache.close();
      sessionCache.close();
      await feed.close();
    },
  };
}
