import "server-only";
// The web tier's logger: the process's one ECS logger (observability/logger.mjs), the same instance the
// web tier's own server created, so route code and the server write the same kind of line.
import type { Logger } from "pino";
import { processLogger } from "@/observability/logger.mjs";

export function webLog(): Logger {
  return processLogger("web");
}
