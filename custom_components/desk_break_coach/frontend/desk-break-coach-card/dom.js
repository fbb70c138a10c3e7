// Small DOM helpers: write only what changed, so a render that changes nothing
// touches nothing (no flicker, no lost selection, no screen reader chatter).

export function setText(el, text) {
  const value = text === undefined || text === null ? "" : String(text);
  if (el.textContent !== value) el.textContent = value;
}

export function setAttr(el, name, value) {
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

// An element with a class and, optionally, attributes and children.
export function element(tag, className, attrs = {}, children = []) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}
