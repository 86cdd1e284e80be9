// The console's answer to 403 step-up-required (an action that asks for a fresh second factor): apiFetch
// asks the one mounted step-up dialog (components/security/step-up-dialog.tsx) to verify the person, and
// on success retries the request once. Without a mounted dialog the refusal reaches the caller as is.
type StepUpHandler = () => Promise<boolean>;

let handler: StepUpHandler | null = null;
let inFlight: Promise<boolean> | null = null;

/** Mounts the dialog's handler; returns the unmount. */
export function registerStepUpHandler(h: StepUpHandler): () => void {
  handler = h;
  return () => {
    if (handler === h) handler = null;
  };
}

/** Asks the person to step up; true once they did. Parallel refusals share one dialog. */
export function requestStepUp(): Promise<boolean> {
  if (!handler) return Promise.resolve(false);
  inFlight ??= handler().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

export const stepUpRequiredReason = "step-up-required";
