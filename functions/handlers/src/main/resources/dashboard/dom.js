// Building the page with DOM calls only: text is always a text node, never parsed as markup, so a
// monitor named "<img onerror=…>" shows as that text (the page's Trusted Types policy forbids the
// HTML-parsing sinks anyway).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element: h('a', {href: '#/'}, 'text', child). `on…` attributes take listeners. */
export function h(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element, same form as h(). */
export function s(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A small icon for a state, beside its text (colour is never the only signal). */
export function icon(name) {
  const paths = {
    check: 'M3 8.5l3 3 7-7',
    cross: 'M4 4l8 8M12 4l-8 8',
    play: 'M5 3.5v9l7-4.5z',
    pause: 'M5 3.5v9M11 3.5v9',
    clock: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.2l2.2 1.6',
    mute: 'M2.5 6h2.5l3-2.5v9l-3-2.5h-2.5zM10.5 6l3.5 4M14 6l-3.5 4',
    alert: 'M8 2.5l6 11h-12zM8 6.5v3.5M8 11.5v.5',
  };
  return s('svg', {class: `icon icon-${name}`, viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false'},
    s('path', {d: paths[name]}));
}

/** Announces a short message to screen readers (and shows it to everyone in the status line). */
export function announce(message) {
  const live = document.getElementById('live');
  if (live) live.textContent = message;
}

/** A titled section of a page, its heading a focus target (`<id>-title`). */
export function section(id, title, ...content) {
  return h('section', {id, 'aria-labelledby': `${id}-title`},
    h('h2', {id: `${id}-title`, tabindex: '-1'}, title), content);
}

/** A data table whose cells carry their column's name (the narrow layout shows it beside each value). */
export function table(headers, rows, name) {
  return h('table', {class: `data ${name}`},
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', {'data-label': headers[i]}, cell))))));
}
