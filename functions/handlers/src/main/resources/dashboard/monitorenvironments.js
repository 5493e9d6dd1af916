// A monitor's environments over a chosen window: each one's state, last and next check-in and
// timeline strip, and the chart of run durations, both drawn from the window's check-ins.

import {h} from './dom.js';
import {now} from './format.js';
import {badge, timeElement, timeWithExact} from './monitors.js';
import {durationChart} from './chart.js';
import {environmentState} from './status.js';
import {loadWindow, strip, windowOf, WINDOWS} from './timeline.js';

/** 500 check-ins: a job every 5 minutes over 24 hours, or hourly over 20 days. */
const WINDOW_PAGES = 5;

/**
 * The environments of one page; the chosen window is kept while the page is open. `page` is
 * {organization, slug, monitor(), gone(), root}; `environmentButtons(env)` draws a row's actions.
 */
export function monitorEnvironments(page, environmentButtons) {
  let windowKey = '24h';

  /** The window picker, and the table (or how the first environment appears). */
  function view() {
    const monitor = page.monitor();
    return [windowPicker(),
      monitor.environments.length === 0
        ? h('p', {}, 'No check-in yet: the environments appear with the first one. See ',
          h('a', {href: `#/monitors/${encodeURIComponent(page.slug)}/setup`}, 'how to set up this job'), '.')
        : environmentsTable(monitor)];
  }

  /** Where the chart of run durations is drawn once the window's check-ins are read. */
  function chartSlot() {
    return h('div', {id: 'duration-chart', class: 'chart-wrap'}, h('p', {}, 'Loading…'));
  }

  function windowPicker() {
    return h('div', {class: 'segmented', role: 'group', 'aria-label': 'Timeline window'},
      WINDOWS.map((w) => h('button', {type: 'button', class: 'window', 'aria-pressed': String(w.key === windowKey),
        title: `Timeline: ${w.long}`, onclick: (event) => {
          windowKey = w.key;
          for (const b of event.target.parentElement.children) b.setAttribute('aria-pressed', String(b === event.target));
          load();
        }}, w.label)));
  }

  function environmentsTable(monitor) {
    return h('div', {class: 'table-wrap'}, h('table', {class: 'envs-table'},
      h('thead', {}, h('tr', {}, ['Environment', 'Status', 'Last check-in', 'Next expected', 'Timeline', 'Actions']
        .map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, monitor.environments.map((env) => {
        const state = environmentState(monitor, {...env, recentCheckIns: []});
        return h('tr', {dataset: {environment: env.name}},
          h('th', {scope: 'row', 'data-label': 'Environment'}, env.name),
          h('td', {'data-label': 'Status'}, badge(state),
            env.activeIncident ? h('div', {class: 'detail'}, 'since ', timeElement(env.activeIncident.dateStarted)) : null),
          h('td', {'data-label': 'Last check-in'}, timeWithExact(env.lastCheckIn)),
          h('td', {'data-label': 'Next expected'}, monitor.status === 'disabled' ? 'paused' : timeWithExact(env.nextCheckIn)),
          h('td', {'data-label': 'Timeline', class: 'strip-cell'}, h('div', {class: 'strip-slot', dataset: {environment: env.name}})),
          h('td', {'data-label': 'Actions', class: 'row-actions'}, environmentButtons(env)));
      }))));
  }

  /** Reads the window's check-ins, then draws each environment's strip and the chart. */
  async function load() {
    const w = windowOf(windowKey);
    const to = now();
    const from = to - w.ms;
    let window;
    try {
      window = await loadWindow(page.organization, page.slug, from, WINDOW_PAGES);
      if (page.gone()) return;
    } catch (e) {
      if (page.gone()) return;
      document.getElementById('duration-chart')?.replaceChildren(h('p', {class: 'error'}, `Could not load check-ins: ${e.message}`));
      return;
    }
    const {checkIns, coveredFrom} = window;
    for (const slot of page.root.querySelectorAll('.strip-slot')) {
      const name = slot.dataset.environment;
      slot.replaceChildren(strip(checkIns.filter((c) => c.environment === name),
        {from, to, coveredFrom, label: `${name}, ${w.long}`}));
    }
    document.getElementById('duration-chart')?.replaceChildren(
      durationChart(checkIns, {from, to, label: `Run durations, ${w.long}`}));
    page.root.dataset.timeline = 'loaded';
  }

  return {view, chartSlot, load};
}
