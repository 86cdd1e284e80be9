// Storage key rotation from the Security page: a platform administrator types the confirmation word, the
// rewrap job runs in the access service and the progress bar, polled from the job row, reaches done; the
// history then shows the minimum decryption version raised. N is what the run's other specs created plus three
// licenses made here (tens of keys, not 100 000: tests/integration/storage-rotation.test.ts rotates 100 000 with a restart).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { createLicenseViaApi } from "./license-fixtures";
import { confirmByTyping, expect, newFirstAdminPage, test } from "./support";

const run = randomBytes(3).toString("hex");
let page: Page;

test.describe.serial("storage key rotation on the Security page", () => {
  test.beforeAll(async ({ browser }) => {
    page = await newFirstAdminPage(browser);
    for (const label of ["rota", "rotb", "rotc"]) await createLicenseViaApi(page.request, label, run);
  });
  test.afterAll(async () => {
    await page?.context().close();
  });

  test("a platform admin starts a rotation by typing the word and watches the progress bar reach done", async () => {
    await page.goto("/security");
    const section = page.getByRole("region", { name: "Storage key rotation", exact: true });
    await expect(section).toContainText("Current version k1, minimum decryption version k1.");
    await expect(section.getByText("No rotations yet")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await section.getByRole("button", { name: "Rotate storage keys" }).click();
    await confirmByTyping(page, "Rotate the storage keys?", "Start rotation", "ROTATE");
    await expect(page.getByText("Rotation started")).toBeVisible();

    const bar = section.getByRole("progressbar", { name: "Rotation progress" });
    await expect(bar).toBeVisible();
    await expect(section.getByRole("button", { name: "Rotate storage keys" })).toBeDisabled(); // one at a time
    // The job waits for every access process to follow the new key version (about 6 s), then reseals.
    await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
    await expect(section.getByTestId("rewrap-counts")).toContainText(/(\d[\d,]*) of \1 records · .* · completed/, { timeout: 60_000 });
    await expect(section).toContainText("Current version k2, minimum decryption version k2.");
    const history = section.getByRole("region", { name: "Storage key rotations" });
    await expect(history.getByRole("row").filter({ hasText: "k1 → k2" })).toContainText("raised to k2");
    await expect(section.getByRole("button", { name: "Rotate storage keys" })).toBeEnabled();
    await expectNoAccessibilityViolations(page);
  });

  test("the key inventory shows the old version retired and the new one dated", async () => {
    await page.reload();
    const versions = page.getByRole("region", { name: "Storage key versions" });
    await expect(versions.getByRole("row").filter({ hasText: "k1" })).toContainText("Retired (refused)");
    await expect(versions.getByRole("row").filter({ hasText: "k2" })).toContainText("Current");
  });
});
