/**
 * Every screen on a laptop, at 1366×768 and 1280×720, in both languages, with the demo loaded (as
 * HR, who sees every screen and every approvals tab): no screen scrolls sideways, the pay grid's
 * total and 工号 columns are on screen without scrolling the grid, a reason for missing pay is
 * shown in full, and the fairness view never calls a scorer below the minimum of sheets in line.
 * Each screen is kept as test-results/screenshots/laptop-<screen>-<size>-<lang>.png for a person
 * to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, firstRun, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const SHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;

/** The month the month grid and the reports open on: the one before today's. */
function lastMonth(): string {
  const d = new Date();
  const p = new Date(d.getFullYear(), d.getMonth() - 1, 1);
  return `${p.getFullYear()}-${String(p.getMonth() + 1).padStart(2, '0')}`;
}

/** The page itself does not scroll sideways (a grid or table may scroll inside itself). */
async function pageOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  // A string runs in the page as it is (this file is type-checked without the DOM library).
  return page.evaluate('({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })') as Promise<{ scrollWidth: number; innerWidth: number }>;
}

/** The element lies within the viewport's width and within its container's (no scrolling needed to see it). */
async function within(locator: Locator, container: Locator, page: Page): Promise<string | null> {
  const box = await locator.boundingBox();
  const outer = await container.boundingBox();
  const width = page.viewportSize()!.width;
  if (!box || !outer) return 'not laid out';
  if (box.x < outer.x - 1 || box.x + box.width > outer.x + outer.width + 1) return `x ${box.x}…${box.x + box.width} outside its grid ${outer.x}…${outer.x + outer.width}`;
  if (box.x + box.width > width + 1) return `right edge ${box.x + box.width} past the viewport ${width}`;
  return null;
}

/**
 * The band above a grid's column headers, in pixels: none is wanted (an empty toolbar took a row
 * of the grid on a laptop). Also how many toolbars the grid draws.
 */
async function bandAbove(wrapper: Locator): Promise<{ band: number; toolbars: number }> {
  const root = await wrapper.locator('.MuiDataGrid-root').first().boundingBox();
  const headers = await wrapper.locator('.MuiDataGrid-columnHeaders').first().boundingBox();
  const toolbars = await wrapper.locator('.MuiDataGrid-toolbar, [role="toolbar"]').count();
  // The grid's own border (1 px) is no band.
  return { band: root && headers ? Math.max(0, Math.round(headers.y - root.y) - 1) : -1, toolbars };
}

