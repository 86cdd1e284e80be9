"use client";
// Who is looking at the console, for hiding what their role cannot do. What a role may do is read from
// the access service's own endpoint policies (contracts/access-policies.ts), the declaration the service
// enforces: the console hides an action exactly when the service would refuse it.
import { createContext, useContext } from "react";
import type { Role } from "@/contracts/access-api";
import { accessPolicies, type AccessEndpoint } from "@/contracts/access-policies";
import { roleMayCall } from "@/contracts/route-policy";

export type Viewer = { id: string; role: Role };

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used inside <ViewerProvider>");
  return viewer;
}

/** Whether the viewer's role may call the access service's endpoint ("POST /v1/licenses/:id/tokens"). */
export function useMayCall(endpoint: AccessEndpoint): boolean {
  return roleMayCall(useViewer().role, accessPolicies[endpoint]);
}
