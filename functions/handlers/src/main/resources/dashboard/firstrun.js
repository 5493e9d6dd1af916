// The first run of the dashboard, when the organization has no monitor: the project's DSN, a curl
// line and a sentry-cli line that each create a monitor with their first check-in, and a form that
// creates one through the management API.

import {api} from './api.js';
import {h} from './dom.js';
import {monitorForm} from './monitorform.js';
import {block, endpoints, shellQuote} from './setup.js';

const EXAMPLE_SLUG = 'my-job';
const EXAMPLE_SCHEDULE = '0 * * * *';

/** The two lines, as plain text, so they can be tested without a browser. */
export function firstRunLines({organization, dsn, origin, projectId}) {
  const e = endpoints(dsn, origin, projectId);
  const url = `${e.base}/api/0/organizations/${encodeURIComponent(organization)}/monitors/${EXAMPLE_SLUG}/checkins/`;
  const body = JSON.stringify({status: 'ok', monitor_config: {schedule: {type: 'crontab', value: EXAMPLE_SCHEDULE}}});
  return {
    dsn: e.dsn,
    known: e.known,
    curl: `curl -X POST ${shellQuote(url)} --header ${shellQuote(`Authorization: DSN ${e.dsn}`)}`
      + ` --header 'Content-Type: application/json' --data-raw ${shellQuote(body)}`,
    sentryCli: `SENTRY_DSN=${shellQuote(e.dsn)} sentry-cli monitors run -s ${shellQuote(EXAMPLE_SCHEDULE)} ${EXAMPLE_SLUG} -- your-command`,
  };
}

/** `projects()` lists the organization's projects, `dsnFor(id)` a project's DSN (or null). */
export function firstRunPanel({organization, projects, dsnFor, origin}) {
  const body = h('div', {class: 'first-run-body'}, h('p', {}, 'Loading…'));
  const panel = h('section', {class: 'first-run', id: 'first-run', 'aria-labelledby': 'first-run-title'},
    h('h2', {id: 'first-run-title'}, 'Start monitoring a job'),
    h('p', {}, 'No monitor yet. A job creates its monitor with its first check-in when the check-in carries a ',
      h('code', {}, 'monitor_config'), ', as both lines below do; or create one with the form.'),
    body);
  fill();
  return panel;

  async function fill() {
    const listed = await projects();
    const projectId = String(listed[0]?.id ?? '1');
    const dsn = await dsnFor(projectId);
    const lines = firstRunLines({organization, dsn, origin, projectId});
    // replaceChildren renders a null as the text "null": parts left out are filtered first
    body.replaceChildren(...[
      h('div', {class: 'dsn'}, h('span', {class: 'label'}, `DSN of ${listed[0]?.name ?? `project ${projectId}`}`),
        h('code', {id: 'first-run-dsn'}, lines.dsn)),
      lines.known ? null : h('p', {class: 'notice', role: 'note'}, 'No DSN key could be listed for this project here: in local mode it is in ',
        h('code', {}, '.cronwatch/local.json'), '; on a deployed stack, infra/bootstrap.sh printed it.'),
      block('first-run-curl', `curl: one check-in that creates monitor ${EXAMPLE_SLUG}`, lines.curl),
      block('first-run-cli', `sentry-cli: run a command as monitor ${EXAMPLE_SLUG}`, lines.sentryCli),
      h('h3', {id: 'new-monitor-title'}, 'New monitor'),
      monitorForm({organization, prefix: 'new-', thresholds: false, config: {schedule_type: 'crontab', schedule: EXAMPLE_SCHEDULE},
        submitLabel: 'Create monitor', submitId: 'create-monitor', statusId: 'new-status',
        before: listed.length > 1 ? projectField(listed, projectId) : null,
        onSubmit: async (monitor) => {
          const project = panel.querySelector('#new-f-project')?.value ?? projectId;
          const {data} = await api.createMonitor(organization, {project, ...monitor});
          location.hash = `#/monitors/${encodeURIComponent(data.slug)}`;
        }}),
    ].filter(Boolean));
  }
}

function projectField(listed, selected) {
  return h('div', {class: 'field'}, h('label', {for: 'new-f-project'}, 'Project'),
    h('select', {id: 'new-f-project'}, listed.map((p) =>
      h('option', {value: String(p.id), selected: String(p.id) === selected}, p.name || p.slug))));
}
