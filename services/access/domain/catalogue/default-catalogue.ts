// The vendor's suite as first installed: its components with their scopes, and two example tiers.
// Administrators edit it from there; it is seeded only while the catalogue is empty.
import { defaultHeartbeatWindowMinutes, type CreateTierInput } from "../../../../contracts/catalogue-api";

type DefaultComponent = { key: string; name: string; description: string; scopes: { key: string; description: string }[] };

export const defaultComponents: readonly DefaultComponent[] = [
  {
    key: "etl",
    name: "ETL",
    description: "Extract, transform and load pipelines.",
    scopes: [
      { key: "etl:read", description: "See pipelines and their runs." },
      { key: "etl:run", description: "Start pipeline runs." },
    ],
  },
  {
    key: "storage",
    name: "Secure file storage",
    description: "Encrypted storage for files.",
    scopes: [
      { key: "storage:read", description: "Download and list files." },
      { key: "storage:write", description: "Upload, replace and delete files." },
    ],
  },
  {
    key: "analytics",
    name: "Analytics",
    description: "Dashboards and queries over the tenant's data.",
    scopes: [{ key: "analytics:read", description: "View dashboards and run queries." }],
  },
  {
    key: "reports",
    name: "Reporting",
    description: "Scheduled and ad-hoc reports.",
    scopes: [
      { key: "reports:read", description: "View and download reports." },
      { key: "reports:write", description: "Create, edit and schedule reports." },
    ],
  },
  {
    key: "casenotes",
    name: "Case notes",
    description: "Notes kept on cases and students.",
    scopes: [
      { key: "casenotes:read", description: "Read case notes." },
      { key: "casenotes:write", description: "Write and amend case notes." },
    ],
  },
  {
    key: "surveys",
    name: "Surveys",
    description: "Questionnaires and their responses.",
    scopes: [
      { key: "surveys:read", description: "See surveys and responses." },
      { key: "surveys:write", description: "Create and publish surveys." },
    ],
  },
  {
    key: "streaming",
    name: "Data streaming",
    description: "Event streams between systems.",
    scopes: [
      { key: "streaming:consume", description: "Read from streams." },
      { key: "streaming:publish", description: "Publish to streams." },
    ],
  },
];

const allScopes = defaultComponents.flatMap((c) => c.scopes.map((s) => s.key)).sort();
const readScopes = allScopes.filter((key) => /:(read|consume)$/.test(key));

export const defaultTiers: readonly CreateTierInput[] = [
  {
    key: "standard",
    name: "Standard",
    description: "Read access to every component.",
    seats: 25,
    tokensPerLicense: 10,
    requestsPerMinute: 600,
    tokenDefaultTtlHours: 24,
    tokenMaxTtlHours: 720,
    heartbeatWindowMinutes: defaultHeartbeatWindowMinutes,
    scopes: readScopes,
  },
  {
    key: "enterprise",
    name: "Enterprise",
    description: "Every scope of every component, with higher quotas.",
    seats: 500,
    tokensPerLicense: 100,
    requestsPerMinute: 6000,
    tokenDefaultTtlHours: 24,
    tokenMaxTtlHours: 2160,
    heartbeatWindowMinutes: defaultHeartbeatWindowMinutes,
    scopes: allScopes,
  },
];
