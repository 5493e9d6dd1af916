// The dashboard's entry point: the session, the header, and the routes of the page's fragment
// (#/ for the monitors, #/monitors/<slug> for one, and the alerts' links
// #/organizations/<org>/monitors/<slug>?environment=<env>), so the server only ever serves "/".

import {api, session} from './api.js';
import {announce, h} from './dom.js';
import {monitorPage} from './monitor.js';
import {monitorsPage} from './monitors.js';
import {signIn} from './signin.js';

const main = document.getElementById('main');
const organizationLabel = document.getElementById('organization');
const signOutButton = document.getElementById('sign-out');
let current = null;
let directory = null;

signOutButton.addEventListener('click', () => signOut(null));
window.addEventListener('hashchange', route);
window.addEventListener('cronwatch:unauthorized', () => signOut('The token was not accepted any more: sign in again.'));
route();

function route() {
  current?.unmount();
  current = null;
  const s = session.get();
  if (!s) {
    showSignedIn(null);
    // a link from an alert opens its monitor once signed in
    current = signIn(main, {onSignedIn: route});
    return;
  }
  showSignedIn(s.organization);
  const match = /^#\/(?:organizations\/([^/]+)\/)?monitors\/([^/?]+)(?:\/(setup))?(?:\?.*)?$/.exec(location.hash);
  // read again for the list: a project made since shows by its name there (and in its filter)
  if (!match || !directory) directory = projectDirectory(s.organization);
  // another organization's link shows this one's list: a token reads only its own organization
  const sameOrganization = !match?.[1] || decoded(match[1]) === s.organization;
  const slug = match && sameOrganization ? decoded(match[2]) : null;
  if (slug) {
    current = monitorPage(main, {organization: s.organization, slug, section: match[3],
      projectName: directory.name, dsnFor: directory.dsn, pingKeyFor: directory.pingKey,
      onDeleted: () => { location.hash = '#/'; }});
  } else {
    current = monitorsPage(main, {organization: s.organization, projectName: directory.name,
      projects: directory.projects, dsnFor: directory.dsn});
  }
}

function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // a hand-typed fragment that is not valid percent-encoding: the list instead
  }
}

function signOut(message) {
  current?.unmount();
  current = null;
  session.clear();
  directory = null;
  showSignedIn(null);
  if (location.hash && location.hash !== '#/') history.replaceState(null, '', '#/');
  current = signIn(main, {message, onSignedIn: route});
  announce(message ?? 'Signed out.');
}

function showSignedIn(organization) {
  organizationLabel.textContent = organization ? `Organization ${organization}` : '';
  signOutButton.hidden = !organization;
}

/**
 * Project names and DSNs, from the projects and keys listings when this deployment has them; the
 * dashboard works without them (ids instead of names, placeholders instead of a DSN).
 */
function projectDirectory(organization) {
  const names = new Map();
  let projects = null;
  const loaded = api.projects(organization).then(({data}) => {
    projects = Array.isArray(data) ? data : [];
    for (const p of projects) names.set(String(p.id), p.name || p.slug || String(p.id));
  }).catch(() => { projects = []; });
  const dsns = new Map();
  const pingKeys = new Map();
  const project = async (projectId) => {
    await loaded;
    return projects.find((p) => String(p.id) === String(projectId));
  };
  return {
    name: (id) => names.get(String(id)) ?? `project ${id}`,
    async projects() {
      await loaded;
      return projects;
    },
    async dsn(projectId) {
      const found = await project(projectId);
      if (!found) return null;
      if (!dsns.has(found.slug)) {
        dsns.set(found.slug, api.keys(organization, found.slug).then(({data}) => {
          const key = (data ?? []).find((k) => k.dsn?.public);
          return key ? key.dsn.public : null;
        }).catch(() => null));
      }
      return dsns.get(found.slug);
    },
    /** The project's Healthchecks ping key (made on first use), or null. */
    async pingKey(projectId) {
      const found = await project(projectId);
      if (!found) return null;
      if (!pingKeys.has(found.slug)) {
        pingKeys.set(found.slug, api.pingKey(organization, found.slug).then(({data}) => data?.pingKey ?? null)
          .catch(() => null));
      }
      return pingKeys.get(found.slug);
    },
  };
}
