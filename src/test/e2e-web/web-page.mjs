// Drives supervisor4j's web page in Debian's Chromium (playwright-core, no downloaded browser).
// Usage: node web-page.mjs <baseUrl> <username> <password> <screenshotDir>
// Prints "PASS <check> <detail>" per check; exits non-zero with "FAIL ..." on the first failed check.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, username, password, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: node web-page.mjs <baseUrl> <username> <password> <screenshotDir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const TIMEOUT = 30_000;
const auth = 'Basic ' + Buffer.from(username + ':' + password).toString('base64');

function pass(check, detail = '') { console.log('PASS ' + check + (detail ? ' ' + detail : '')); }

async function xmlrpc(method, ...params) {
  const value = (p) => typeof p === 'boolean' ? `<boolean>${p ? 1 : 0}</boolean>` : `<string>${p}</string>`;
  const body = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>` +
    params.map((p) => `<param><value>${value(p)}</value></param>`).join('') + '</params></methodCall>';
  const res = await fetch(base + '/RPC2', { method: 'POST', body, headers: { 'Content-Type': 'text/xml', Authorization: auth } });
  const text = await res.text();
  if (!res.ok || text.includes('<fault>')) throw new Error(`XML-RPC ${method} failed: ${res.status} ${text}`);
  return text;
}

const row = (page, ns) => page.locator(`tr.proc[data-process="${ns}"]`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // Playwright gives every launch a fresh, empty user data dir of its own (it refuses --user-data-dir here)
});
try {
  // 1. a wrong password (and none) is refused
  for (const [label, creds] of [['wrong-password', { username, password: password + 'x' }], ['no-credentials', null]]) {
    const ctx = await browser.newContext(creds ? { httpCredentials: { ...creds, send: 'always' } } : {});
    const page = await ctx.newPage();
    // Chromium either shows the 401 page or, with no credentials to offer, aborts the navigation
    const status = await page.goto(base + '/').then((r) => r.status(),
      (e) => /ERR_INVALID_AUTH_CREDENTIALS/.test(e.message) ? 401 : Promise.reject(e));
    if (status !== 401) throw new Error(`${label}: expected 401, got ${status}`);
    if (await page.locator('#procs').count() !== 0) throw new Error(`${label}: the table was served`);
    const api = await ctx.request.get(base + '/api/v1/processes');
    if (api.status() !== 401) throw new Error(`${label}: API expected 401, got ${api.status()}`);
    await ctx.close();
    pass(label, 'refused with 401');
  }

  // 2. the page loads and shows the live table
  const ctx = await browser.newContext({ httpCredentials: { username, password, send: 'always' }, viewport: { width: 1200, height: 760 } });
  ctx.setDefaultTimeout(TIMEOUT);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('PAGE ERROR ' + e.message));
  await page.goto(base + '/');
  await row(page, 'ticker').and(page.locator('[data-state="RUNNING"]')).waitFor();
  await row(page, 'sleeper').and(page.locator('[data-state="RUNNING"]')).waitFor();
  await page.locator('#live:not(.off)').waitFor();
  pass('page-loads', 'ticker and sleeper RUNNING');

  // 3. a stop through XML-RPC shows up without a reload
  await page.evaluate(() => { window.__notReloaded = true; });
  await xmlrpc('supervisor.stopProcess', 'sleeper', true);
  await row(page, 'sleeper').and(page.locator('[data-state="STOPPED"]')).waitFor();
  if (!await page.evaluate(() => window.__notReloaded)) throw new Error('page was reloaded');
  pass('xmlrpc-stop-seen', 'sleeper STOPPED on the open page');

  // 4. the failure reason of a crashing program is shown
  const reason = await row(page, 'crash').locator('.reason').textContent();
  if (!/exit/i.test(reason)) throw new Error('no failure reason for crash: ' + reason);
  // the description carries the reason too (descriptions=supervisor4j): the page shows it once
  const descText = await row(page, 'crash').locator('.desc .text').textContent();
  if (/exit/i.test(descText)) throw new Error('reason shown twice for crash: ' + JSON.stringify(descText));
  pass('failure-reason', JSON.stringify(reason.trim()));
  await page.screenshot({ path: join(shots, 'desktop.png'), fullPage: true });

  // 5. restart gives a new pid
  const pidBefore = (await row(page, 'ticker').locator('td.pid').textContent()).trim();
  await row(page, 'ticker').locator('button[data-action="restart"]').click();
  await page.waitForFunction((old) => {
    const r = document.querySelector('tr.proc[data-process="ticker"]');
    return r && r.dataset.state === 'RUNNING' && r.querySelector('td.pid').textContent.trim() !== old;
  }, pidBefore, { timeout: TIMEOUT });
  const pidAfter = (await row(page, 'ticker').locator('td.pid').textContent()).trim();
  await page.locator('#message', { hasText: 'Restart ticker' }).waitFor();
  pass('restart-new-pid', `${pidBefore} -> ${pidAfter}`);

  // 6. the log view follows a line the child writes after it was opened
  await row(page, 'echoer').locator('button[data-action="log"]').click();
  await page.locator('#logview').waitFor();
  const marker = 'marker-' + Date.now();
  await xmlrpc('supervisor.sendProcessStdin', 'echoer', marker + '\n');
  await page.locator('#logtext', { hasText: 'got: ' + marker }).waitFor();
  pass('log-follow', 'saw "got: ' + marker + '"');

  // 7. paging back: the log of "chatty" is larger than one page
  await row(page, 'chatty').locator('button[data-action="log"]').click();
  await page.locator('#logtext', { hasText: 'line 4000' }).waitFor();
  await page.locator('#logolder').click();
  await page.locator('#logtext', { hasText: 'line 3000 ' }).waitFor();
  pass('log-page-back', 'older bytes prepended');
  await page.screenshot({ path: join(shots, 'log.png'), fullPage: true });
  await ctx.close();

  // 8. a phone-width layout
  const phone = await browser.newContext({ httpCredentials: { username, password, send: 'always' },
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  await small.goto(base + '/');
  await row(small, 'ticker').waitFor({ timeout: TIMEOUT });
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 2) throw new Error('phone layout scrolls sideways by ' + overflow + ' px');
  await small.screenshot({ path: join(shots, 'phone.png') });
  await phone.close();
  pass('phone-layout', 'no horizontal scrolling at 390 px');
} catch (e) {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
