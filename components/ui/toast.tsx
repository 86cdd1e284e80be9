"use client";
// Toast notifications for the outcome of actions: successes announced politely, failures assertively.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

type ToastTone = "success" | "error";
type Toast = { id: number; tone: ToastTone; title: string; detail?: string };
/** Each call returns the toast's id, so the action that raised a failure can take it back once it succeeds. */
type ToastApi = { success(title: string, detail?: string): number; error(title: string, detail?: string): number; dismiss(id: number): void };

const ToastContext = createContext<ToastApi | null>(null);

/** Successes fade after a while; failures stay until dismissed (or the same action succeeds) so they can be read and quoted. */
const successMs = 6000;

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback((tone: ToastTone, title: string, detail?: string) => {
    const id = nextId.current++;
    setToasts((all) => [...all.slice(-4), { id, tone, title, detail }]);
    return id;
  }, []);
  const api = useMemo<ToastApi>(
    () => ({ success: (t, d) => push("success", t, d), error: (t, d) => push("error", t, d), dismiss }),
    [push, dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        {/* Two regions that always exist, so screen readers pick up what is added to them. */}
        <div role="status" aria-live="polite" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {toasts.filter((t) => t.tone === "success").map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert" aria-live="assertive" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {toasts.filter((t) => t.tone === "error").map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    if (toast.tone !== "success") return;
    const timer = setTimeout(() => onDismiss(toast.id), successMs);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  const look = toast.tone === "success" ? "border-emerald-300 bg-emerald-50 text-emerald-950" : "border-red-300 bg-red-50 text-red-950";
  return (
    <div className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${look}`} data-testid={`toast-${toast.tone}`}>
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{toast.title}</p>
        {toast.detail ? <p className="mt-1 break-words">{toast.detail}</p> : null}
      </div>
      <button type="button" onClick={() => onDismiss(toast.id)} className="rounded px-1 text-lg leading-none hover:bg-black/10" aria-label="Dismiss notification">
        ×
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}
