// One monitor's page: loads the monitor with its incidents and processing errors, lays out its
// sections (each drawn by its own module: environments and timelines, check-ins, incidents and
// processing errors, the configuration form, setup help, the actions) and loads again after a change.

import {api} from './api.js';
import {announce, h, section} from './dom.js';
import {kindText, scheduleText} from './format.js';
import {badge} from './monitors.js';
import {droppedList} from './errors.js';
import {monitorActions} from './monitoractions.js';
import {monitorCheckIns} from './monitorcheckins.js';
import {monitorEnvironments} from './monitorenvironments.js';
import {monitorForm} from './monitorform.js';
import {errorsTable, incidentsTable, withIncidentReasons} from './monitorhistory.js';
import {setupSection} from './setup.js';
import {monitorState} from './status.js';

export function monitorPage(main, {organization, slug, section: openSection, projectName, dsnFor, pingKeyFor, onDeleted}) {
  let destroyed = false;
  let monitor = null;
  let focusSetup = openSection === 'setup';
  const page = {organization, slug, root: main, monitor: () => monitor, gone: () => destroyed,
    reload: (focus) => load({focus})};
  const actions = monitorActions(page, {onDeleted});
  const environments = monitorEnvironments(page, actions.environmentButtons);
  const checkIns = monitorCheckIns(page);

  main.replaceChildren(h('p', {role: 'status'}, 'Loading…'));
  load({focus: 'heading'});

  async function load({focus} = {}) {
    try {
      const [m, incidents, errors] = await Promise.all([api.monitor(organization, slug),
        api.incidents(organization, slug), api.processingErrors(organization, slug)]);
      if (destroyed) return;
      monitor = withIncidentReasons(m.data, incidents.data ?? []);
      render(incidents.data ?? [], errors.data ?? []);
      if (focusSetup && focus === 'heading') {
        document.getElementById('setup-title')?.focus();
        focusSetup = false;
      } else if (focus) {
        document.getElementById(focus === 'heading' ? 'monitor-title' : focus)?.focus();
      }
      checkIns.load();
      environments.load();
      fillSetup();
    } catch (e) {
      if (destroyed) return;
      const errors = e.status === 404 ? await droppedHere() : [];
      if (destroyed) return;
      main.replaceChildren(h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, '← All monitors')),
        h('h1', {id: 'monitor-title', tabindex: '-1'}, e.status === 404 ? `No monitor "${slug}"` : 'This monitor could not be loaded'),
        e.status !== 404 ? h('p', {class: 'error'}, e.message)
          : errors.length === 0 ? h('p', {class: 'error'}, 'It may have been deleted.')
            : section('processing-errors', 'Check-ins sent to this slug were dropped', droppedList(errors)));
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
        h('p', {class: 'meta'}, monitor.slug, ' · ', projectName(String(monitor.project)), ' · ', scheduleText(monitor.config),
          kindText(monitor) ? ` · ${kindText(monitor)}` : ''),
        actions.buttons(),
        actions.message),
      section('environments', 'Environments', environments.view()),
      section('durations', 'Run durations', environments.chartSlot()),
      section('check-ins', 'Check-ins', checkIns.view()),
      section('incidents', 'Incidents', incidentsTable(incidents)),
      section('processing-errors', 'Processing errors', errorsTable(errors)),
      section('configuration', 'Configuration', configForm()),
      section('setup', 'Set up this job', h('div', {id: 'setup-body'}, h('p', {}, 'Loading…'))),
      actions.confirmDialog());
  }

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

  async function fillSetup() {
    const names = monitor.environments.map((env) => env.name);
    const dsn = await dsnFor(String(monitor.project));
    const pingKey = monitor.healthchecks ? await pingKeyFor(String(monitor.project)) : null;
    if (destroyed) return;
    document.getElementById('setup-body')?.replaceChildren(
      setupSection({organization, monitor, environments: names, dsn, pingKey, origin: location.origin}));
  }

  return {
    unmount() {
      destroyed = true;
    },
  };
}
