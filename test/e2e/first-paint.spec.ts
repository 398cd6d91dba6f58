/**
 * The first paint (renderer/app/firstPaint.ts, plain DOM) draws the month's real rows before MUI and the
 * app's code have loaded. Here the app's code is held back (its chunk refused), so what shows is
 * the first paint alone: it must carry the real rows, in the saved language, and open a sheet.
 */
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { callHttp } from './http.ts';

const PERIOD = '2026-10';

test('before the app has loaded, the first paint shows the real rows and opens a sheet', async ({ page, app }) => {
  await callHttp(app.origin, app.token, 'demo.load', {});
  await callHttp(app.origin, app.token, 'user.set', { name: '王芳', chainRole: 'hr', regionId: null });
  await callHttp(app.origin, app.token, 'settings.setLanguage', { language: 'en' });
  const rows = await callHttp(app.origin, app.token, 'sheets.month', { period: PERIOD });

  // The order of the month's requests: the first rows, and only once they have answered, the whole
  // list — read from the requests' own timings (Playwright's request and response events may arrive
  // in either order when the machine is busy).
  const monthRequests: Request[] = [];
  page.on('request', (request) => {
    if ((request.postData() ?? '').includes('"sheets.month"')) monthRequests.push(request);
  });
  const kind = (request: Request) => ((request.postData() ?? '').includes('"limit"') ? 'first rows' : 'whole list');
  let appRequested = false;
  await page.route(/\/assets\/App-[^/]*\.js$/, (route) => {
    appRequested = true;
    return route.abort();
  });
  await page.goto(`${app.url}#/scoring/${PERIOD}`);

  const grid = page.getByTestId('month-grid');
  const first = grid.locator('[role="row"][data-rowindex="0"]');
  await expect(first).toContainText(rows[0]!.employeeNo);
  await expect(first).toContainText(rows[0]!.name);
  await expect(grid.locator('[role="row"][data-rowindex]')).toHaveCount(rows.length);
  await expect(grid.getByRole('columnheader').first()).toHaveText('Employee no.'); // the saved language
  const scored = rows.findIndex((r) => r.monthlyScore !== null);
  await expect(grid.locator(`[role="row"][data-rowindex="${scored}"] [data-field="monthlyScore"]`)).toHaveText(String(rows[scored]!.monthlyScore));
  await expect(page.locator('.MuiAppBar-root')).toHaveCount(0); // still the first paint: no MUI
  await expect(page.getByText('40 people · ')).toBeVisible(); // the counts, once the whole list is in
  expect(monthRequests.map(kind)).toEqual(['first rows', 'whole list']);
  const [firstRows, wholeList] = monthRequests as [Request, Request];
  await firstRows.response();
  const answered = firstRows.timing().startTime + firstRows.timing().responseStart;
  expect(wholeList.timing().startTime).toBeGreaterThanOrEqual(answered);
  expect(appRequested).toBe(true); // it did try to load the app after painting
  // the app's code did not arrive: the first paint says so (and stays usable)
  await expect(page.getByRole('alert')).toContainText('could not finish loading');
  await expect(page.getByRole('alert').getByRole('button', { name: 'Reload' })).toBeVisible();

  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/sheet/${rows[0]!.personId}/${PERIOD}$`));
});

test('the app takes over from the first paint without losing the rows', async ({ page, app }) => {
  await callHttp(app.origin, app.token, 'demo.load', {});
  await callHttp(app.origin, app.token, 'user.set', { name: '王芳', chainRole: 'hr', regionId: null });
  await page.goto(`${app.url}#/scoring/${PERIOD}`);
  await expect(page.locator('.MuiAppBar-root')).toBeVisible();
  await expect(page.getByTestId('month-grid').locator('[role="row"][data-rowindex="0"]')).toBeVisible();
  await expect(page.getByTestId('month-summary')).toContainText('40');
});
