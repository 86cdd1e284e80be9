// WCAG 2.1 AA checks with axe-core on the page as it is now (once its streamed title has arrived).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectNoAccessibilityViolations(page: Page) {
  // Next.js streams a page's <title> after its body (streaming metadata): check the page once it has one,
  // not in the moment before it arrives. A page that never gets one still fails, here, after the wait.
  await expect(page, "the page has a title").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}
