// The diagnosis panel's only script: buttons ask the extension to copy or to
// run a key command, check boxes report ticks. It builds no HTML; the extension renders the page.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();

  document.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target);
    const keys = target && target.closest('button[data-keys]');
    if (keys) {
      vscode.postMessage({ type: 'keys', action: keys.getAttribute('data-keys'), item: Number(keys.getAttribute('data-item')) });
      return;
    }
    const button = target && target.closest('button[data-copy]');
    if (!button) return;
    vscode.postMessage({ type: 'copy', id: button.getAttribute('data-copy') });
  });

  document.addEventListener('change', (event) => {
    const input = /** @type {HTMLInputElement | null} */ (event.target);
    if (!input || !input.matches('input[type=checkbox][data-tick]')) return;
    vscode.postMessage({ type: 'tick', key: input.getAttribute('data-tick'), checked: input.checked });
  });

  // "Copied" feedback on the button that asked, then back to its label.
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'copied' || typeof m.id !== 'string') return;
    for (const b of document.querySelectorAll('button[data-copy]')) {
      if (b.getAttribute('data-copy') !== m.id) continue;
      const label = b.getAttribute('data-label') || b.textContent || '';
      b.setAttribute('data-label', label);
      b.textContent = 'Copied';
      b.classList.add('done');
      setTimeout(() => {
        b.textContent = label;
        b.classList.remove('done');
      }, 1500);
    }
  });
})();
