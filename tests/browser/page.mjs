// The web page in a real browser: Debian's chromium, headless, driven by
// playwright-core.  Prints "ok - NAME" / "not ok - NAME" lines for
// tests/cli/test_browser.sh to count, and saves screenshots in OUT.
//
//   node tests/browser/page.mjs URL OUT PLAYWRIGHT_CORE_DIR
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const [base, out, pwDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve(pwDir));
mkdirSync(out, { recursive: true });

let failed = 0;
function check(name, cond, detail) {
	if (cond) {
		console.log('ok - ' + name);
	} else {
		failed++;
		console.log('not ok - ' + name);
		if (detail !== undefined)
			console.log('    ' + String(detail).slice(0, 400));
	}
}

const origin = new URL(base).origin;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

// Every page of the test is watched: requests to other hosts, script
// errors, CSP violations and dialogs (an alert() would mean injected code ran).
function watch(page, log) {
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.protocol !== 'data:' && u.origin !== origin)
			log.foreign.push(r.url());
	});
	page.on('pageerror', (e) => log.errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error')
			log.errors.push(m.text());
	});
	page.on('dialog', async (d) => {
		log.dialogs.push(d.message());
		await d.dismiss();
	});
}

try {
	const log = { foreign: [], errors: [], dialogs: [] };
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
	const page = await context.newPage();
	watch(page, log);

	// ---- the page loads, right to left ----
	const response = await page.goto(base, { waitUntil: 'networkidle' });
	check('the page loads', response && response.status() === 200, response && response.status());
	check('the page is Arabic, right to left',
		await page.evaluate(() => document.documentElement.lang === 'ar' &&
			document.documentElement.dir === 'rtl' &&
			getComputedStyle(document.body).direction === 'rtl'));
	const csp = response.headers()['content-security-policy'] || '';
	check('the page is served with a CSP that forbids inline script',
		/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), csp);
	check('the source filter lists the outlets',
		await page.locator('#source option').count() > 3);

	// ---- keyboard: skip link first, then the search box ----
	await page.keyboard.press('Tab');
	check('the first Tab reaches the skip link',
		await page.evaluate(() => document.activeElement.classList.contains('skip')));
	let reached = false;
	for (let i = 0; i < 8 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await page.evaluate(() => document.activeElement.id === 'q');
	}
	check('the search box is reachable by keyboard', reached);

	// ---- a search typed and sent with Enter ----
	await page.keyboard.type('محطة تحلية');
	await page.keyboard.press('Enter');
	await page.waitForSelector('.hit');
	const hits = await page.locator('.hit').count();
	check('an Arabic search gives results', hits >= 1, hits);
	check('each result has a title, a source and a snippet',
		await page.evaluate(() => Array.from(document.querySelectorAll('.hit')).every((h) =>
			h.querySelector('h2 a').textContent.trim() && h.querySelector('.source').textContent.trim() &&
			h.querySelector('.snippet').textContent.trim())));
	const marks = await page.locator('.hit .snippet mark').allTextContents();
	check('the snippets mark the words found',
		marks.length > 0 && marks.every((m) => /تحلي|محط/.test(m.normalize('NFKC'))), marks.join('|'));
	const copies = await page.locator('.hit .copies').allTextContents();
	check('a story in four outlets shows +3 copies', copies.some((c) => c.includes('+3')), copies.join('|'));
	check('the search is in the address',
		new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('q') === 'محطة تحلية',
		page.url());
	await page.screenshot({ path: path.join(out, 'search.png'), fullPage: true });

	// ---- the article of the story with copies ----
	const withCopies = page.locator('.hit', { has: page.locator('.copies') }).first();
	const title = (await withCopies.locator('h2 a').textContent()).trim();
	await withCopies.locator('h2 a').click();
	await page.waitForSelector('#doc-title');
	check('the article view shows its title', (await page.locator('#doc-title').textContent()).trim() === title);
	check('the article view shows the cleaned text',
		(await page.locator('.doc-text').textContent()).length > 200);
	check('the article view shows the metadata found',
		(await page.locator('.doc-meta').textContent()).includes('2019'));
	check('the removed lines are hidden at first', await page.locator('#removed-list').isHidden());
	await page.locator('#toggle-removed').click();
	check('the toggle shows what cleaning removed', await page.locator('#removed-list').isVisible());
	const reasons = await page.locator('#removed-list .reason').allTextContents();
	check('each removed line has its reason', reasons.length > 0 && reasons.every((r) => r.trim()),
		reasons.join('|'));
	check('the toggle says it is open',
		await page.locator('#toggle-removed').getAttribute('aria-expanded') === 'true');
	const copyLinks = await page.locator('.copy-list li a').count();
	check('the copies in other outlets are listed', copyLinks === 3, copyLinks);
	await page.screenshot({ path: path.join(out, 'article.png'), fullPage: true });

	// back to the results, then a copy
	await page.goBack();
	await page.waitForSelector('.hit');
	check('back returns to the results', await page.locator('.hit').count() === hits);

	// ---- a page with teasers: its fragments ----
	await page.goto(base + '#/search?q=' + encodeURIComponent('الطرق'));
	await page.waitForSelector('#status:not(:empty)');
	await page.goto(base + '#/doc/20');
	await page.waitForSelector('#doc-title');
	check('a page lists the stories cut from it', await page.locator('.fragments li a').count() >= 1,
		await page.locator('.fragments').count());

	// ---- untrusted article text stays text ----
	await page.goto(base + '#/search?q=' + encodeURIComponent('مرصدالحقن'));
	await page.waitForSelector('.hit');
	await page.locator('.hit h2 a').first().click();
	await page.waitForSelector('#doc-title');
	await page.waitForTimeout(300);
	const inert = await page.evaluate(() => ({
		flag: window.__marsadInjected,
		scripts: document.querySelectorAll('#view script').length,
		images: document.querySelectorAll('#view img, select img, option img').length,
		handlers: Array.from(document.querySelectorAll('#view *')).some((e) =>
			Array.from(e.attributes).some((a) => a.name.startsWith('on'))),
		jsLinks: Array.from(document.querySelectorAll('a')).filter((a) =>
			/^\s*javascript:/i.test(a.getAttribute('href') || '')).length,
		text: document.querySelector('.doc-text').textContent,
		title: document.querySelector('#doc-title').textContent,
		url: document.querySelector('.doc-meta').textContent,
	}));
	check('no injected code ran', inert.flag === undefined && log.dialogs.length === 0,
		JSON.stringify({ flag: inert.flag, dialogs: log.dialogs }));
	check('<script> in an article is shown as text, not run',
		inert.scripts === 0 && inert.text.includes("<script>window.__marsadInjected = 1;") &&
		inert.title.includes('<script>'), inert.text);
	check('<img onerror> in an article is shown as text',
		inert.images === 0 && !inert.handlers && inert.text.includes('<img src=x onerror='));
	check('a javascript: link in an article is no link',
		inert.jsLinks === 0 && inert.text.includes('href="javascript:') && inert.url.includes("javascript:alert('url')"));
	await page.screenshot({ path: path.join(out, 'untrusted.png'), fullPage: true });

	// ---- the overview ----
	await page.locator('#nav-overview').click();
	await page.waitForSelector('.histogram svg rect');
	check('the overview shows the counts', await page.locator('.counts div').count() >= 6);
	check('the overview has a histogram of documents over time',
		await page.locator('.histogram svg rect').count() > 3);
	await page.screenshot({ path: path.join(out, 'overview.png'), fullPage: true });
	const months = await page.locator('.histogram svg rect').count();
	await page.locator('#histogram-unit').selectOption('10');
	const days = await page.locator('.histogram svg rect').count();
	check('the histogram shows a bar a day when asked (2017-01-11 to 2021-08-10)',
		days === 1673 && months === 56, `${days} days, ${months} months`);
	check('the overview lists the sources', await page.locator('table.sources tbody tr').count() >= 6);
	check('the overview lists the groups of copies', await page.locator('.groups li').count() >= 1);

	check('no request went to another host', log.foreign.length === 0, log.foreign.join(' '));
	check('no script error or CSP violation on the page', log.errors.length === 0, log.errors.join(' | '));

	// (the browser logs the 400 itself as an error: checked after the above)
	check('a bad query is explained, not a blank page', await (async () => {
		await page.goto(base + '#/search?q=' + encodeURIComponent('"غير مغلق'));
		await page.waitForSelector('.error');
		return /quote/.test(await page.locator('.error').textContent());
	})());
	await context.close();

	// ---- a phone ----
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, deviceScaleFactor: 2 });
	const small = await phone.newPage();
	const phoneLog = { foreign: [], errors: [], dialogs: [] };
	watch(small, phoneLog);
	await small.goto(base + '#/search?q=' + encodeURIComponent('البنزين'));
	await small.waitForSelector('.hit');
	const fits = await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
	check('on a phone the results fit the width', fits);
	await small.screenshot({ path: path.join(out, 'phone-search.png') });
	await small.locator('.hit h2 a').first().click();
	await small.waitForSelector('#doc-title');
	check('on a phone the article fits the width',
		await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
	await small.screenshot({ path: path.join(out, 'phone-article.png'), fullPage: true });
	check('no script error on the phone', phoneLog.errors.length === 0, phoneLog.errors.join(' | '));
	await phone.close();
} catch (e) {
	check('the browser test ran to its end', false, e.stack || e);
} finally {
	await browser.close();
}
process.exit(failed ? 1 : 0);
