"use client";
// Who is looking at the console, for hiding what their role cannot do (the access service decides anyway).
import { createContext, useContext } from "react";
import type { Role } from "@/contracts/access-api";
import { can, type Permission } from "@/contracts/permissions";

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

export function useCan(permission: Permission): boolean {
  return can(useViewer().role, permission);
}
