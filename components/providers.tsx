"use client";
// Client-side providers for the console: one react-query client per browser tab, the viewer's role, toasts,
// and the step-up dialog that answers any action asking for a fresh second factor.
import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { z } from "zod";
import { isApiError } from "@/lib/client/api-fetch";
import { ToastProvider } from "@/components/ui/toast";
import { ViewerProvider, type Viewer } from "@/components/viewer";
import { StepUpDialog } from "@/components/security/step-up-dialog";

// The console's CSP allows no eval; without this, zod's first object parse probes for it with
// `new Function("")`, which the browser refuses (caught by zod) and reports as a CSP violation.
z.config({ jitless: true });

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again; network and 5xx get one more try.
        retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function Providers({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <ViewerProvider viewer={viewer}>
        <ToastProvider>
          {children}
          <StepUpDialog />
        </ToastProvider>
      </ViewerProvider>
    </QueryClientProvider>
  );
}
