// First run, as a person does it: refuse weak passwords, create the administrator with the setup
// link, sign in and out, then find the link used up. Serial: the link is single-use.
import { completeFirstAdminSignIn, expect, fillSetupForm, firstAdmin as admin, setupPath, signIn, test } from "./support";
import { expectNoAccessibilityViolations } from "./accessibility";

test.describe.serial("first administrator", () => {
  test.beforeAll(() => {
    if (!setupPath()) throw new Error("the system printed no setup link (was the data folder fresh?)");
  });

  test("sign-in explains that setup is needed", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByText("Tessera is not set up yet")).toBeVisible();
  });

  test("a short password is refused with a message next to the field", async ({ page }) => {
    await page.goto(setupPath()!);
    await expect(page.getByRole("heading", { name: "Create the first administrator" })).toBeVisible();
    await fillSetupForm(page, { ...admin, password: "password" });
    const field = page.getByLabel("Password", { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-password-error")).toContainText("at least 15 characters");
    await expect(page).toHaveURL(/\/setup\//);
  });

  test("a long but blocklisted password is refused by the access service", async ({ page }) => {
    await page.goto(setupPath()!);
    await fillSetupForm(page, { ...admin, password: "passwordpassword" });
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-password-error")).not.toBeEmpty();
    await expect(page).toHaveURL(/\/setup\//);
    // The name and e-mail survive the failed attempt; the password does not.
    await expect(page.getByLabel("Your name")).toHaveValue(admin.name);
  });

  test("the setup page passes the accessibility checks", async ({ page }) => {
    await page.goto(setupPath()!);
    await expectNoAccessibilityViolations(page);
  });

  test("mismatched confirmation is refused", async ({ page }) => {
    await page.goto(setupPath()!);
    await fillSetupForm(page, { ...admin, confirm: `${admin.password}!` });
    await expect(page.locator("#field-confirm-error")).toContainText("do not match");
  });

  test("create the administrator, sign in, sign out, sign in again", async ({ page, context }) => {
    await page.goto(setupPath()!);
    await fillSetupForm(page, admin);
    await expect(page).toHaveURL(/\/sign-in\?setup=done/);
    await expect(page.getByText("Administrator account created")).toBeVisible();
    await expect(page.getByText("Tessera is not set up yet")).toHaveCount(0);

    await signIn(page, admin.email, admin.password);
    // A platform administrator must have a second factor: the first sign-in asks them to add an app first.
    await expect(page.getByRole("heading", { level: 1, name: "Add a second factor" })).toBeVisible();
    await completeFirstAdminSignIn(page);
    await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();
    await expect(page.getByTestId("account-name")).toHaveText(admin.name);
    await expectNoAccessibilityViolations(page);
    const signedInCookies = await context.cookies();

    await page.getByTestId("account-name").click();
    await expect(page.getByText(admin.email)).toBeVisible();
    await expect(page.getByText("Platform administrator")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    // The old cookie no longer works: the access service ended the session, not just the browser.
    await context.addCookies(signedInCookies);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, admin.email, "not the right password at all");
    await expect(page.locator("#sign-in-error")).toHaveText("E-mail or password is incorrect.");
    await expect(page.locator("#sign-in-error")).toHaveAttribute("role", "alert");
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, admin.email, admin.password);
    // Now the password is followed by a code from the app.
    await expect(page.getByRole("form", { name: "Two-factor authentication" })).toBeVisible();
    await completeFirstAdminSignIn(page);
    await expect(page.getByRole("heading", { name: `Welcome, ${admin.name}` })).toBeVisible();
    await page.getByRole("link", { name: "Licenses" }).first().click();
    await expect(page.getByRole("heading", { name: "Licenses", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Licenses" }).or(page.getByText("No licenses found"))).toBeVisible();
  });

  test("the used setup link is refused with a clear page", async ({ page }) => {
    await page.goto(setupPath()!);
    await expect(page.getByRole("heading", { name: "This setup link has already been used" })).toBeVisible();
    await expect(page.getByText("ask your operator for a new setup link")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  });
});
