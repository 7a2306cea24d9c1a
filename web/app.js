// Marsad's page: search, article and overview views over the JSON API.
//
// Everything an article holds (title, text, source, snippet, removed
// lines, URL) comes from scraped pages and is untrusted: it enters the
// document only as text nodes (el() below, textContent), never as markup,
// and a URL becomes a link only when it is http or https.
'use strict';

(function () {
	const view = document.getElementById('view');
	const status = document.getElementById('status');
	const form = document.getElementById('search');
	const fields = {
		q: document.getElementById('q'),
		from: document.getElementById('from'),
		to: document.getElementById('to'),
		source: document.getElementById('source'),
		sort: document.getElementById('sort'),
	};
	const numbers = new Intl.NumberFormat('ar-u-nu-latn');
	const days = new Intl.DateTimeFormat('ar-u-nu-latn',
		{ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
	let lastSearch = '#/';
	// a response that arrives after the user moved on is dropped
	let generation = 0;

	const reasons = {
		'repeat': 'تكرار',
		'boilerplate': 'من هيكل الموقع',
		'source line': 'سطر يتكرر في المصدر',
		'publication line': 'سطر النشر',
		'byline': 'سطر الكاتب',
		'credit': 'نسبة إلى وكالة',
		'fragment': 'خبر آخر في الصفحة',
	};
	const relations = {
		'exact copy': 'نسخة مطابقة',
		'near copy': 'نسخة قريبة',
		'contained in': 'مضمَّن في',
		'contains': 'يتضمن',
	};
	const kinds = {
		'article': 'مقال',
		'teaser': 'مقتطف',
		'page-article': 'مقال من الصفحة',
	};

	// el('p', {class: 'x'}, 'text', child, ...): strings become text nodes.
	function el(tag, attrs, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attrs || {})) {
			if (value === null || value === undefined || value === false)
				continue;
			node.setAttribute(name, value === true ? '' : String(value));
		}
		for (const child of children) {
			if (child === null || child === undefined || child === false)
				continue;
			node.append(typeof child === 'string' || typeof child === 'number'
				? document.createTextNode(String(child)) : child);
		}
		return node;
	}

	function docLink(id, text) {
		return el('a', { href: '#/doc/' + Number(id) }, text || 'بلا عنوان');
	}

	function number(n) {
		return numbers.format(n);
	}

	function dateText(iso) {
		if (!iso)
			return '';
		const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
		if (!m)
			return iso;
		const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
		if (isNaN(d))
			return iso;
		return days.format(d) + (m[4] ? ' ' + m[4] : '');
	}

	function timeEl(iso) {
		return iso ? el('time', { datetime: iso }, dateText(iso)) : null;
	}

	// Arabic counts: 1 نسخة، 2 نسختان، 3–10 نسخ، 11 فما فوق نسخة
	function copiesWord(n) {
		return n === 1 ? 'نسخة' : n === 2 ? 'نسختان' : n <= 10 ? 'نسخ' : 'نسخة';
	}

	// "+N" reads left to right, as signed numbers do in Arabic text too
	function copiesEl(cls, n) {
		return el('span', { class: cls }, el('bdi', { dir: 'ltr' }, '+' + number(n)), ' ' + copiesWord(n));
	}

	function say(text, isError) {
		status.textContent = text;
		status.classList.toggle('error', !!isError);
	}

	async function api(path) {
		const response = await fetch(path, { headers: { Accept: 'application/json' } });
		let body = null;
		try {
			body = await response.json();
		} catch (e) {
			body = null;
		}
		if (!response.ok) {
			const message = body && body.error && body.error.message
				? body.error.message : 'HTTP ' + response.status;
			const err = new Error(message);
			err.status = response.status;
			throw err;
		}
		return body;
	}

	function show(...nodes) {
		view.replaceChildren(...nodes.filter(Boolean));
	}

	function focusHeading() {
		const h = view.querySelector('h1');
		if (h) {
			h.setAttribute('tabindex', '-1');
			h.focus({ preventScroll: false });
		}
	}

	function markCurrent(name) {
		for (const [id, current] of [['nav-search', name === 'search'],
			['nav-overview', name === 'overview']]) {
			const a = document.getElementById(id);
			if (current)
				a.setAttribute('aria-current', 'page');
			else
				a.removeAttribute('aria-current');
		}
	}

	// ---- search ----

	// The snippet with its highlights, which count code points, not
	// UTF-16 units.
	function snippetEl(snippet, highlights) {
		const p = el('p', { class: 'snippet' });
		const chars = Array.from(snippet || '');
		let at = 0;
		for (const [start, end] of highlights || []) {
			if (start < at || end > chars.length || start >= end)
				continue;
			p.append(chars.slice(at, start).join(''));
			p.append(el('mark', null, chars.slice(start, end).join('')));
			at = end;
		}
		p.append(chars.slice(at).join(''));
		return p;
	}

	function hitEl(hit) {
		const meta = el('p', { class: 'meta' },
			el('bdi', { class: 'source' }, hit.source || 'مصدر غير معروف'));
		if (hit.published)
			meta.append(' · ', timeEl(hit.published));
		if (hit.copies > 1)
			meta.append(' · ', copiesEl('copies', hit.copies - 1));
		return el('li', { class: 'hit' },
			el('h2', null, docLink(hit.id, hit.title)),
			meta,
			snippetEl(hit.snippet, hit.highlights));
	}

	function searchHash(params) {
		const clean = new URLSearchParams();
		for (const [k, v] of Object.entries(params))
			if (v !== '' && v !== null && v !== undefined && !(k === 'sort' && v === 'rank') &&
			    !(k === 'page' && String(v) === '1'))
				clean.set(k, v);
		return '#/search?' + clean.toString();
	}

	function fillForm(params) {
		for (const name of ['q', 'from', 'to', 'source', 'sort']) {
			const value = params.get(name) || (name === 'sort' ? 'rank' : '');
			if (name === 'source' && value &&
			    !Array.from(fields.source.options).some((o) => o.value === value))
				fields.source.append(el('option', { value: value }, value));
			fields[name].value = value;
		}
	}

	async function runSearch(params, mine) {
		fillForm(params);
		const q = params.get('q') || '';
		if (!q.trim()) {
			showHome();
			return;
		}
		lastSearch = location.hash;
		document.title = q + ' — مرصد';
		say('جارٍ البحث…');
		const query = new URLSearchParams();
		for (const name of ['q', 'from', 'to', 'source', 'sort', 'page'])
			if (params.get(name))
				query.set(name, params.get(name));
		let r;
		try {
			r = await api('/api/search?' + query.toString());
		} catch (e) {
			if (mine !== generation)
				return;
			say('', false);
			show(el('h1', null, 'تعذّر البحث'), el('p', { class: 'error', role: 'alert' }, e.message));
			return;
		}
		if (mine !== generation)
			return;
		const first = (r.page - 1) * r.limit + 1;
		const summary = r.total
			? number(r.total) + ' نتيجة، من ' + number(first) + ' إلى ' +
			  number(first + r.results.length - 1)
			: 'لا نتائج';
		say(summary + (r.sort === 'date' ? ' (الأحدث أولاً)' : ''));
		const nodes = [el('h1', { class: 'visually-hidden' }, 'نتائج البحث عن ' + q)];
		if (r.mode === 'any-fallback')
			nodes.push(el('p', { class: 'note' },
				'لا وثيقة تضم كل الكلمات؛ هذه تضم بعضها.'));
		if (r.results.length) {
			const list = el('ol', { class: 'results', start: first });
			for (const hit of r.results)
				list.append(hitEl(hit));
			nodes.push(list);
		}
		if (r.pages > 1) {
			const pager = el('nav', { class: 'pager', 'aria-label': 'صفحات النتائج' });
			const base = Object.fromEntries(params.entries());
			if (r.page > 1)
				pager.append(el('a', { href: searchHash({ ...base, page: r.page - 1 }), rel: 'prev' },
					'→ السابق'));
			pager.append(el('span', null, 'الصفحة ' + number(r.page) + ' من ' + number(r.pages)));
			if (r.page < r.pages)
				pager.append(el('a', { href: searchHash({ ...base, page: r.page + 1 }), rel: 'next' },
					'التالي ←'));
			nodes.push(pager);
		}
		show(...nodes);
	}

	function showHome() {
		document.title = 'مرصد — أرشيف الأخبار';
		say('');
		show(el('h1', null, 'ابحث في أرشيف الأخبار'),
			el('p', { class: 'lead' },
				'يجد البحث الكلمة بكل أشكال كتابتها (سوريا وسورية، مسؤول ومسئول) ' +
				'ويعرض الخبر المنقول في عدة منافذ نتيجةً واحدة.'),
			el('p', null, el('a', { href: '#/overview' }, 'نظرة عامة على الأرشيف')));
	}

	// ---- an article ----

	function metaList(d) {
		const dl = el('dl', { class: 'doc-meta' });
		function row(label, value) {
			if (value === null || value === undefined || value === '')
				return;
			dl.append(el('div', null, el('dt', null, label), el('dd', null, value)));
		}
		row('المصدر', d.source);
		row('تاريخ النشر', d.published ? timeEl(d.published) : null);
		row('التاريخ الهجري', d.published_hijri);
		row('الوكالة', d.agency);
		row('مكان الخبر', d.dateline);
		row('الكاتب', d.author);
		row('الرابط', d.url ? urlEl(d.url) : null);
		row('النوع', kinds[d.kind] || d.kind);
		row('الملف', el('span', null, el('bdi', { dir: 'ltr' }, d.file + (d.line ? ':' + d.line : '')),
			' (', el('bdi', { dir: 'ltr' }, d.encoding || '?'), '، ' + number(d.raw_bytes) + ' بايت)'));
		return dl;
	}

	// A link only to a web address; anything else (javascript:, data:)
	// stays text.
	function urlEl(url) {
		let parsed = null;
		try {
			parsed = new URL(url);
		} catch (e) {
			parsed = null;
		}
		if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:'))
			return el('a', { href: parsed.href, rel: 'noopener noreferrer nofollow',
				target: '_blank', dir: 'ltr' }, url);
		return el('bdi', { dir: 'ltr' }, url);
	}

	function textEl(text) {
		const div = el('div', { class: 'doc-text' });
		for (const para of (text || '').split(/\n{2,}/)) {
			if (!para.trim())
				continue;
			const p = el('p');
			const lines = para.split('\n');
			lines.forEach((line, i) => {
				if (i)
					p.append(el('br'));
				p.append(line);
			});
			div.append(p);
		}
		return div;
	}

	function removedEl(d) {
		const n = d.removed.length;
		const section = el('section', { class: 'removed', 'aria-labelledby': 'removed-title' });
		const button = el('button', { type: 'button', id: 'toggle-removed',
			'aria-expanded': 'false', 'aria-controls': 'removed-list' },
		n ? 'أظهر ما حذفه التنظيف (' + number(n) + ')' : 'لم يحذف التنظيف شيئاً');
		if (!n)
			button.disabled = true;
		const list = el('ol', { id: 'removed-list', class: 'removed-list', hidden: true });
		for (const span of d.removed)
			list.append(el('li', null,
				el('span', { class: 'reason', title: span.reason }, reasons[span.reason] || span.reason),
				' ', el('span', { class: 'removed-text' }, span.text)));
		button.addEventListener('click', () => {
			const open = button.getAttribute('aria-expanded') !== 'true';
			button.setAttribute('aria-expanded', String(open));
			list.hidden = !open;
			button.textContent = (open ? 'أخفِ ما حذفه التنظيف (' : 'أظهر ما حذفه التنظيف (') +
				number(n) + ')';
		});
		section.append(el('h2', { id: 'removed-title', class: 'visually-hidden' }, 'ما حذفه التنظيف'),
			button, list);
		return section;
	}

	function briefEl(b) {
		const li = el('li', null, docLink(b.id, b.title));
		const meta = [b.source, b.published ? dateText(b.published) : null,
			b.relation ? relations[b.relation] || b.relation : null,
			typeof b.similarity === 'number' ? 'تشابه ' + Math.round(b.similarity * 100) + '٪' : null]
			.filter(Boolean);
		if (meta.length)
			li.append(el('span', { class: 'meta' }, ' — ' + meta.join(' · ')));
		return li;
	}

	function briefsSection(cls, title, list, total) {
		if (!list || !list.length)
			return null;
		const ul = el('ul', { class: 'briefs' });
		for (const b of list)
			ul.append(briefEl(b));
		const more = total > list.length
			? el('p', { class: 'note' }, 'و' + number(total - list.length) + ' غيرها') : null;
		return el('section', { class: cls }, el('h2', null, title + ' (' + number(total) + ')'), ul, more);
	}

	async function showDoc(id, mine) {
		say('جارٍ التحميل…');
		let d;
		try {
			d = await api('/api/doc/' + encodeURIComponent(id));
		} catch (e) {
			if (mine !== generation)
				return;
			say('');
			show(el('h1', null, e.status === 404 ? 'لا توجد هذه الوثيقة' : 'تعذّر التحميل'),
				el('p', { class: 'error', role: 'alert' }, e.message));
			return;
		}
		if (mine !== generation)
			return;
		say('');
		document.title = (d.title || 'وثيقة ' + d.id) + ' — مرصد';
		const contained = (d.duplicates || []).filter((b) =>
			b.relation === 'contained in' || b.relation === 'contains');
		const back = el('p', { class: 'back' }, el('a', { href: lastSearch },
			lastSearch === '#/' ? '→ البحث' : '→ العودة إلى النتائج'));
		const page = d.page ? el('p', { class: 'note' }, 'قُطع هذا الخبر من صفحة: ',
			docLink(d.page.id, d.page.title)) : null;
		show(el('article', { class: 'doc', 'data-id': d.id },
			back,
			el('h1', { id: 'doc-title' }, d.title || 'بلا عنوان'),
			metaList(d),
			page,
			textEl(d.text),
			removedEl(d),
			briefsSection('copy-list', 'الخبر نفسه في منافذ أخرى', d.copies, d.copies_total),
			briefsSection('contained', 'أخبار تتضمنه أو يتضمنها', contained, contained.length),
			briefsSection('fragments', 'أخبار أخرى قُطعت من صفحته', d.fragments, d.fragments_total)));
		focusHeading();
	}

	// ---- the overview ----

	// Documents per day; per month or year at first when the archive spans
	// too long for a bar a day to be seen, with a choice of the three.
	function histogram(perDay) {
		if (!perDay.length)
			return el('p', null, 'لا وثائق مؤرخة.');
		const first = Date.parse(perDay[0].day), last = Date.parse(perDay[perDay.length - 1].day);
		const spanDays = (last - first) / 86400000;
		const box = el('div', { class: 'histogram-box' });
		const choice = el('select', { id: 'histogram-unit' },
			el('option', { value: '10' }, 'يوم'), el('option', { value: '7' }, 'شهر'),
			el('option', { value: '4' }, 'سنة'));
		choice.value = String(spanDays > 3650 ? 4 : spanDays > 366 ? 7 : 10);
		choice.addEventListener('change', () => {
			box.replaceChildren(histogramFigure(perDay, Number(choice.value)));
		});
		box.append(histogramFigure(perDay, Number(choice.value)));
		return el('div', null, el('p', { class: 'histogram-unit' },
			el('label', null, 'عمود لكل ', choice)), box);
	}

	function histogramFigure(perDay, width) {
		const first = Date.parse(perDay[0].day);
		const unit = width === 4 ? 'السنة' : width === 7 ? 'الشهر' : 'اليوم';
		const bins = new Map();
		for (const { day, documents } of perDay) {
			const key = day.slice(0, width);
			bins.set(key, (bins.get(key) || 0) + documents);
		}
		// every day, month or year of the span, the empty ones too: the
		// bars are a time axis
		const entries = [];
		const at = new Date(first);
		const end = perDay[perDay.length - 1].day.slice(0, width);
		for (;;) {
			const key = at.toISOString().slice(0, width);
			entries.push([key, bins.get(key) || 0]);
			if (key >= end || entries.length > 20000)
				break;
			if (width === 10)
				at.setUTCDate(at.getUTCDate() + 1);
			else if (width === 7)
				at.setUTCMonth(at.getUTCMonth() + 1, 1);
			else
				at.setUTCFullYear(at.getUTCFullYear() + 1, 0, 1);
		}
		const max = Math.max(...entries.map((e) => e[1]));
		const ns = 'http://www.w3.org/2000/svg';
		const h = 120, barW = 10, gap = 2;
		const svg = document.createElementNS(ns, 'svg');
		svg.setAttribute('viewBox', '0 0 ' + entries.length * (barW + gap) + ' ' + h);
		svg.setAttribute('preserveAspectRatio', 'none');
		svg.setAttribute('role', 'img');
		svg.setAttribute('aria-label', 'عدد الوثائق في كل ' + unit.slice(2) + ' من ' +
			entries[0][0] + ' إلى ' + entries[entries.length - 1][0] + '، أعلاها ' + number(max));
		entries.forEach(([key, n], i) => {
			const bh = n ? Math.max(1, Math.round(n / max * (h - 4))) : 0;
			const rect = document.createElementNS(ns, 'rect');
			rect.setAttribute('x', i * (barW + gap));
			rect.setAttribute('y', h - bh);
			rect.setAttribute('width', barW);
			rect.setAttribute('height', bh);
			const title = document.createElementNS(ns, 'title');
			title.textContent = key + ': ' + number(n);
			rect.append(title);
			svg.append(rect);
		});
		const table = el('table', null, el('thead', null, el('tr', null,
			el('th', { scope: 'col' }, unit), el('th', { scope: 'col' }, 'الوثائق'))));
		const body = el('tbody');
		for (const [key, n] of entries.filter((e) => e[1]))
			body.append(el('tr', null, el('td', null, el('bdi', { dir: 'ltr' }, key)), el('td', null, number(n))));
		table.append(body);
		return el('figure', { class: 'histogram' },
			el('div', { class: 'chart', dir: 'ltr' }, svg),
			el('figcaption', null, 'الوثائق في كل ' + unit.slice(2) + ': ',
				el('bdi', { dir: 'ltr' }, entries[0][0]), ' — ',
				el('bdi', { dir: 'ltr' }, entries[entries.length - 1][0])),
			el('details', null, el('summary', null, 'الأرقام جدولاً'), table));
	}

	function countsEl(s) {
		const dl = el('dl', { class: 'counts' });
		for (const [label, value] of [
			['الوثائق', s.documents], ['المقالات', s.articles], ['المقتطفات', s.teasers],
			['المصادر', s.sources], ['بتاريخ نشر', s.dated], ['بعنوان', s.titled],
			['ما حذفه التنظيف (سطور)', s.removed_spans],
			['النص المنظّف (ميغابايت)', Math.round(s.text_bytes / 1048576 * 10) / 10]])
			dl.append(el('div', null, el('dt', null, label), el('dd', null, number(value))));
		return dl;
	}

	function sourcesEl(list) {
		const max = Math.max(1, ...list.map((s) => s.documents));
		const table = el('table', { class: 'sources' }, el('thead', null, el('tr', null,
			el('th', { scope: 'col' }, 'المصدر'), el('th', { scope: 'col' }, 'الوثائق'),
			el('th', { scope: 'col', class: 'bar-col' }, el('span', { class: 'visually-hidden' }, 'النسبة')))));
		const body = el('tbody');
		for (const s of list) {
			const bar = el('span', { class: 'bar' });
			bar.style.inlineSize = Math.max(1, Math.round(s.documents / max * 100)) + '%';
			body.append(el('tr', null, el('td', null, s.source || 'بلا مصدر'),
				el('td', null, number(s.documents)), el('td', { class: 'bar-col' }, bar)));
		}
		table.append(body);
		return table;
	}

	function groupsEl(r, page) {
		const nodes = [el('h2', null, 'مجموعات النسخ (' + number(r.total) + ')')];
		if (!r.groups.length) {
			nodes.push(el('p', null, 'لا أخبار منقولة في أكثر من منفذ.'));
			return nodes;
		}
		const ul = el('ul', { class: 'groups' });
		for (const g of r.groups) {
			const canonical = g.members[0];
			const sources = Array.from(new Set(g.members.map((m) => m.source || '؟')));
			ul.append(el('li', null, docLink(canonical.id, canonical.title),
				el('span', { class: 'meta' }, ' — ', copiesEl(null, g.members.length - 1),
					': ' + sources.join('، '))));
		}
		nodes.push(ul);
		if (r.pages > 1) {
			const pager = el('nav', { class: 'pager', 'aria-label': 'صفحات المجموعات' });
			if (page > 1)
				pager.append(el('a', { href: '#/overview?groups=' + (page - 1), rel: 'prev' }, '→ السابق'));
			pager.append(el('span', null, 'الصفحة ' + number(page) + ' من ' + number(r.pages)));
			if (page < r.pages)
				pager.append(el('a', { href: '#/overview?groups=' + (page + 1), rel: 'next' }, 'التالي ←'));
			nodes.push(pager);
		}
		return nodes;
	}

	async function showOverview(params, mine) {
		document.title = 'نظرة عامة — مرصد';
		say('جارٍ التحميل…');
		const page = Math.max(1, parseInt(params.get('groups') || '1', 10) || 1);
		let stats, sources, groups;
		try {
			[stats, sources, groups] = await Promise.all([api('/api/stats'), api('/api/sources'),
				api('/api/dups?limit=10&page=' + page)]);
		} catch (e) {
			if (mine !== generation)
				return;
			say('');
			show(el('h1', null, 'تعذّر التحميل'), el('p', { class: 'error', role: 'alert' }, e.message));
			return;
		}
		if (mine !== generation)
			return;
		say('');
		show(el('h1', null, 'نظرة عامة على الأرشيف'),
			countsEl(stats),
			el('section', { class: 'days' }, el('h2', null, 'الوثائق على مرّ الأيام'), histogram(stats.per_day)),
			el('section', null, el('h2', null, 'المصادر (' + number(sources.total) + ')'), sourcesEl(sources.sources)),
			el('section', null, ...groupsEl(groups, page)));
		focusHeading();
	}

	// ---- routing: #/search?…, #/doc/ID, #/overview ----

	function route() {
		const mine = ++generation;
		const hash = location.hash || '#/';
		const [path, query] = hash.slice(1).split('?', 2);
		const params = new URLSearchParams(query || '');
		const doc = /^\/doc\/(\d+)$/.exec(path);
		if (doc) {
			markCurrent('search');
			showDoc(doc[1], mine);
		} else if (path === '/overview') {
			markCurrent('overview');
			showOverview(params, mine);
		} else if (path === '/search') {
			markCurrent('search');
			runSearch(params, mine);
		} else {
			markCurrent('search');
			fillForm(new URLSearchParams());
			showHome();
		}
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const hash = searchHash({
			q: fields.q.value.trim(), from: fields.from.value, to: fields.to.value,
			source: fields.source.value, sort: fields.sort.value,
		});
		if (hash === location.hash)
			route();
		else
			location.hash = hash;
	});

	async function loadSources() {
		try {
			const r = await api('/api/sources');
			const chosen = fields.source.value;
			const have = new Set(Array.from(fields.source.options).map((o) => o.value));
			for (const s of r.sources)
				if (s.source && !have.has(s.source))
					fields.source.append(el('option', { value: s.source }, s.source));
			fields.source.value = chosen;
		} catch (e) {
			// the filter stays at "every source"; searching still works
		}
	}

	window.addEventListener('hashchange', route);
	loadSources();
	route();
})();
