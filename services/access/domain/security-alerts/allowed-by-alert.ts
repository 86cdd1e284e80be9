// Which value of a principal's baseline an alert found new, and so what "not an anomaly" allows. Pure.
import type { SetName } from "../../detector/baselines";

export function allowedByAlert(kind: string, evidence: Record<string, unknown>): { set: SetName; value: string } | null {
  const text = (key: string) => (typeof evidence[key] === "string" ? (evidence[key] as string) : null);
  const pick = (set: SetName, value: string | null) => (value ? { set, value } : null);
  switch (kind) {
    case "new-certificate":
      return pick("thumbprints", text("presentedThumbprint"));
    case "new-network":
      return pick("networks", text("network"));
    case "new-component":
      return text("scope") ? pick("scopes", text("scope")) : pick("identities", text("caller"));
    case "new-device":
      return pick("devices", text("deviceId"));
    default:
      return null;
  }
}
