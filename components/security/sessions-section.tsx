"use client";
// Where the signed-in person is signed in, told apart by device (browser and system, the address, first
// and last seen): this browser marked, every other session endable (with
// confirmation), and "sign out everywhere else". Ending one is the same path as signing out there.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ListOwnSessionsResponse, OwnSessionDto, RevokeOtherSessionsResponse } from "@/contracts/access-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { deviceLabel } from "@/contracts/user-agent";
import { LocalTime } from "@/components/audit/local-time";
import { formatDateTime } from "@/lib/format";
import { seg } from "@/lib/with-query";

const sessionKeys = { mine: ["sessions", "mine"] as const };

function useOwnSessions() {
  return useQuery({
    queryKey: sessionKeys.mine,
    queryFn: ({ signal }) => apiFetch<ListOwnSessionsResponse>("/api/me/sessions", { signal }).then((r) => r.sessions),
  });
}

/** "Firefox 133 on Windows, from 203.0.113.7": how a person tells their sessions apart. */
const where = (s: OwnSessionDto) => (s.current ? "This browser" : `${capitalise(deviceLabel(s))}, from ${s.sourceIp ?? "an unknown address"}`);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function SessionsSection() {
  const sessions = useOwnSessions();
  const [ending, setEnding] = useState<OwnSessionDto | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
  const endOne = useApiAction({
    run: (s: OwnSessionDto) => apiFetch(`/api/me/sessions/${seg(s.id)}/revoke`, { method: "POST" }),
    success: "Session ended. That browser is signed out.",
    failure: "The session was not ended.",
    invalidate: [sessionKeys.mine],
    onSuccess: () => setEnding(null),
  });
  const endOthers = useApiAction({
    run: () => apiFetch<RevokeOtherSessionsResponse>("/api/me/sessions/revoke-others", { method: "POST" }),
    success: (r) => (r.revoked === 0 ? "No other sessions were open." : `${r.revoked} other session${r.revoked === 1 ? "" : "s"} ended.`),
    failure: "The other sessions were not ended.",
    invalidate: [sessionKeys.mine],
    onSuccess: () => setEndingOthers(false),
  });
  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  const columns: Column<OwnSessionDto>[] = [
    {
      key: "where",
      header: "Device",
      cell: (s) => (
        <div className="min-w-0">
          <p className="font-medium">{capitalise(deviceLabel(s))}</p>
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
            <span className="font-mono">{s.sourceIp ?? "unknown address"}</span>
            {s.current ? <StatusBadge status="active" label="This browser" /> : null}
          </p>
        </div>
      ),
    },
    { key: "created", header: "First seen", cell: (s) => <LocalTime iso={s.createdAt} /> },
    { key: "seen", header: "Last seen", cell: (s) => <LocalTime iso={s.lastSeenAt} /> },
    { key: "ends", header: "Ends if unused by", cell: (s) => <LocalTime iso={s.idleExpiresAt} /> },
    { key: "expires", header: "Ends at the latest", cell: (s) => <LocalTime iso={s.expiresAt} /> },
    {
      key: "actions",
      header: "Actions",
      cell: (s) =>
        s.current ? (
          <span className="text-xs text-slate-700">Use “Sign out” to end this one</span>
        ) : (
          <Button type="button" variant="secondary" size="sm" onClick={() => setEnding(s)} aria-label={`End the session ${where(s)}, signed in ${formatDateTime(s.createdAt)}`}>
            End session
          </Button>
        ),
    },
  ];

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Where you are signed in</h2>
        <Button type="button" variant="secondary" size="sm" disabled={others === 0} onClick={() => setEndingOthers(true)}>
          Sign out everywhere else
        </Button>
      </div>
      <p className="mb-3 text-sm text-slate-700">
        Each row is a browser signed in to your account. Ending a session signs that browser out at once, on every server.
      </p>
      <DataTable
        caption="Your sessions"
        columns={columns}
        rows={sessions.data}
        rowKey={(s) => s.id}
        query={sessions}
        empty={{ title: "No sessions", body: "Sign in again to see where you are signed in." }}
      />
      <ConfirmDialog
        open={ending !== null}
        onClose={() => setEnding(null)}
        onConfirm={() => ending && endOne.mutate(ending)}
        pending={endOne.isPending}
        title="End this session?"
        description={ending ? `${where(ending)} (signed in ${formatDateTime(ending.createdAt)}) is signed out at once and must sign in again.` : null}
        confirmLabel="End session"
      />
      <ConfirmDialog
        open={endingOthers}
        onClose={() => setEndingOthers(false)}
        onConfirm={() => endOthers.mutate()}
        pending={endOthers.isPending}
        title="Sign out everywhere else?"
        description={`Your ${others} other session${others === 1 ? "" : "s"} end at once; this browser stays signed in.`}
        confirmLabel="Sign out everywhere else"
      />
    </div>
  );
}
