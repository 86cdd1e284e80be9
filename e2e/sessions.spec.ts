// Sessions, as a person manages them on the Security page: signed in from three browsers, the person ends
// one of the others (it is signed out at its next step) and then signs out everywhere else (the last other
// one too), while this browser stays signed in. Runs after first-run.spec.ts (alphabetical, one worker) as
// the administrator it created.
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { expect, firstAdmin, newSignedInPage, test } from "./support";

const signedOut = /\/sign-in/;

async function openSecurity(p: Page) {
  await p.goto("/security");
  await expect(p.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  await expect(p.getByRole("table", { name: "Your sessions" })).toBeVisible();
}

test("a person ends another browser's session, then every other session, and stays signed in here", async ({ browser }) => {
  const here = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);
  const other = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);
  const newest = await newSignedInPage(browser, firstAdmin.email, firstAdmin.password);

  await openSecurity(here);
  const table = here.getByRole("table", { name: "Your sessions" });
  await expect(table.getByText("This browser")).toHaveCount(1);
  await expect(table.getByRole("button", { name: /^End the session/ }).first()).toBeVisible();
  await expectNoAccessibilityViolations(here);

  // Most recently active first: the first other session is the browser that signed in last.
  const rowsBefore = await table.getByRole("button", { name: /^End the session/ }).count();
  expect(rowsBefore).toBeGreaterThanOrEqual(2);
  await table.getByRole("button", { name: /^End the session/ }).first().click();
  const dialog = here.getByRole("dialog", { name: "End this session?" });
  await expect(dialog).toBeVisible();
  await expectNoAccessibilityViolations(here);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("button", { name: /^End the session/ })).toHaveCount(rowsBefore);

  await table.getByRole("button", { name: /^End the session/ }).first().click();
  await dialog.getByRole("button", { name: "End session" }).click();
  await expect(here.getByText("Session ended. That browser is signed out.")).toBeVisible();
  await expect(table.getByRole("button", { name: /^End the session/ })).toHaveCount(rowsBefore - 1);

  await newest.goto("/licenses");
  await expect(newest).toHaveURL(signedOut);
  await other.goto("/licenses");
  await expect(other.getByRole("heading", { level: 1, name: "Licenses" })).toBeVisible();

  await here.getByRole("button", { name: "Sign out everywhere else" }).click();
  const everywhere = here.getByRole("dialog", { name: "Sign out everywhere else?" });
  await everywhere.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(here.getByText(/other sessions? ended\./)).toBeVisible();
  await expect(table.getByRole("button", { name: /^End the session/ })).toHaveCount(0);
  await expect(here.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();

  await other.goto("/licenses");
  await expect(other).toHaveURL(signedOut);
  await here.goto("/licenses");
  await expect(here.getByRole("heading", { level: 1, name: "Licenses" })).toBeVisible();
  for (const p of [here, other, newest]) await p.context().close();
});
