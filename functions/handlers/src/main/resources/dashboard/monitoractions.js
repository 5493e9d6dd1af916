// What a monitor page changes through the management API (mute, pause, delete, and an environment's
// mute and delete): each destructive one asked first, each outcome shown in the page's status line
// and announced, the page loaded again after it.

import {api} from './api.js';
import {announce, h, icon} from './dom.js';

/**
 * The actions of one page. `page` is {organization, slug, monitor(), gone(), reload(focusId)};
 * `onDeleted` runs once the monitor is deleted.
 */
export function monitorActions(page, {onDeleted}) {
  const {organization, slug} = page;
  const message = h('p', {class: 'action-status', role: 'status'});

  /** Runs `call`, loads the page again with `focusId` focused, and says `done`; a failure says why. */
  async function act(focusId, call, done) {
    message.textContent = '';
    message.classList.remove('error');
    try {
      await call();
      if (page.gone()) return;
      await page.reload(focusId);
      message.textContent = done;
      announce(done);
    } catch (e) {
      if (page.gone()) return;
      message.textContent = e.message;
      message.classList.add('error');
    }
  }

  /** The header's buttons: mute, pause or resume, delete. */
  function buttons() {
    const monitor = page.monitor();
    const paused = monitor.status === 'disabled';
    return h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'mute-monitor', 'aria-pressed': String(monitor.isMuted),
        onclick: () => act('mute-monitor', () => api.updateMonitor(organization, slug, {isMuted: !monitor.isMuted}),
          monitor.isMuted ? 'Unmuted: alerts are sent again.' : 'Muted: incidents are recorded, no alert is sent.')},
      icon('mute'), monitor.isMuted ? 'Unmute' : 'Mute'),
      h('button', {type: 'button', id: 'pause-monitor', 'aria-pressed': String(paused),
        onclick: () => act('pause-monitor', () => api.updateMonitor(organization, slug, {status: paused ? 'active' : 'disabled'}),
          paused ? 'Resumed: check-ins are expected again.' : 'Paused: nothing is expected until you resume.')},
      icon(paused ? 'play' : 'pause'), paused ? 'Resume' : 'Pause'),
      h('button', {type: 'button', id: 'delete-monitor', class: 'danger', onclick: confirmDeleteMonitor}, 'Delete…'));
  }

  /** An environment's mute and delete buttons, for its row. */
  function environmentButtons(env) {
    const byMonitor = page.monitor().isMuted;
    return [
      h('button', {type: 'button', id: `mute-env-${env.name}`, 'aria-pressed': String(env.isMuted), disabled: byMonitor,
        title: byMonitor ? 'Muted with the whole monitor' : null,
        'aria-label': `${env.isMuted ? 'Unmute' : 'Mute'} environment ${env.name}`,
        onclick: () => act(`mute-env-${env.name}`, () => api.muteEnvironment(organization, slug, env.name, !env.isMuted),
          `${env.name} ${env.isMuted ? 'unmuted' : 'muted'}.`)},
      icon('mute'), env.isMuted ? 'Unmute' : 'Mute'),
      h('button', {type: 'button', class: 'danger', 'aria-label': `Delete environment ${env.name}`,
        onclick: () => confirmDeleteEnvironment(env.name)}, 'Delete…'),
    ];
  }

  /** The dialog every destructive action asks through; one per page. */
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
    const name = page.monitor().name;
    const ok = await confirm(`Delete ${name}?`,
      'Its environments, check-ins, incidents and processing errors are deleted too. A job that checks in again with a monitor_config creates it afresh.');
    if (!ok) {
      document.getElementById('delete-monitor')?.focus();
      return;
    }
    try {
      await api.deleteMonitor(organization, slug);
      announce(`${name} deleted.`);
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

  return {message, buttons, environmentButtons, confirmDialog};
}
