// The launcher's side of operator-event delivery: the journal is handed to the access service now, whenever
// it changes (a `tessera pki` or `keys` command, a renewal), and every few seconds while some of it waits.
import { watchFiles } from "../../services/common/tls/watch-files";
import type { PkiFiles } from "../home";
import { deliverOperatorEvents } from "../operator-events/operator-events";

/** Starts delivering; returns a stop function. `onError` hears each distinct cause of a failed delivery once. */
export function startOperatorEventDelivery(layout: { pki: PkiFiles }, accessUrl: string, onError: (message: string) => void): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let lastError = "";
  const attempt = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await deliverOperatorEvents(layout, accessUrl);
      lastError = "";
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (message !== lastError) onError(message); // once per distinct cause, not every retry
      lastError = message;
      retry = setTimeout(() => {
        retry = undefined;
        void attempt();
      }, 5_000);
      retry.unref();
    } finally {
      running = false;
      if (again) {
        again = false;
        void attempt();
      }
    }
  };
  // While a retry is pending, changes (our own putting back of an undelivered batch among them) wait for it.
  const stopWatching = watchFiles([layout.pki.journal], () => {
    if (!retry) void attempt();
  });
  void attempt();
  return () => {
    stopped = true;
    clearTimeout(retry);
    stopWatching();
  };
}
