import { describe, expect, it } from "vitest";
import { roles, type Role } from "./access-api";
import { can, grantableRoles, permissions, type Permission } from "./permissions";

// The whole matrix, written out: a change to who may do what shows up here as a reviewed diff.
const expected: Record<Permission, Role[]> = {
  "tenants.read": ["platform_admin", "tenant_admin", "tenant_member", "district_reviewer"],
  "tenants.write": ["platform_admin"],
  "members.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "members.write": ["platform_admin", "tenant_admin"],
  "catalog.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "catalog.write": ["platform_admin"],
  "tiers.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "tiers.write": ["platform_admin"],
  "licenses.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "licenses.write": ["platform_admin"],
  "license_keys.read": ["platform_admin", "tenant_admin"],
  "activations.write": ["platform_admin", "tenant_admin"],
  "tokens.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "tokens.write": ["platform_admin", "tenant_admin"],
  "token_leaks.write": ["platform_admin"],
  "oauth_clients.read": ["platform_admin", "tenant_admin", "tenant_member"],
  "oauth_clients.write": ["platform_admin", "tenant_admin"],
  "audit.read": ["platform_admin", "tenant_admin"],
  "compliance.read": ["platform_admin", "tenant_admin", "district_reviewer"],
  "compliance.write": ["platform_admin", "tenant_admin"],
  "trust.write": ["platform_admin"],
  "incidents.write": ["platform_admin"],
  "security_plan.write": ["platform_admin"],
  "security_inventory.read": ["platform_admin"],
  "security_alerts.read": ["platform_admin", "tenant_admin"],
  "security_alerts.write": ["platform_admin", "tenant_admin"],
  "detector_settings.write": ["platform_admin"],
  "sign_in_policy.write": ["platform_admin", "tenant_admin"],
  "storage_keys.rotate": ["platform_admin"],
};

describe("permission matrix", () => {
  for (const permission of permissions) {
    for (const role of roles) {
      it(`${role} ${expected[permission].includes(role) ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected[permission].includes(role));
      });
    }
  }
});

describe("role escalation", () => {
  it("platform admins grant any tenant role", () => {
    expect(grantableRoles("platform_admin")).toEqual(["tenant_admin", "tenant_member", "district_reviewer"]);
  });
  it("tenant admins grant roles up to their own, never platform admin", () => {
    expect(grantableRoles("tenant_admin")).toEqual(["tenant_admin", "tenant_member", "district_reviewer"]);
    expect(grantableRoles("tenant_admin")).not.toContain("platform_admin");
  });
  it("read-only roles grant nothing", () => {
    expect(grantableRoles("tenant_member")).toEqual([]);
    expect(grantableRoles("district_reviewer")).toEqual([]);
  });
});
