// The monitor form: a new monitor (the first-run panel) and a monitor's configuration use the same
// fields, the schedule in words as it is typed, and each refusal of the API shown beside its field.

import {h} from './dom.js';
import {scheduleText} from './format.js';

const SCHEDULE_FIELDS = ['config.schedule_type', 'config.schedule', 'config.timezone', 'config.checkin_margin',
  'config.max_runtime'];
const THRESHOLD_FIELDS = ['config.failure_issue_threshold', 'config.recovery_threshold'];
const UNITS = ['minute', 'hour', 'day', 'week', 'month', 'year'];

/**
 * A form for `{name, config}`. Ids are `<prefix>f-<field>` (inputs) and `<prefix>err-<field>`
 * (their errors), so two forms never share one. `onSubmit(body)` sends it; an error it throws with
 * a `field` is shown beside that field, any other in the form's error line.
 */
export function monitorForm({prefix = '', name = '', config = {}, thresholds = true, submitLabel, submitId, statusId,
  before = [], onSubmit}) {
  const id = (what) => `${prefix}${what}`;
  const fields = ['name', ...SCHEDULE_FIELDS, ...(thresholds ? THRESHOLD_FIELDS : [])];
  const interval = config.schedule_type === 'interval';
  const field = (key, label, input, help) => h('div', {class: 'field', dataset: {field: key}},
    h('label', {for: id(`f-${key}`)}, label), input,
    help ? h('p', {class: 'help', id: id(`help-${key}`)}, help) : null,
    h('p', {class: 'field-error', id: id(`err-${key}`)}));
  const text = (key, value, extra = {}) => h('input', {id: id(`f-${key}`), name: key, type: 'text', value: value ?? '',
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id(`help-${key}`)} ${id(`err-${key}`)}`, ...extra});
  const number = (key, value) => text(key, value === null || value === undefined ? '' : String(value), {inputmode: 'numeric'});
  const typeSelect = h('select', {id: id('f-config.schedule_type'), name: 'config.schedule_type',
    'aria-describedby': id('err-config.schedule_type'), onchange: () => toggleScheduleInputs()},
  h('option', {value: 'crontab', selected: !interval}, 'crontab'), h('option', {value: 'interval', selected: interval}, 'interval'));
  const crontab = text('config.schedule', interval ? '' : config.schedule, {hidden: interval, oninput: showWords});
  const every = text('interval-value', interval ? String(config.schedule[0]) : '',
    {inputmode: 'numeric', 'aria-label': 'Every how many', oninput: showWords});
  const unit = h('select', {id: id('f-interval-unit'), 'aria-label': 'Interval unit', onchange: showWords},
    UNITS.map((u) => h('option', {value: u, selected: interval && config.schedule[1] === u}, u)));
  const zone = text('config.timezone', config.timezone, {list: id('zones'), oninput: showWords});
  const words = h('p', {class: 'help schedule-words', id: id('words-schedule'), 'aria-live': 'polite'});
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const formError = h('p', {class: 'field-error', id: id('err-form'), role: 'alert'});
  const button = h('button', {type: 'submit', class: 'primary', id: submitId}, submitLabel);
  const form = h('form', {class: 'monitor-form', method: 'post', novalidate: true, onsubmit: submit},
    before,
    field('name', 'Name', text('name', name)),
    field('config.schedule_type', 'Schedule type', typeSelect),
    field('config.schedule', 'Schedule', [h('div', {class: 'schedule-inputs'}, crontab,
      h('span', {class: 'interval-inputs', hidden: !interval}, every, unit)), words],
    'A crontab such as 0 * * * * (Debian cron, with names, L, W and #), or an interval.'),
    field('config.timezone', 'Time zone', zone, 'An IANA zone such as Europe/Riga; empty means UTC.'),
    h('datalist', {id: id('zones')}, zones.map((z) => h('option', {value: z}))),
    field('config.checkin_margin', 'Check-in margin (minutes)', number('config.checkin_margin', config.checkin_margin),
      'How late a check-in may be before it is missed; empty means 1.'),
    field('config.max_runtime', 'Maximum runtime (minutes)', number('config.max_runtime', config.max_runtime),
      'How long a run may stay in progress; empty means 30.'),
    thresholds ? [
      field('config.failure_issue_threshold', 'Failures before an incident',
        number('config.failure_issue_threshold', config.failure_issue_threshold), 'Empty means 1.'),
      field('config.recovery_threshold', 'Successes before recovery',
        number('config.recovery_threshold', config.recovery_threshold), 'Empty means 1.'),
    ] : null,
    formError,
    h('div', {class: 'form-actions'}, button, h('span', {id: statusId, role: 'status'})));
  showWords();
  return form;

  function toggleScheduleInputs() {
    const isInterval = typeSelect.value === 'interval';
    crontab.hidden = isInterval;
    form.querySelector('.interval-inputs').hidden = !isInterval;
    showWords();
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
    return typeSelect.value === 'interval' ? [integer('interval-value'), unit.value] : value('config.schedule');
  }

  function showWords() {
    const s = schedule();
    const empty = Array.isArray(s) ? s[0] === null : s === '';
    words.textContent = empty ? '' : scheduleText({schedule_type: typeSelect.value, schedule: s, timezone: value('config.timezone')});
  }

  async function submit(event) {
    event.preventDefault();
    for (const key of [...fields, 'form']) showFieldError(key, null);
    const body = {
      name: value('name'),
      config: {
        schedule_type: typeSelect.value,
        schedule: schedule(),
        timezone: value('config.timezone') || null,
        checkin_margin: integer('config.checkin_margin'),
        max_runtime: integer('config.max_runtime'),
      },
    };
    if (thresholds) {
      body.config.failure_issue_threshold = integer('config.failure_issue_threshold');
      body.config.recovery_threshold = integer('config.recovery_threshold');
    }
    button.disabled = true;
    try {
      await onSubmit(body);
    } catch (e) {
      const key = fields.includes(e.field) ? e.field : 'form';
      showFieldError(key, e.field && key === 'form' ? `${e.field}: ${e.message}` : e.message);
      const input = document.getElementById(id(`f-${key}`));
      (input && !input.hidden ? input : key === 'config.schedule' ? every : formError).focus();
    } finally {
      button.disabled = false;
    }
  }

  function showFieldError(key, message) {
    const error = document.getElementById(id(`err-${key}`));
    if (error) error.textContent = message ?? '';
    const input = document.getElementById(id(`f-${key}`));
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}
