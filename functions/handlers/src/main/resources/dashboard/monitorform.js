// The monitor form: a new monitor (the first-run panel) and a monitor's configuration use the same
// fields, the schedule in words and its next runs as it is typed, and each refusal of the API shown
// beside its field.

import {api} from './api.js';
import {h} from './dom.js';
import {exact, now, scheduleText} from './format.js';

const SCHEDULE_FIELDS = ['config.schedule_type', 'config.schedule', 'config.timezone'];
/** Sentry's minutes; a Healthchecks check says both with its grace, in seconds as Healthchecks does. */
const LATENESS_FIELDS = ['config.checkin_margin', 'config.max_runtime'];
const GRACE_FIELDS = ['config.grace'];
const THRESHOLD_FIELDS = ['config.failure_issue_threshold', 'config.recovery_threshold'];
const UNITS = ['minute', 'hour', 'day', 'week', 'month', 'year'];
const TYPES = ['crontab', 'interval', 'oncalendar'];
/** A Healthchecks check's: `simple` is its timeout in seconds from the last ping (docs/spec.md §14). */
const CHECK_TYPES = ['simple', 'crontab', 'oncalendar'];
const NEXT_RUNS = 5;
/** The preview is asked for once typing pauses, not at every key. */
const PREVIEW_DELAY_MS = 400;

/**
 * A form for `{name, config}`. Ids are `<prefix>f-<field>` (inputs) and `<prefix>err-<field>`
 * (their errors), so two forms never share one. `onSubmit(body)` sends it; an error it throws with
 * a `field` is shown beside that field, any other in the form's error line.
 */
