"use client";
// Copies a value to the clipboard and says so (politely announced).
import { useState } from "react";
import { Button } from "./button";

export function CopyButton({ value, label = "Copy", onCopied }: { value: string; label?: string; onCopied?: () => void }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setState("copied");
            onCopied?.();
          } catch {
            setState("failed");
          }
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-sm text-slate-700">
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: select the text and copy it by hand." : ""}
      </span>
    </span>
  );
}
