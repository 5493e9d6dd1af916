// One monitor: its environments with their timelines, a chart of run durations, check-ins page by
// page, incidents, processing errors, the configuration form, setup help, and the actions of the
// management API (mute, pause, edit, delete), each error shown where it belongs.

import {api} from './api.js';
import {announce, h, icon} from './dom.js';
import {duration, exact, now, scheduleText} from './format.js';
import {badge, timeElement, timeWithExact} from './monitors.js';
import {durationChart} from './chart.js';
import {droppedList, errorLine} from './errors.js';
import {monitorForm} from './monitorform.js';
import {setupSection} from './setup.js';
import {environmentState, monitorState, reasonText} from './status.js';
import {loadWindow, strip, windowOf, WINDOWS} from './timeline.js';

const CHECK_INS_PER_PAGE = 20;
/** 500 check-ins: a job every 5 minutes over 24 hours, or hourly over 20 days. */
const WINDOW_PAGES = 5;

export function monitorPage(main, {organization, slug, section, projectName, dsnFor, onDeleted}) {
  let destroyed = false;
  let monitor = null;
  let windowKey = '24h';
  let windowData = null;
  const pages = {cursors: [null], index: 0, environment: ''};
  const message = h('p', {class: 'action-status', role: 'status'});

  main.replaceChildren(h('p', {role: 'status'}, 'Loading…'));
  load({focus: 'heading'});

  async function load({focus} = {}) {
    try {
      const [m, incidents, errors] = await Promise.all([api.monitor(organization, slug),
        api.incidents(organization, slug), api.processingErrors(organization, slug)]);
      if (destroyed) return;
      monitor = withIncidentReasons(m.data, incidents.data ?? []);
      render(incidents.data ?? [], errors.data ?? []);
      if (section === 'setup' && focus === 'heading') {
        document.getElementById('setup-title')?.focus();
        section = null;
      } else if (focus) {
        document.getElementById(focus === 'heading' ? 'monitor-title' : focus)?.focus();
      }
      loadCheckIns();
      loadWindowData();
      fillSetup();
    } catch (e) {
      if (destroyed) return;
      const errors = e.status === 404 ? await droppedHere() : [];
      if (destroyed) return;
      main.replaceChildren(h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, '← All monitors')),
        h('h1', {id: 'monitor-title', tabindex: '-1'}, e.status === 404 ? `No monitor "${slug}"` : 'This monitor could not be loaded'),
        e.status !== 404 ? h('p', {class: 'error'}, e.message)
          : errors.length === 0 ? h('p', {class: 'error'}, 'It may have been deleted.')
            : section_('processing-errors', 'Check-ins sent to this slug were dropped', droppedList(errors)));
      document.getElementById('monitor-title').focus();
    }
  }

  /** A slug that names no monitor still has the processing errors of the check-ins sent to it. */
  async function droppedHere() {
    try {
      return (await api.processingErrors(organization, slug)).data ?? [];
    } catch {
      return [];
    }
  }

  function render(incidents, errors) {
    const state = monitorState({...monitor, environments: monitor.environments.map((e) => ({...e, recentCheckIns: []}))});
    main.replaceChildren(
      h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, '← All monitors')),
      h('header', {class: 'monitor-header'},
        h('div', {class: 'title-line'}, h('h1', {id: 'monitor-title', tabindex: '-1'}, monitor.name), badge(state)),
        h('p', {class: 'meta'}, monitor.slug, ' · ', projectName(String(monitor.project)), ' · ', scheduleText(monitor.config)),
        h('div', {class: 'actions'},
          h('button', {type: 'button', id: 'mute-monitor', 'aria-pressed': String(monitor.isMuted),
            onclick: () => act('mute-monitor', () => api.updateMonitor(organization, slug, {isMuted: !monitor.isMuted}),
              monitor.isMuted ? 'Unmuted: alerts are sent again.' : 'Muted: incidents are recorded, no alert is sent.')},
          icon('mute'), monitor.isMuted ? 'Unmute' : 'Mute'),
          h('button', {type: 'button', id: 'pause-monitor', 'aria-pressed': String(monitor.status === 'disabled'),
            onclick: () => act('pause-monitor', () => api.updateMonitor(organization, slug,
              {status: monitor.status === 'disabled' ? 'active' : 'disabled'}),
            monitor.status === 'disabled' ? 'Resumed: check-ins are expected again.' : 'Paused: nothing is expected until you resume.')},
          icon(monitor.status === 'disabled' ? 'play' : 'pause'), monitor.status === 'disabled' ? 'Resume' : 'Pause'),
          h('button', {type: 'button', id: 'delete-monitor', class: 'danger', onclick: confirmDeleteMonitor}, 'Delete…')),
        message),
      section_('environments', 'Environments',
        windowPicker(),
        monitor.environments.length === 0
          ? h('p', {}, 'No check-in yet: the environments appear with the first one. See ',
            h('a', {href: `#/monitors/${encodeURIComponent(slug)}/setup`}, 'how to set up this job'), '.')
          : environmentsTable()),
      section_('durations', 'Run durations', h('div', {id: 'duration-chart', class: 'chart-wrap'}, h('p', {}, 'Loading…'))),
      section_('check-ins', 'Check-ins', checkInsControls(), h('div', {id: 'check-ins-table', class: 'table-wrap'}, h('p', {}, 'Loading…')),
        h('div', {class: 'pager'},
          h('button', {type: 'button', id: 'newer', onclick: () => turnPage(-1)}, '← Newer'),
          h('button', {type: 'button', id: 'older', onclick: () => turnPage(1)}, 'Older →'))),
      section_('incidents', 'Incidents', incidentsTable(incidents)),
      section_('processing-errors', 'Processing errors', errorsTable(errors)),
      section_('configuration', 'Configuration', configForm()),
      section_('setup', 'Set up this job', h('div', {id: 'setup-body'}, h('p', {}, 'Loading…'))),
      confirmDialog());
  }

  // ---- environments and their timelines ----

  function windowPicker() {
    return h('div', {class: 'segmented', role: 'group', 'aria-label': 'Timeline window'},
      WINDOWS.map((w) => h('button', {type: 'button', class: 'window', 'aria-pressed': String(w.key === windowKey),
        title: `Timeline: ${w.long}`, onclick: (event) => {
          windowKey = w.key;
          for (const b of event.target.parentElement.children) b.setAttribute('aria-pressed', String(b === event.target));
          loadWindowData();
        }}, w.label)));
  }

  function environmentsTable() {
    return h('div', {class: 'table-wrap'}, h('table', {class: 'envs-table'},
      h('thead', {}, h('tr', {}, ['Environment', 'Status', 'Last check-in', 'Next expected', 'Timeline', 'Actions']
        .map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, monitor.environments.map((env) => {
        const state = environmentState(monitor, {...env, recentCheckIns: []});
        const byMonitor = monitor.isMuted;
        return h('tr', {dataset: {environment: env.name}},
          h('th', {scope: 'row', 'data-label': 'Environment'}, env.name),
          h('td', {'data-label': 'Status'}, badge(state),
            env.activeIncident ? h('div', {class: 'detail'}, 'since ', timeElement(env.activeIncident.dateStarted)) : null),
          h('td', {'data-label': 'Last check-in'}, timeWithExact(env.lastCheckIn)),
          h('td', {'data-label': 'Next expected'}, monitor.status === 'disabled' ? 'paused' : timeWithExact(env.nextCheckIn)),
          h('td', {'data-label': 'Timeline', class: 'strip-cell'}, h('div', {class: 'strip-slot', dataset: {environment: env.name}})),
          h('td', {'data-label': 'Actions', class: 'row-actions'},
            h('button', {type: 'button', id: `mute-env-${env.name}`, 'aria-pressed': String(env.isMuted), disabled: byMonitor,
              title: byMonitor ? 'Muted with the whole monitor' : null,
              'aria-label': `${env.isMuted ? 'Unmute' : 'Mute'} environment ${env.name}`,
              onclick: () => act(`mute-env-${env.name}`, () => api.muteEnvironment(organization, slug, env.name, !env.isMuted),
                `${env.name} ${env.isMuted ? 'unmuted' : 'muted'}.`)},
            icon('mute'), env.isMuted ? 'Unmute' : 'Mute'),
            h('button', {type: 'button', class: 'danger', 'aria-label': `Delete environment ${env.name}`,
              onclick: () => confirmDeleteEnvironment(env.name)}, 'Delete…')));
      }))));
  }

  async function loadWindowData() {
    const w = windowOf(windowKey);
    const to = now();
    const from = to - w.ms;
    try {
      const {checkIns, coveredFrom} = await loadWindow(organization, slug, from, WINDOW_PAGES);
      if (destroyed) return;
      windowData = {checkIns, from, to, coveredFrom};
    } catch (e) {
      if (destroyed) return;
      windowData = null;
      document.getElementById('duration-chart')?.replaceChildren(h('p', {class: 'error'}, `Could not load check-ins: ${e.message}`));
      return;
    }
    for (const slot of main.querySelectorAll('.strip-slot')) {
      const name = slot.dataset.environment;
      slot.replaceChildren(strip(windowData.checkIns.filter((c) => c.environment === name),
        {from, to, coveredFrom: windowData.coveredFrom, label: `${name}, ${w.long}`}));
    }
    document.getElementById('duration-chart')?.replaceChildren(
      durationChart(windowData.checkIns, {from, to, label: `Run durations, ${w.long}`}));
    main.dataset.timeline = 'loaded';
  }

  // ---- check-ins ----

  function checkInsControls() {
    return h('div', {class: 'field inline'}, h('label', {for: 'check-in-environment'}, 'Environment'),
      h('select', {id: 'check-in-environment', onchange: (e) => {
        pages.environment = e.target.value;
        pages.cursors = [null];
        pages.index = 0;
        loadCheckIns();
      }}, h('option', {value: ''}, 'All'), monitor.environments.map((env) =>
        h('option', {value: env.name, selected: env.name === pages.environment}, env.name))));
  }

  async function loadCheckIns() {
    const target = document.getElementById('check-ins-table');
    try {
      const {data, next} = await api.checkIns(organization, slug, {cursor: pages.cursors[pages.index],
        environment: pages.environment, perPage: CHECK_INS_PER_PAGE});
      if (destroyed) return;
      pages.cursors[pages.index + 1] = next;
      target?.replaceChildren(checkInsTable(data ?? []));
      document.getElementById('newer').disabled = pages.index === 0;
      document.getElementById('older').disabled = !next;
    } catch (e) {
      if (!destroyed) target?.replaceChildren(h('p', {class: 'error'}, `Could not load check-ins: ${e.message}`));
    }
  }

  function turnPage(step) {
    const index = pages.index + step;
    if (index < 0 || (step > 0 && !pages.cursors[index])) return;
    pages.index = index;
    loadCheckIns();
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

  // ---- incidents and processing errors ----

  function incidentsTable(incidents) {
    if (incidents.length === 0) return h('p', {}, 'No incidents.');
    return h('div', {class: 'table-wrap'}, table(['Started', 'Resolved', 'Environment', 'Reason'], incidents.map((i) => [
      exact(i.dateStarted),
      i.dateResolved ? exact(i.dateResolved) : h('strong', {}, 'open'),
      i.environment,
      [reasonText(i.reason), i.failureReason ? h('div', {class: 'detail'}, i.failureReason) : null],
    ]), 'incidents'));
  }

  function errorsTable(errors) {
    if (errors.length === 0) return h('p', {}, 'No processing errors in the last 7 days.');
    return h('div', {class: 'table-wrap'}, table(['Received', 'Error', 'Check-in', 'Cause and fix'], errors.map((e) => [
      exact(e.dateAdded), e.name ?? String(e.type), e.checkInId ?? '—', errorLine(e),
    ]), 'processing-errors'));
  }

  // ---- configuration ----

  function configForm() {
    return monitorForm({organization, name: monitor.name, config: monitor.config, submitLabel: 'Save configuration',
      submitId: 'save-config', statusId: 'config-status', onSubmit: async (body) => {
        await api.updateMonitor(organization, slug, body);
        if (destroyed) return;
        announce('Configuration saved.');
        await load({focus: 'save-config'});
        document.getElementById('config-status').textContent = 'Saved.';
      }});
  }

  // ---- setup help ----

  async function fillSetup() {
    const environments = monitor.environments.map((env) => env.name);
    const dsn = await dsnFor(String(monitor.project));
    if (destroyed) return;
    document.getElementById('setup-body')?.replaceChildren(
      setupSection({organization, monitor, environments, dsn, origin: location.origin}));
  }

  // ---- actions ----

  async function act(focusId, call, done) {
    message.textContent = '';
    message.classList.remove('error');
    try {
      await call();
      if (destroyed) return;
      await load({focus: focusId});
      message.textContent = done;
      announce(done);
    } catch (e) {
      if (destroyed) return;
      message.textContent = e.message;
      message.classList.add('error');
    }
  }

  function confirmDialog() {
    return h('dialog', {id: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text'},
      h('form', {method: 'dialog'},
        h('h2', {id: 'confirm-title'}),
        h('p', {id: 'confirm-text'}),
        h('div', {class: 'form-actions'},
          h('button', {value: 'cancel', id: 'confirm-cancel'}, 'Cancel'),
          h('button', {value: 'confirm', id: 'confirm-ok', class: 'danger'}, 'Delete'))));
  }

  function confirm(title, text) {
    const dialog = document.getElementById('confirm');
    dialog.querySelector('#confirm-title').textContent = title;
    dialog.querySelector('#confirm-text').textContent = text;
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('#confirm-cancel').focus(); // a destructive question starts on its safe answer
    return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true}));
  }

  async function confirmDeleteMonitor() {
    const ok = await confirm(`Delete ${monitor.name}?`,
      'Its environments, check-ins, incidents and processing errors are deleted too. A job that checks in again with a monitor_config creates it afresh.');
    if (!ok) {
      document.getElementById('delete-monitor')?.focus();
      return;
    }
    try {
      await api.deleteMonitor(organization, slug);
      announce(`${monitor.name} deleted.`);
      onDeleted();
    } catch (e) {
      message.textContent = e.message;
      message.classList.add('error');
    }
  }

  async function confirmDeleteEnvironment(name) {
    const ok = await confirm(`Delete environment ${name}?`,
      'Its check-ins and incidents are deleted. The next check-in naming it starts it afresh.');
    if (!ok) return;
    await act('monitor-title', () => api.deleteEnvironment(organization, slug, name), `Environment ${name} deleted.`);
  }

  return {
    unmount() {
      destroyed = true;
    },
  };
}

/** Sentry's monitor shape names only the open incident's id and start: its reason comes from the incident list. */
function withIncidentReasons(monitor, incidents) {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return {...monitor, environments: monitor.environments.map((env) => {
    const incident = env.activeIncident && byId.get(env.activeIncident.id);
    return incident ? {...env, activeIncident: {...env.activeIncident, reason: incident.reason,
      failureReason: incident.failureReason}} : env;
  })};
}

const CHECK_IN_ICONS = {ok: 'check', error: 'cross', timeout: 'clock', missed: 'alert', in_progress: 'play'};

function section_(id, title, ...content) {
  return h('section', {id, 'aria-labelledby': `${id}-title`},
    h('h2', {id: `${id}-title`, tabindex: '-1'}, title), content);
}

function table(headers, rows, name) {
  return h('table', {class: `data ${name}`},
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', {'data-label': headers[i]}, cell))))));
}