export function monitorForm({organization, prefix = '', name = '', config = {}, thresholds = true, submitLabel, submitId,
  statusId, before = [], onSubmit}) {
  const id = (what) => `${prefix}${what}`;
  const check = config.grace !== undefined && config.grace !== null;
  const types = check ? CHECK_TYPES : TYPES;
  const fields = ['name', ...SCHEDULE_FIELDS, ...(check ? GRACE_FIELDS : LATENESS_FIELDS),
    ...(thresholds && !check ? THRESHOLD_FIELDS : [])];
  const type = types.includes(config.schedule_type) ? config.schedule_type : 'crontab';
  const interval = type === 'interval';
  const field = (key, label, input, help) => h('div', {class: 'field', dataset: {field: key}},
    h('label', {for: id(`f-${key}`)}, label), input,
    help ? h('p', {class: 'help', id: id(`help-${key}`)}, help) : null,
    h('p', {class: 'field-error', id: id(`err-${key}`)}));
  const text = (key, value, extra = {}) => h('input', {id: id(`f-${key}`), name: key, type: 'text', value: value ?? '',
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id(`help-${key}`)} ${id(`err-${key}`)}`, ...extra});
  const number = (key, value) => text(key, value === null || value === undefined ? '' : String(value), {inputmode: 'numeric'});
  const typeSelect = h('select', {id: id('f-config.schedule_type'), name: 'config.schedule_type',
    'aria-describedby': id('err-config.schedule_type'), onchange: () => toggleScheduleInputs()},
  types.map((t) => h('option', {value: t, selected: t === type}, t)));
  const crontab = text('config.schedule', type === 'crontab' ? config.schedule : '', {hidden: type !== 'crontab',
    oninput: scheduleChanged});
  // several OnCalendar expressions go one per line, which a one-line input would join
  const calendar = h('textarea', {id: id('f-oncalendar'), name: 'oncalendar', rows: 2, autocomplete: 'off', spellcheck: 'false',
    hidden: type !== 'oncalendar', 'aria-label': 'OnCalendar expressions, one per line',
    'aria-describedby': `${id('help-config.schedule')} ${id('err-config.schedule')}`, oninput: scheduleChanged},
  type === 'oncalendar' ? config.schedule : '');
  const every = text('interval-value', interval ? String(config.schedule[0]) : '',
    {inputmode: 'numeric', 'aria-label': 'Every how many', oninput: scheduleChanged});
  const timeout = text('simple-timeout', type === 'simple' ? String(config.schedule) : '',
    {inputmode: 'numeric', hidden: type !== 'simple', 'aria-label': 'Timeout (seconds after the last ping)',
      oninput: scheduleChanged});
  const unit = h('select', {id: id('f-interval-unit'), 'aria-label': 'Interval unit', onchange: scheduleChanged},
    UNITS.map((u) => h('option', {value: u, selected: interval && config.schedule[1] === u}, u)));
  const zone = text('config.timezone', config.timezone, {list: id('zones'), oninput: scheduleChanged});
  const words = h('p', {class: 'help schedule-words', id: id('words-schedule'), 'aria-live': 'polite'});
  const nextRuns = h('ol', {class: 'next-runs', id: id('next-runs'), 'aria-labelledby': id('next-runs-title')});
  const nextRunsBlock = h('div', {class: 'help', hidden: true},
    h('span', {id: id('next-runs-title')}, `Next ${NEXT_RUNS} runs`), nextRuns);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const formError = h('p', {class: 'field-error', id: id('err-form'), role: 'alert'});
  const button = h('button', {type: 'submit', class: 'primary', id: submitId}, submitLabel);
  const form = h('form', {class: 'monitor-form', method: 'post', novalidate: true, onsubmit: submit},
    before,
    field('name', 'Name', text('name', name)),
    field('config.schedule_type', 'Schedule type', typeSelect),
    field('config.schedule', 'Schedule', [h('div', {class: 'schedule-inputs'}, crontab, calendar, timeout,
      h('span', {class: 'interval-inputs', hidden: !interval}, every, unit)), words, nextRunsBlock],
    check ? 'A timeout in seconds after the last ping (simple), a crontab such as 0 * * * *, or systemd OnCalendar '
      + 'expressions such as Mon..Fri 09:00, one per line.'
      : 'A crontab such as 0 * * * * (Debian cron, with names, L, W and #), an interval, or systemd OnCalendar '
      + 'expressions such as Mon..Fri 09:00, one per line.'),
    field('config.timezone', 'Time zone', zone, 'An IANA zone such as Europe/Riga; empty means UTC.'),
    h('datalist', {id: id('zones')}, zones.map((z) => h('option', {value: z}))),
    check ? field('config.grace', 'Grace (seconds)', number('config.grace', config.grace),
      'How long after its due time, or after a start, a ping may come before the check is down: 60 to 31536000.') : [
      field('config.checkin_margin', 'Check-in margin (minutes)', number('config.checkin_margin', config.checkin_margin),
        'How late a check-in may be before it is missed; empty means 1.'),
      field('config.max_runtime', 'Maximum runtime (minutes)', number('config.max_runtime', config.max_runtime),
        'How long a run may stay in progress; empty means 30.'),
    ],
    thresholds && !check ? [
      field('config.failure_issue_threshold', 'Failures before an incident',
        number('config.failure_issue_threshold', config.failure_issue_threshold), 'Empty means 1.'),
      field('config.recovery_threshold', 'Successes before recovery',
        number('config.recovery_threshold', config.recovery_threshold), 'Empty means 1.'),
    ] : null,
    formError,
    h('div', {class: 'form-actions'}, button, h('span', {id: statusId, role: 'status'})));
  let previewTimer = null;
  let previewsAsked = 0;
  let previewErrorKey = null;
  scheduleChanged();
  return form;

  function toggleScheduleInputs() {
    crontab.hidden = typeSelect.value !== 'crontab';
    calendar.hidden = typeSelect.value !== 'oncalendar';
    timeout.hidden = typeSelect.value !== 'simple';
    form.querySelector('.interval-inputs').hidden = typeSelect.value !== 'interval';
    scheduleChanged();
  }

  /** The schedule's own control that is shown: an error about the schedule goes there. */
  function scheduleInput() {
    return {crontab, oncalendar: calendar, interval: every, simple: timeout}[typeSelect.value];
  }

  function value(key) {
    return form.querySelector(`[id="${id(`f-${key}`)}"]`).value.trim();
  }

  function integer(key) {
    const v = value(key);
    if (v === '') return null;
    return /^-?\d+$/.test(v) ? Number(v) : v; // anything else goes as typed: the API names the field
  }

  function schedule() {
    if (typeSelect.value === 'interval') return [integer('interval-value'), unit.value];
    if (typeSelect.value === 'simple') return integer('simple-timeout');
    return typeSelect.value === 'oncalendar' ? calendar.value.trim() : value('config.schedule');
  }

  function scheduleChanged() {
    const s = schedule();
    const empty = Array.isArray(s) ? s[0] === null : s === '' || s === null;
    words.textContent = empty ? '' : scheduleText({schedule_type: typeSelect.value, schedule: s, timezone: value('config.timezone')});
    clearTimeout(previewTimer);
    previewsAsked++;
    // a timeout's runs count from the last ping: there is no calendar to preview
    if (empty || typeSelect.value === 'simple') {
      showNextRuns(null);
      showPreviewError(null);
    } else {
      previewTimer = setTimeout(preview, PREVIEW_DELAY_MS);
    }
  }

  /** The next runs as the server's engine counts them, in the monitor's zone; only the newest answer is shown. */
  async function preview() {
    if (!form.isConnected) return;
    const asked = ++previewsAsked;
    const timezone = value('config.timezone') || null;
    try {
      const {data} = await api.schedulePreview(organization, {schedule_type: typeSelect.value, schedule: schedule(), timezone},
        new Date(now()).toISOString(), NEXT_RUNS);
      if (asked !== previewsAsked) return;
      showPreviewError(null);
      showNextRuns((data ?? []).map((seconds) => inZone(new Date(seconds * 1000).toISOString(), timezone ?? 'UTC')));
    } catch (e) {
      if (asked !== previewsAsked) return;
      showNextRuns(null);
      showPreviewError(e);
    }
  }

  function showNextRuns(times) {
    nextRunsBlock.hidden = times === null;
    nextRuns.replaceChildren(...(times ?? []).map((time) => h('li', {}, time)));
    if (times?.length === 0) nextRuns.append(h('li', {}, 'none: it never runs again'));
  }

  /** The preview's refusal beside the field it names (the query's names are the config's), else beside the schedule. */
  function showPreviewError(error) {
    if (previewErrorKey) showFieldError(previewErrorKey, null);
    previewErrorKey = null;
    if (!error) return;
    previewErrorKey = fields.includes(`config.${error.field}`) ? `config.${error.field}` : 'config.schedule';
    showFieldError(previewErrorKey, error.message);
  }

  async function submit(event) {
    event.preventDefault();
    clearTimeout(previewTimer);
    previewsAsked++; // the answer to the submit is the one to show
    previewErrorKey = null;
    for (const key of [...fields, 'form']) showFieldError(key, null);
    const body = {
      name: value('name'),
      config: {
        schedule_type: typeSelect.value,
        schedule: schedule(),
        timezone: value('config.timezone') || null,
        ...(check ? {grace: integer('config.grace')}
          : {checkin_margin: integer('config.checkin_margin'), max_runtime: integer('config.max_runtime')}),
      },
    };
    if (thresholds && !check) {
      body.config.failure_issue_threshold = integer('config.failure_issue_threshold');
      body.config.recovery_threshold = integer('config.recovery_threshold');
    }
    button.disabled = true;
    try {
      await onSubmit(body);
    } catch (e) {
      const key = fields.includes(e.field) ? e.field : 'form';
      showFieldError(key, e.field && key === 'form' ? `${e.field}: ${e.message}` : e.message);
      const input = key === 'config.schedule' ? scheduleInput() : document.getElementById(id(`f-${key}`));
      (input ?? formError).focus();
    } finally {
      button.disabled = false;
    }
  }

  function showFieldError(key, message) {
    const error = document.getElementById(id(`err-${key}`));
    if (error) error.textContent = message ?? '';
    const input = key === 'config.schedule' ? scheduleInput() : document.getElementById(id(`f-${key}`));
    if (input) {
      for (const other of key === 'config.schedule' ? [crontab, calendar, every, timeout] : []) other.removeAttribute('aria-invalid');
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  /** A time in the zone typed; one the browser does not know (the server may) falls back to UTC. */
  function inZone(iso, timeZone) {
    try {
      return exact(iso, timeZone);
    } catch {
      return exact(iso, 'UTC');
    }
  }
}
