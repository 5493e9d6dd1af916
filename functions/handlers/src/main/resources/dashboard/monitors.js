// The monitors page: every monitor, worst first, with each environment's state, last and next
// check-in, and a timeline strip. One summary request per 100 monitors; the strips of the rows on
// screen then read their window's check-ins, a few requests at a time (docs/dashboard.md). Above
// them, the organization's dropped check-ins; with no monitor yet, the first-run panel.

import {allPages, api} from './api.js';
import {announce, h, icon} from './dom.js';
import {droppedList} from './errors.js';
import {firstRunPanel} from './firstrun.js';
import {exact, kindText, now, relative, scheduleText} from './format.js';
import {environmentState, matchesStatus, monitorState, sortMonitors, STATES} from './status.js';
import {loadWindow, strip, windowOf, WINDOWS} from './timeline.js';

const REFRESH_MS = 60_000;
const CONCURRENT_TIMELINES = 4;

/** The reader's choices, kept while they visit a monitor and come back. */
const choices = {query: '', status: '', project: '', window: '24h'};

export function monitorsPage(main, {organization, projectName, projects, dsnFor}) {
  let monitors = [];
  let bySlug = new Map();
  let loading = false;
  let firstLoad = true;
  let destroyed = false;
  let lastFailing = null;
  const rows = new Map();
  const timelines = new Map();
  const onScreen = new Set();
  const queue = [];
  let running = 0;

  const heading = h('h1', {id: 'monitors-title', tabindex: '-1'}, 'Monitors');
  const counts = h('p', {class: 'counts'});
  const search = h('input', {id: 'search', type: 'search', value: choices.query, placeholder: 'Name or slug',
    autocomplete: 'off', oninput: debounce(() => { choices.query = search.value; render(); }, 120)});
  const status = select('status-filter', [['', 'All statuses'], ['failing', 'Failing'], ['in_progress', 'In progress'],
    ['waiting', 'Waiting for first check-in'], ['ok', 'OK'], ['paused', 'Paused'], ['muted', 'Muted']], choices.status,
  (value) => { choices.status = value; render(); });
  const project = select('project-filter', [['', 'All projects']], choices.project,
    (value) => { choices.project = value; render(); });
  const windowButtons = WINDOWS.map((w) => h('button', {type: 'button', class: 'window', dataset: {window: w.key},
    'aria-pressed': String(w.key === choices.window), title: `Timeline: ${w.long}`, onclick: () => setWindow(w.key)}, w.label));
  const refreshed = h('span', {class: 'refreshed'});
  const list = h('ul', {class: 'monitors', 'aria-labelledby': 'monitors-title'});
  const empty = h('p', {class: 'empty', hidden: true});
  const firstRun = h('div', {class: 'first-run-slot'});
  const droppedDetails = h('details', {});
  const dropped = h('section', {class: 'dropped-banner', hidden: true, 'aria-labelledby': 'dropped-title'}, droppedDetails);
  const progress = h('p', {class: 'progress', role: 'status'}, 'Loading monitors…');

  main.replaceChildren(h('section', {class: 'monitors-page'},
    h('div', {class: 'page-head'}, heading, counts),
    h('div', {class: 'toolbar'},
      h('div', {class: 'field'}, h('label', {for: 'search'}, 'Search'), search),
      h('div', {class: 'field'}, h('label', {for: 'status-filter'}, 'Status'), status),
      h('div', {class: 'field'}, h('label', {for: 'project-filter'}, 'Project'), project),
      h('div', {class: 'field'}, h('span', {class: 'label', id: 'window-label'}, 'Timeline'),
        h('div', {class: 'segmented', role: 'group', 'aria-labelledby': 'window-label'}, windowButtons)),
      h('div', {class: 'field refresh'}, refreshed,
        h('button', {type: 'button', onclick: () => refresh(), 'aria-label': 'Refresh now'}, 'Refresh'))),
    dropped, progress, list, empty, firstRun));
  heading.focus();

  const observer = new IntersectionObserver(onIntersect, {rootMargin: '150px 0px'});
  const refreshTimer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
  const clockTimer = setInterval(updateTimes, 15_000);
  refresh();
  // the rows and the Project filter name each project once the projects are listed
  projects().then(() => {
    if (!destroyed) setMonitors(monitors);
  });

  async function refresh() {
    if (loading) return;
    loading = true;
    const first = firstLoad;
    if (first) performance.mark('cronwatch:summaries-start');
    try {
      let shown = false;
      const items = await allPages((cursor) => api.summaries(organization, cursor), (soFar) => {
        if (destroyed) return;
        progress.textContent = `Loading monitors… ${soFar.length}`;
        if (first && !shown) setMonitors(soFar); // the first page at once; the whole list when it is all there
        shown = true;
      });
      if (destroyed) return;
      if (first) performance.mark('cronwatch:summaries-loaded');
      loadDropped();
      firstLoad = false; // the whole list: an empty one shows the first-run panel
      setMonitors(items);
      progress.textContent = '';
      progress.classList.remove('error');
      refreshed.replaceChildren('Updated ', timeElement(new Date(now()).toISOString()));
      if (first) {
        requestAnimationFrame(() => setTimeout(() => {
          performance.mark('cronwatch:monitors-rendered');
          document.body.dataset.monitorsRendered = String(list.children.length);
        }));
      }
    } catch (e) {
      if (destroyed) return;
      progress.textContent = `Could not load monitors: ${e.message}`;
      progress.classList.add('error');
    } finally {
      loading = false;
    }
  }

  /** The newest page of the organization's processing errors: a count and each cause, in a banner. */
  async function loadDropped() {
    try {
      const {data, next} = await api.organizationProcessingErrors(organization, null);
      if (destroyed) return;
      const errors = data ?? [];
      dropped.hidden = errors.length === 0;
      if (errors.length === 0) return;
      const count = `${errors.length}${next ? '+' : ''} check-in${errors.length === 1 && !next ? ' was' : 's were'} dropped`;
      // the same <details>, so a refresh keeps it open
      droppedDetails.replaceChildren(
        h('summary', {}, icon('alert'), h('strong', {id: 'dropped-title'}, count), ' in the last 7 days: a slug without a monitor, the rate limit… ',
          h('span', {class: 'detail'}, 'Show why')),
        droppedList(errors));
    } catch {
      dropped.hidden = true; // the list works without it
    }
  }

  function setMonitors(items) {
    monitors = items;
    bySlug = new Map(items.map((m) => [m.slug, m]));
    fillProjects();
    render();
  }

  function fillProjects() {
    const ids = [...new Set(monitors.map((m) => String(m.project)))].sort();
    const options = ids.map((id) => `${id}\n${projectName(id)}`); // names come once the projects are listed
    if (options.join() === [...project.options].slice(1).map((o) => `${o.value}\n${o.textContent}`).join()) return;
    project.replaceChildren(h('option', {value: ''}, 'All projects'),
      ...ids.map((id) => h('option', {value: id, selected: id === choices.project}, projectName(id))));
  }

  function render() {
    const started = performance.now();
    const query = choices.query.trim().toLowerCase();
    const shown = sortMonitors(monitors.filter((m) => (!query || m.name.toLowerCase().includes(query) || m.slug.includes(query))
      && (!choices.project || String(m.project) === choices.project) && matchesStatus(m, choices.status)));
    const elements = shown.map(rowFor);
    const current = list.children;
    if (current.length !== elements.length || elements.some((e, i) => current[i] !== e)) list.replaceChildren(...elements);
    for (const slug of rows.keys()) if (!bySlug.has(slug)) rows.delete(slug);
    renderCounts(shown.length);
    const none = monitors.length === 0;
    empty.hidden = shown.length > 0 || none;
    empty.textContent = 'No monitor matches these filters.';
    if (none && !firstLoad && firstRun.childElementCount === 0) {
      firstRun.replaceChildren(firstRunPanel({organization, projects, dsnFor, origin: location.origin}));
    } else if (!none) {
      firstRun.replaceChildren();
    }
    performance.measure('cronwatch:render', {start: started});
  }

  function renderCounts(shown) {
    const tally = {};
    let muted = 0;
    for (const m of monitors) {
      const s = monitorState(m);
      if (s.muted) muted++;
      else tally[s.key] = (tally[s.key] ?? 0) + 1;
    }
    const parts = Object.keys(STATES).filter((k) => tally[k]).map((k) => `${tally[k]} ${STATES[k].label.toLowerCase()}`);
    if (muted) parts.push(`${muted} muted`);
    const total = `${monitors.length} monitor${monitors.length === 1 ? '' : 's'}`;
    counts.textContent = `${total}${parts.length ? `: ${parts.join(', ')}` : ''}${shown < monitors.length ? ` · showing ${shown}` : ''}`;
    const failing = tally.failing ?? 0;
    if (lastFailing !== null && failing !== lastFailing) announce(`${failing} monitor${failing === 1 ? '' : 's'} failing`);
    lastFailing = failing;
  }

  function rowFor(monitor) {
    const key = `${choices.window}|${projectName(String(monitor.project))}|${JSON.stringify(monitor)}`;
    const cached = rows.get(monitor.slug);
    if (cached && cached.key === key) return cached.element;
    if (cached) observer.unobserve(cached.element);
    const element = buildRow(monitor);
    rows.set(monitor.slug, {key, element});
    observer.observe(element);
    return element;
  }

  function buildRow(monitor) {
    const state = monitorState(monitor);
    const href = `#/monitors/${encodeURIComponent(monitor.slug)}`;
    return h('li', {class: `monitor state-${state.key}${state.muted ? ' is-muted' : ''}`, dataset: {slug: monitor.slug}},
      h('div', {class: 'monitor-head'},
        badge(state),
        h('a', {class: 'monitor-name', href}, monitor.name),
        h('span', {class: 'meta'}, monitor.slug, ' · ', projectName(String(monitor.project)), ' · ',
          h('span', {class: 'schedule'}, scheduleText(monitor.config),
            kindText(monitor) ? ` · ${kindText(monitor)}` : ''))),
      monitor.environments.length === 0
        ? h('p', {class: 'no-env'}, 'No check-in yet. ', h('a', {href: `${href}/setup`}, 'How to set up this job'))
        : h('ul', {class: 'envs', 'aria-label': `Environments of ${monitor.name}`},
          monitor.environments.map((env) => environmentRow(monitor, env))));
  }

  function environmentRow(monitor, env) {
    const state = environmentState(monitor, env);
    return h('li', {class: `env state-${state.key}`, dataset: {environment: env.name}},
      h('div', {class: 'env-head'},
        h('span', {class: 'env-name'}, env.name),
        badge(state),
        state.detail ? h('span', {class: 'detail'}, state.detail) : null,
        state.since ? h('span', {class: 'detail'}, 'since ', timeElement(state.since)) : null),
      // one line: the exact times are on hover, and on the monitor's page
      h('dl', {class: 'times'},
        h('div', {}, h('dt', {}, 'Last'), h('dd', {}, timeElement(env.lastCheckIn))),
        h('div', {}, h('dt', {}, 'Next'), h('dd', {}, monitor.status === 'disabled' ? 'paused' : timeElement(env.nextCheckIn)))),
      // drawn when the row first comes on screen: most of 1,000 rows never do
      h('div', {class: 'strip-slot', dataset: {environment: env.name}}));
  }

  function stripFor(monitor, env) {
    const w = windowOf(choices.window);
    const t = timelines.get(monitor.slug);
    const label = `${env.name}, ${w.long}`;
    if (t?.result && t.signature === signature(monitor)) {
      const {checkIns, from, to, coveredFrom} = t.result;
      return strip(checkIns.filter((c) => c.environment === env.name), {from, to, coveredFrom, label});
    }
    const to = now();
    const from = to - w.ms;
    const recent = (env.recentCheckIns ?? []).map((c) => ({...c, environment: env.name}));
    const oldest = recent.length ? Date.parse(recent[recent.length - 1].dateAdded) : to;
    return strip(recent, {from, to, coveredFrom: Math.max(from, oldest), label});
  }

  /** What a timeline depends on: any new check-in or miss changes it. */
  function signature(monitor) {
    return `${choices.window}|${JSON.stringify(monitor.environments.map((e) =>
      [e.name, e.lastCheckIn, e.nextCheckIn, e.status, e.recentCheckIns?.[0]?.id, e.recentCheckIns?.[0]?.status]))}`;
  }

  function onIntersect(entries) {
    for (const entry of entries) {
      const slug = entry.target.dataset.slug;
      if (entry.isIntersecting) {
        onScreen.add(slug);
        if (!entry.target.dataset.drawn) paint(slug);
        ensureTimeline(slug);
      } else {
        onScreen.delete(slug);
      }
    }
  }

  function ensureTimeline(slug) {
    const monitor = bySlug.get(slug);
    if (!monitor || monitor.environments.length === 0) return;
    const sig = signature(monitor);
    const t = timelines.get(slug);
    if (t && t.signature === sig && (t.pending || t.result)) return;
    timelines.set(slug, {signature: sig, pending: true});
    queue.push(async () => {
      if (destroyed || !onScreen.has(slug)) {
        timelines.delete(slug);
        return;
      }
      const w = windowOf(choices.window);
      const to = now();
      const from = to - w.ms;
      try {
        const {checkIns, coveredFrom} = await loadWindow(organization, slug, from, 1);
        if (destroyed || timelines.get(slug)?.signature !== sig) return;
        timelines.set(slug, {signature: sig, result: {checkIns, from, to, coveredFrom}});
        paint(slug);
      } catch {
        timelines.delete(slug); // tried again at the next refresh
      }
    });
    pump();
  }

  function pump() {
    while (running < CONCURRENT_TIMELINES && queue.length) {
      const task = queue.shift();
      running++;
      task().finally(() => {
        running--;
        pump();
      });
    }
  }

  function paint(slug) {
    const row = rows.get(slug)?.element;
    const monitor = bySlug.get(slug);
    if (!row || !monitor) return;
    for (const slot of row.querySelectorAll('.strip-slot')) {
      const env = monitor.environments.find((e) => e.name === slot.dataset.environment);
      if (env) slot.replaceChildren(stripFor(monitor, env));
    }
    row.dataset.drawn = 'true';
    if (timelines.get(slug)?.result) row.dataset.timeline = 'loaded';
  }

  function setWindow(key) {
    choices.window = key;
    for (const b of windowButtons) b.setAttribute('aria-pressed', String(b.dataset.window === key));
    render();
    for (const slug of onScreen) ensureTimeline(slug);
  }

  function updateTimes() {
    for (const t of main.querySelectorAll('time[data-relative]')) t.textContent = relative(t.dataset.relative);
  }

  return {
    unmount() {
      destroyed = true;
      clearInterval(refreshTimer);
      clearInterval(clockTimer);
      observer.disconnect();
    },
  };
}

export function badge(state) {
  return h('span', {class: `badge state-${state.key}`},
    icon(state.icon), h('span', {}, state.label),
    state.muted ? h('span', {class: 'muted-tag'}, icon('mute'), 'Muted') : null);
}

export function timeElement(iso) {
  if (!iso) return h('span', {}, '—');
  return h('time', {datetime: iso, title: exact(iso), dataset: {relative: iso}}, relative(iso));
}

export function timeWithExact(iso) {
  if (!iso) return h('span', {}, '—');
  return [timeElement(iso), h('span', {class: 'exact'}, exact(iso))];
}

function select(id, options, value, onChange) {
  return h('select', {id, onchange: (e) => onChange(e.target.value)},
    options.map(([v, label]) => h('option', {value: v, selected: v === value}, label)));
}

function debounce(fn, ms) {
  let t;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}
