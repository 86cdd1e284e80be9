// Changing one's password on the Security page, as a tenant member who joined through an invitation (the
// first administrator's password stays as the other specs know it): a wrong current password and a weak
// new one are refused beside their fields, then the change signs the member out of their other browser,
// the old password stops working and the new one signs in. At 390 px the dialog still fits.
import { randomBytes } from "node:crypto";
import { expectNoAccessibilityViolations } from "./accessibility";
import { joinAsMember, postCreated } from "./license-fixtures";
import { expect, newFirstAdminPage, newSignedInPage, signIn, test } from "./support";

const run = randomBytes(3).toString("hex");

test("a member changes their password: refusals beside the fields, other browsers signed out, only the new password signs in", async ({ browser }) => {
  const admin = await newFirstAdminPage(browser);
  const { tenant } = await postCreated<{ tenant: { id: string } }>(admin.request, "/api/tenants", { slug: `pw-co-${run}`, name: `Password Co ${run}`, kind: "company" });
  const member = { name: "Grace Pass", email: `grace-${run}@example.com`, password: "copper lantern violet orchard" };
  const page = await joinAsMember(browser, admin, tenant.id, member);
  const elsewhere = await newSignedInPage(browser, member.email, member.password);
  const newPassword = "meadow quartz harbour tinsel";

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/security");
  await page.getByRole("button", { name: "Change password" }).click();
  const dialog = page.getByRole("dialog", { name: "Change your password" });
  await expect(dialog.getByLabel("Current password")).toBeFocused();
  await expectNoAccessibilityViolations(page);

  await dialog.getByLabel("Current password").fill("not the password at all");
  await dialog.getByLabel("New password", { exact: true }).fill(newPassword);
  await dialog.getByLabel("New password again").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("The password is not correct.")).toBeVisible();
  // A wrong re-entered password does not end the session.
  await expect(page).toHaveURL(/\/security/);

  await dialog.getByLabel("Current password").fill(member.password);
  await dialog.getByLabel("New password", { exact: true }).fill("password1234567890");
  await dialog.getByLabel("New password again").fill("password1234567890");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText(/common or breached|too easy to guess/)).toBeVisible();

  await dialog.getByLabel("New password", { exact: true }).fill(newPassword);
  await dialog.getByLabel("New password again").fill(`${newPassword} typo`);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("The two new passwords do not match.")).toBeVisible();

  await dialog.getByLabel("New password again").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await expect(dialog).toBeHidden();

  await elsewhere.goto("/licenses");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await page.goto("/licenses");
  await expect(page.getByRole("heading", { level: 1, name: "Licenses" })).toBeVisible();

  const fresh = await browser.newContext({ baseURL: process.env.TESSERA_E2E_WEB_URL });
  const check = await fresh.newPage();
  await check.goto("/sign-in");
  await check.getByLabel("E-mail").fill(member.email);
  await check.getByLabel("Password").fill(member.password);
  await check.getByRole("button", { name: "Sign in" }).click();
  await expect(check.getByText(/E-mail or password is incorrect/)).toBeVisible();
  await signIn(check, member.email, newPassword);
  await expect(check.getByRole("heading", { level: 1, name: `Welcome, ${member.name}` })).toBeVisible();
  for (const p of [admin, page, elsewhere, check]) await p.context().close();
});
