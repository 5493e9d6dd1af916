// A monitor's check-ins, newest first, a page at a time, optionally of one environment.

import {api} from './api.js';
import {h, icon, table} from './dom.js';
import {duration, exact} from './format.js';

const CHECK_INS_PER_PAGE = 20;
const CHECK_IN_ICONS = {ok: 'check', error: 'cross', timeout: 'clock', missed: 'alert', in_progress: 'play'};

/** The check-ins of one page; the environment and the page shown are kept while the page is open. */
export function monitorCheckIns(page) {
  const pages = {cursors: [null], index: 0, environment: ''};

  /** The environment picker, the table's place and the pager. */
  function view() {
    return [controls(), h('div', {id: 'check-ins-table', class: 'table-wrap'}, h('p', {}, 'Loading…')),
      h('div', {class: 'pager'},
        h('button', {type: 'button', id: 'newer', onclick: () => turnPage(-1)}, '← Newer'),
        h('button', {type: 'button', id: 'older', onclick: () => turnPage(1)}, 'Older →'))];
  }

  function controls() {
    return h('div', {class: 'field inline'}, h('label', {for: 'check-in-environment'}, 'Environment'),
      h('select', {id: 'check-in-environment', onchange: (e) => {
        pages.environment = e.target.value;
        pages.cursors = [null];
        pages.index = 0;
        load();
      }}, h('option', {value: ''}, 'All'), page.monitor().environments.map((env) =>
        h('option', {value: env.name, selected: env.name === pages.environment}, env.name))));
  }

  async function load() {
    const target = document.getElementById('check-ins-table');
    try {
      const {data, next} = await api.checkIns(page.organization, page.slug, {cursor: pages.cursors[pages.index],
        environment: pages.environment, perPage: CHECK_INS_PER_PAGE});
      if (page.gone()) return;
      pages.cursors[pages.index + 1] = next;
      target?.replaceChildren(checkInsTable(data ?? []));
      document.getElementById('newer').disabled = pages.index === 0;
      document.getElementById('older').disabled = !next;
    } catch (e) {
      if (!page.gone()) target?.replaceChildren(h('p', {class: 'error'}, `Could not load check-ins: ${e.message}`));
    }
  }

  function turnPage(step) {
    const index = pages.index + step;
    if (index < 0 || (step > 0 && !pages.cursors[index])) return;
    pages.index = index;
    load();
  }

  return {view, load};
}

function checkInsTable(checkIns) {
  if (checkIns.length === 0) return h('p', {}, 'No check-ins.');
  return table(['Status', 'Environment', 'Expected', 'Received', 'Duration'], checkIns.map((c) => [
    h('span', {class: `check-in-status status-${c.status}`}, icon(CHECK_IN_ICONS[c.status] ?? 'alert'), c.status.replace('_', ' '),
      c.missedSlots > 1 ? ` (${c.missedSlots.toLocaleString()} slots)` : ''),
    c.environment,
    c.expectedTime ? exact(c.expectedTime) : '—',
    c.status === 'missed' ? '— (none)' : exact(c.dateAdded),
    duration(c.duration),
  ]), 'check-ins');
}
