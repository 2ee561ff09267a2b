// Staff dashboard: signs in with a staff JWT (kept in sessionStorage, this tab only), reads the admin API and draws
// each figure with chart.js, with a table of the same numbers beside every chart. No data is in the page itself.
'use strict';

(() => {
  const TOKEN_KEY = 'loyalty.dashboard.token';
  const API = '/api/v1/admin';
  const TREND_MONTHS = 6;
  const QUEUE_LIMIT = 20;
  const COLOURS = {
    loyal: '#2e7d32', general: '#607d8b', drifting: '#ef6c00',
    low: '#66bb6a', medium: '#ffa726', high: '#c62828',
    value: '#1565c0', members: '#90caf9', nps: '#6a1b9a', service: '#00838f',
  };

  const $ = (id) => document.getElementById(id);

  class HttpError extends Error {
    constructor(status, detail) {
      super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
      this.status = status;
      this.detail = detail;
    }
  }

  async function get(path, token) {
    const response = await fetch(API + path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) {
      let detail = '';
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || '';
      } catch {
        // not a problem document (e.g. an empty 401 challenge)
      }
      throw new HttpError(response.status, detail);
    }
    return response.json();
  }

  // ---- formatting and tables ----

  const number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  const fmt = (v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? number.format(v) : String(v));
  const money = (v, currency) => (v === null || v === undefined ? '—' : new Intl.NumberFormat('en', { style: 'currency', currency }).format(v));
  const when = (iso) => (iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—');
  const titleCase = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

  function table(headers, rows) {
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    for (const h of headers) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    }

    const body = t.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      row.forEach((cell) => { tr.insertCell().textContent = fmt(cell); });
    }

    if (rows.length === 0) {
      const cell = body.insertRow().insertCell();
      cell.colSpan = headers.length;
      cell.textContent = 'Nothing to show yet.';
    }

    return t;
  }

  // ---- panels ----

  const panel = (name) => document.querySelector(`[data-panel="${name}"]`);

  function show(name, { caption, headers, rows, chart }) {
    const p = panel(name);
    p.dataset.state = 'ready';
    p.querySelector('[data-caption]').textContent = caption;
    p.querySelector('[data-table]').replaceChildren(table(headers, rows));
    const canvas = p.querySelector('canvas');
    if (canvas && chart) {
      Chart.getChart(canvas)?.destroy();
      new Chart(canvas, chart); // eslint-disable-line no-new -- Chart.getChart(canvas) finds it again
    }
  }

  function fail(name, error) {
    const p = panel(name);
    p.dataset.state = error instanceof HttpError && (error.status === 401 || error.status === 403) ? 'forbidden' : 'error';
    const caption = p.querySelector('[data-caption]');
    if (error instanceof HttpError && error.status === 403) {
      caption.textContent = 'Not available to your role (administrators only).';
    } else if (error instanceof HttpError && error.status === 404) {
      caption.textContent = error.detail || 'Nothing computed yet.';
    } else {
      caption.textContent = `Could not load: ${error.message}`;
    }

    const canvas = p.querySelector('canvas');
    if (canvas) {
      Chart.getChart(canvas)?.destroy();
    }
  }

  const baseOptions = (extra = {}) => ({
    animation: false, // figures, not a show: also makes screenshots and tests deterministic
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom' } },
    ...extra,
  });

  // ---- the figures ----

  function drawValue(d) {
    show('value', {
      caption: `${fmt(d.members)} members scored on ${when(d.asOf)}; decile 1 is the most valuable tenth.`,
      headers: ['Decile', 'Members', 'Total lifetime value', 'Lowest', 'Highest'],
      rows: d.deciles.map((b) => [b.decile, b.members, money(b.totalLifetimeValue, d.currency), money(b.minLifetimeValue, d.currency), money(b.maxLifetimeValue, d.currency)]),
      chart: {
        type: 'bar',
        data: {
          labels: d.deciles.map((b) => `D${b.decile}`),
          datasets: [
            { label: `Total lifetime value (${d.currency})`, data: d.deciles.map((b) => b.totalLifetimeValue), backgroundColor: COLOURS.value, yAxisID: 'value' },
            { label: 'Members', data: d.deciles.map((b) => b.members), backgroundColor: COLOURS.members, yAxisID: 'members' },
          ],
        },
        options: baseOptions({
          scales: {
            value: { position: 'left', beginAtZero: true, title: { display: true, text: d.currency } },
            members: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'members' } },
          },
        }),
      },
    });
  }

  function drawClasses(d) {
    const classes = ['loyal', 'general', 'drifting'];
    show('classes', {
      caption: `In total: ${fmt(d.total.loyal)} loyal, ${fmt(d.total.general)} general, ${fmt(d.total.drifting)} drifting (run of ${when(d.asOf)}).`,
      headers: ['Tier', 'Loyal', 'General', 'Drifting'],
      rows: d.byTier.map((t) => [t.tierName, t.counts.loyal, t.counts.general, t.counts.drifting]),
      chart: {
        type: 'bar',
        data: {
          labels: d.byTier.map((t) => t.tierName),
          datasets: classes.map((c) => ({ label: titleCase(c), data: d.byTier.map((t) => t.counts[c]), backgroundColor: COLOURS[c] })),
        },
        options: baseOptions({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'members' } } } }),
      },
    });
  }

  function drawTransitions(d) {
    const label = (t) => `${t.from ? titleCase(t.from) : 'New'} → ${titleCase(t.to)}`;
    const rows = [...d.transitions].sort((a, b) => b.members - a.members);
    show('transitions', {
      caption: d.fromAsOf
        ? `Run of ${when(d.fromAsOf)} against the run of ${when(d.toAsOf)}.`
        : `Only one run so far (${when(d.toAsOf)}): every member is new to the classes.`,
      headers: ['From', 'To', 'Members'],
      rows: rows.map((t) => [t.from ? titleCase(t.from) : 'New (not scored before)', titleCase(t.to), t.members]),
      chart: {
        type: 'bar',
        data: {
          labels: rows.map(label),
          datasets: [{ label: 'Members', data: rows.map((t) => t.members), backgroundColor: rows.map((t) => COLOURS[t.to]) }],
        },
        options: baseOptions({ indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, title: { display: true, text: 'members' } } } }),
      },
    });
  }

  function drawChurn(d) {
    const bands = [['low', 'Low (< 25)'], ['medium', 'Medium (25–49)'], ['high', 'High (≥ 50)']];
    show('churn', {
      caption: `Churn-risk score 0–100 per member in the run of ${when(d.asOf)}.`,
      headers: ['Tier', 'Members', 'Low', 'Medium', 'High', 'Mean score'],
      rows: d.tiers.map((t) => [t.tierName, t.members, t.low, t.medium, t.high, t.meanChurnScore]),
      chart: {
        type: 'bar',
        data: {
          labels: d.tiers.map((t) => t.tierName),
          datasets: bands.map(([key, name]) => ({ label: name, data: d.tiers.map((t) => t[key]), backgroundColor: COLOURS[key] })),
        },
        options: baseOptions({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'members' } } } }),
      },
    });
  }

  // Month windows [from, to) in UTC, oldest first, ending with the month of `now`.
  function months(now, count) {
    const result = [];
    for (let k = count - 1; k >= 0; k--) {
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      result.push({ label: from.toISOString().slice(0, 7), from: from.toISOString(), to: to.toISOString() });
    }

    return result;
  }

  // NPS per month from one programme-health read (the months the insight refresh rolled up); the service level from
  // one care report per month.
  async function loadTrend(token, now) {
    const windows = months(now, TREND_MONTHS);
    const range = (w) => `from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`;
    const [health, cases] = await Promise.all([
      get(`/insight/programme-health?from=${windows[0].label}&to=${windows[windows.length - 1].label}`, token),
      Promise.all(windows.map((w) => get(`/cases/report?${range(w)}`, token))),
    ]);
    const nps = new Map(health.months.filter((m) => m.computed).map((m) => [m.month, m.nps]));
    const tenth = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
    const share = (v) => tenth(v === null || v === undefined ? null : v * 100);
    const rows = windows.map((w, i) => ({
      month: w.label, nps: tenth(nps.get(w.label)?.score), answered: nps.get(w.label)?.answers ?? null, service: share(cases[i].withinServiceLevelShare), opened: cases[i].opened,
    }));
    show('trend', {
      caption: `NPS (−100 to 100) of survey answers as of the last insight refresh, and the share of cases first answered within their tier's service level, per month (UTC) to ${windows[windows.length - 1].label}.`,
      headers: ['Month', 'NPS', 'NPS answers', 'Within service level (%)', 'Cases opened'],
      rows: rows.map((r) => [r.month, r.nps, r.answered, r.service, r.opened]),
      chart: {
        type: 'line',
        data: {
          labels: rows.map((r) => r.month),
          datasets: [
            { label: 'NPS', data: rows.map((r) => r.nps), borderColor: COLOURS.nps, backgroundColor: COLOURS.nps, yAxisID: 'nps', spanGaps: true },
            { label: 'Within service level (%)', data: rows.map((r) => r.service), borderColor: COLOURS.service, backgroundColor: COLOURS.service, yAxisID: 'share', spanGaps: true },
          ],
        },
        options: baseOptions({
          scales: {
            nps: { position: 'left', min: -100, max: 100, title: { display: true, text: 'NPS' } },
            share: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: '% within service level' } },
          },
        }),
      },
    });
  }

  function drawQueue(page, now) {
    const cases = page.items;
    const state = (c) => (c.serviceLevelBreached ? 'breached' : c.due || (c.nextStepDueAt && new Date(c.nextStepDueAt) <= now) ? 'due' : 'onTrack');
    const counts = { breached: 0, due: 0, onTrack: 0 };
    cases.forEach((c) => { counts[state(c)] += 1; });
    const more = page.nextCursor ? ` (the first ${cases.length}; more are waiting)` : '';
    show('queue', {
      caption: `${cases.length} open case${cases.length === 1 ? '' : 's'}${more}, the next step due first.`,
      headers: ['Member', 'Title', 'Category', 'Owner', 'Next step', 'Due', 'Service level'],
      rows: cases.map((c) => [c.memberNumber, c.title, c.category, c.owner, c.nextStep, when(c.nextStepDueAt), c.serviceLevelBreached ? `breached${c.escalatedTo ? ` → ${c.escalatedTo}` : ''}` : `by ${when(c.serviceLevelDueAt)}`]),
      chart: {
        type: 'bar',
        data: {
          labels: ['Service level breached', 'Next step due', 'On track'],
          datasets: [{ label: 'Open cases', data: [counts.breached, counts.due, counts.onTrack], backgroundColor: [COLOURS.high, COLOURS.medium, COLOURS.low] }],
        },
        options: baseOptions({ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'cases' } } } }),
      },
    });
  }

  function drawAtRisk(page) {
    show('at-risk', {
      caption: 'Churn score 50 or more and in the top three value deciles, riskiest first (your portfolio, for an account manager).',
      headers: ['Member', 'Name', 'Class', 'Churn score', 'Lifetime value', 'Last purchase', 'Why'],
      rows: page.items.map((m) => [m.memberNumber, `${m.firstName} ${m.lastName}`, titleCase(m.class), m.churnScore, money(m.lifetimeValue, m.currency), when(m.lastPurchaseAt), m.reasons.map((r) => r.text).join('; ')]),
    });
  }

  // ---- sign-in and loading ----

  function setState(state, message = '') {
    document.body.dataset.state = state;
    $('status').textContent = message;
    const signedIn = state !== 'signed-out';
    $('sign-in').hidden = signedIn;
    $('sign-out').hidden = !signedIn;
    $('not-authorised').hidden = state !== 'unauthorised';
    $('figures').hidden = !(state === 'ready' || state === 'loading');
  }

  async function load(token) {
    setState('loading', 'Loading…');
    document.querySelectorAll('[data-panel]').forEach((p) => { p.dataset.state = 'loading'; });

    // The run's instant is the server's "now" for the month windows; the browser's clock may differ.
    const settle = (promise, draw, name) => promise.then(draw, (error) => { fail(name, error); return error; });
    const value = get('/insight/value/distribution', token);
    const asOf = await value.then((d) => new Date(d.asOf), () => new Date());
    const outcomes = await Promise.all([
      settle(value, drawValue, 'value'),
      settle(get('/insight/classes', token), drawClasses, 'classes'),
      settle(get('/insight/classes/transitions', token), drawTransitions, 'transitions'),
      settle(get('/insight/churn/by-tier', token), drawChurn, 'churn'),
      settle(loadTrend(token, asOf), () => undefined, 'trend'),
      settle(get(`/portfolio/cases?status=open&limit=${QUEUE_LIMIT}`, token), (page) => drawQueue(page, asOf), 'queue'),
      settle(get('/insight/at-risk?limit=10', token), drawAtRisk, 'at-risk'),
    ]);

    const errors = outcomes.filter((o) => o instanceof Error);
    const denied = errors.filter((e) => e instanceof HttpError && (e.status === 401 || e.status === 403));
    if (denied.length === outcomes.length) {
      const expired = denied.some((e) => e.status === 401);
      $('not-authorised-detail').textContent = expired
        ? 'The token was not accepted: it is malformed, expired or from another issuer.'
        : 'This token is valid but carries no staff role that may read these figures (a member token, for example).';
      setState('unauthorised', 'Not authorised.');
      return;
    }

    setState('ready', errors.length === 0 ? 'Up to date.' : `Loaded; ${errors.length} figure(s) could not be shown (see each panel).`);
  }

  function start() {
    $('sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
      if (!token) {
        return;
      }

      sessionStorage.setItem(TOKEN_KEY, token);
      $('token').value = '';
      load(token);
    });
    $('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      document.querySelectorAll('canvas').forEach((c) => Chart.getChart(c)?.destroy());
      setState('signed-out', 'Signed out.');
    });

    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      load(token);
    } else {
      setState('signed-out');
    }
  }

  start();
})();