test('laptop screens: every screen at 1366×768 and 1280×720 in both languages fits, the pay total and 工号 in view', async ({ page, app }) => {
  // 68 screens on a machine shared with other runs: up to 15 minutes.
  test.setTimeout(900_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(SIZES[0]);
  await firstRun(page, app.url, { name: '人力资源部 周敏', role: 'hr', demo: true });
  await expect(page.getByTestId('nav-reports')).toBeVisible();

  // A person with a sheet this month, for the sheet editor.
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('month-grid').getByRole('row').nth(1)).toBeVisible();
  const period = lastMonth();
  const month = await callHttp(app.origin, app.token, 'sheets.month', { period });
  const scored = month.find((r) => r.status !== 'not-started') ?? month[0]!;

  for (const size of SIZES) {
    await page.setViewportSize(size);
    const sz = `${size.width}x${size.height}`;
    for (const lang of ['zh', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).first().click();
      const shot = async (screen: string) => {
        await page.waitForTimeout(150); // let a grid finish laying out its columns
        await page.screenshot({ path: `${SHOTS}/laptop-${screen}-${sz}-${lang}.png` });
        const o = await pageOverflow(page);
        expect.soft(o.scrollWidth, `${screen} at ${sz} (${lang}) scrolls sideways`).toBeLessThanOrEqual(o.innerWidth);
      };
      const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

      await page.getByTestId('nav-scoring').click();
      await expect(page.getByTestId('month-grid').getByRole('row').nth(1)).toBeVisible();
      await shot('month');
      expect.soft(await bandAbove(page.getByTestId('month-grid')), `the month grid's band above its headers at ${sz} (${lang})`).toEqual({ band: 0, toolbars: 0 });

      await go(`#/sheet/${scored.personId}/${period}`);
      await expect(page.getByTestId('total-monthly')).toBeVisible();
      await shot('sheet');

      await page.getByTestId('nav-roster').click();
      for (const tab of ['people', 'regions', 'import', 'figures']) {
        await page.getByTestId(`roster-tab-${tab}`).click();
        if (tab === 'people') await expect(page.getByTestId('roster-grid').getByRole('row').nth(1)).toBeVisible();
        await shot(`roster-${tab}`);
        if (tab === 'people') expect.soft(await bandAbove(page.getByTestId('roster-grid')), `the people grid's band above its headers at ${sz} (${lang})`).toEqual({ band: 0, toolbars: 0 });
      }

      await page.getByTestId('nav-rubrics').click();
      await expect(page.locator('[data-testid^="rubric-item-"]').first()).toBeVisible();
      await shot('rubrics');

      await page.getByTestId('nav-approvals').click();
      for (const tab of ['inbox', 'hr', 'returns']) {
        await page.getByTestId(`approvals-tab-${tab}`).click();
        await shot(`approvals-${tab}`);
      }

      await page.getByTestId('nav-reports').click();
      await page.getByTestId('reports-tab-pay').click();
      const grid = page.getByTestId('pay-grid');
      await expect(grid.locator('[role="row"][data-id]').first()).toBeVisible();
      await shot('reports-pay');
      // The total and the employee number are on screen without scrolling the grid sideways.
      for (const field of ['total', 'employeeNo']) {
        const header = grid.locator(`[role="columnheader"][data-field="${field}"]`);
        await expect.soft(header, `pay grid ${field} column at ${sz} (${lang})`).toBeVisible();
        if (await header.count()) expect.soft(await within(header, grid, page), `pay grid ${field} column at ${sz} (${lang})`).toBeNull();
      }
      // A reason for missing pay is shown in full: not cut off in its cell.
      const missing = grid.locator('[data-missing]').first();
      if (await missing.count()) {
        const cut = await missing.evaluate((el) => {
          const box = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
          return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        });
        expect.soft(cut, `a missing-pay reason is cut at ${sz} (${lang}): ${await missing.textContent()}`).toBe(false);
      }

      await page.getByTestId('reports-tab-annual').click();
      await expect(page.getByTestId('annual-grid')).toBeVisible();
      await shot('reports-annual');
      // 工号 beside each name, and December still on screen without scrolling the grid.
      const annual = page.getByTestId('annual-grid');
      for (const field of ['employeeNo', 'm12']) {
        const header = annual.locator(`[role="columnheader"][data-field="${field}"]`);
        await expect.soft(header, `annual grid ${field} column at ${sz} (${lang})`).toBeVisible();
        if (await header.count()) expect.soft(await within(header, annual, page), `annual grid ${field} column at ${sz} (${lang})`).toBeNull();
      }
      await page.getByTestId('reports-tab-kpis').click();
      await expect(page.getByTestId('kpi-grid')).toBeVisible();
      await shot('reports-kpis');
      await page.getByTestId('reports-tab-dashboard').click();
      await expect(page.locator('svg').first()).toBeVisible();
      await shot('reports-dashboard');
      await page.getByTestId('reports-tab-fairness').click();
      await expect(page.getByTestId('fairness-view')).toBeVisible();
      await shot('reports-fairness');

      await page.getByTestId('nav-signatures').click();
      await shot('signatures');
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('audit-table')).toBeVisible();
      await shot('settings');
    }
  }
  expect(errors).toEqual([]);
});

test('fairness: a scorer below the minimum of sheets is “too few sheets”, never 正常', async ({ page, app }) => {
  await firstRun(page, app.url, { name: '人力资源部 周敏', role: 'hr', demo: true });
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-tab-fairness').click();
  const period = lastMonth();
  const report = await callHttp(app.origin, app.token, 'reports.fairness', { period });
  const few = report.calibration.filter((r) => r.count < 5);
  expect(few.length, 'the demo has a scorer with fewer than 5 sheets this month').toBeGreaterThan(0);
  const rows = page.getByTestId('calibration-row');
  await expect(rows).toHaveCount(report.calibration.length);
  for (const lang of ['zh', 'en'] as const) {
    await page.getByTestId(`lang-${lang}`).first().click();
    for (let i = 0; i < report.calibration.length; i++) {
      const row = rows.nth(i);
      const count = Number(await row.locator('td').first().textContent());
      if (count >= 5) continue;
      await expect(row).not.toContainText(lang === 'zh' ? '正常' : 'In line');
      await expect(row).toContainText(lang === 'zh' ? '样本不足' : 'Too few sheets');
    }
  }
});
