// The styles every part shares: the card, notes, buttons and errors. Each part
// brings its own layout (its `STYLE`); the card puts them all in one <style>.

export const SHARED_STYLE = `
  :host { display: block; }
  [hidden] { display: none !important; }
  ha-card { padding: 16px; box-sizing: border-box; height: 100%; overflow: hidden;
    color: var(--primary-text-color); }
  .note { margin: 12px 0 0; font-size: 13px; color: var(--secondary-text-color); }
  .note.disclaimer { color: var(--primary-text-color); }
  button { font: inherit; font-size: 14px; font-weight: 500; flex: 1 1 auto;
    display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 40px; max-width: 100%; padding: 6px 14px; border-radius: 20px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.4));
    background: transparent; color: var(--primary-color); cursor: pointer;
    white-space: normal; text-align: center; }
  button:hover { background: color-mix(in srgb, currentColor 8%, transparent); }
  button.primary { background: var(--primary-color); border-color: var(--primary-color);
    color: var(--text-primary-color, #fff); }
  button.warn { color: var(--error-color, #db4437); border-color: currentColor; }
  button:focus-visible, select:focus-visible {
    outline: 2px solid var(--primary-color); outline-offset: 2px; }
  button[aria-disabled="true"] { opacity: 0.5; cursor: progress; }
  button ha-icon { --mdc-icon-size: 20px; flex: none; }
  .error { margin: 8px 0 0; font-size: 14px; color: var(--error-color, #db4437); }
  .error:empty { display: none; }
  .empty { margin: 0; color: var(--secondary-text-color); }
`;
