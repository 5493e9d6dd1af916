// Sign-in with an organization token. The form never submits anywhere (the page's policy forbids
// it): the token goes into this tab's sessionStorage and into Authorization headers, never a URL.

import {api, session} from './api.js';
import {h} from './dom.js';

export function signIn(main, {message, onSignedIn}) {
  const error = h('p', {id: 'token-error', class: 'field-error', role: 'alert'}, message ?? '');
  const input = h('input', {id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': 'token-help token-error'});
  const button = h('button', {type: 'submit', class: 'primary'}, 'Sign in');
  const form = h('form', {class: 'signin', method: 'post', 'aria-labelledby': 'signin-title', onsubmit: submit},
    h('h1', {id: 'signin-title', tabindex: '-1'}, 'Sign in to cronwatch'),
    h('label', {for: 'token'}, 'Organization token'),
    input,
    h('p', {id: 'token-help', class: 'help'},
      'Local mode prints a token when it starts and keeps it in ', h('code', {}, '.cronwatch/local.json'),
      '; a deployed stack\'s first token comes from ', h('code', {}, 'infra/bootstrap.sh'),
      '. It stays in this tab only, until you sign out or close it.'),
    error,
    button);

  async function submit(event) {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      showError('Enter a token.');
      return;
    }
    button.disabled = true;
    error.textContent = '';
    try {
      const {data} = await api.organizations(token);
      const organization = data?.[0]?.slug;
      if (!organization) throw new Error('This token reaches no organization.');
      session.set(token, organization);
      input.value = '';
      onSignedIn();
    } catch (e) {
      showError(e.status === 401 ? 'This token was not accepted.' : e.message);
    } finally {
      button.disabled = false;
    }
  }

  function showError(text) {
    error.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  main.replaceChildren(form);
  input.focus();
  return {unmount() {}};
}
