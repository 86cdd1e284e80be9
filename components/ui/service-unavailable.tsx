// Shown when the access service cannot be reached: friendly, no internals.
import { Notice } from "./notice";

export function ServiceUnavailable({ action = "continue" }: { action?: string }) {
  return (
    <Notice tone="warning" title="Tessera is temporarily unavailable">
      <p>
        We could not reach the access service, so we cannot {action} right now. Try again in a moment; if this keeps happening,
        contact your operator.
      </p>
    </Notice>
  );
}
