// ↑ and ↓ through a list (issue 19): a Svelte action for a list's container. Among the
// container's elements matching `selector`, the arrows move the focus to the previous or
// next one; from the search field named by `from`, ↓ enters the list at its first.
export type ArrowOptions = { selector?: string; from?: string };

export function arrows(node: HTMLElement, options: ArrowOptions = {}) {
  let { selector = 'button', from } = options;

  // What can take the focus now: not disabled, and shown (an item of a closed section is not).
  const items = () =>
    [...node.querySelectorAll<HTMLElement>(selector)].filter((item) => !item.hasAttribute('disabled') && item.getClientRects().length > 0);

  function onKeydown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 && from) document.getElementById(from)?.focus();
    else list[Math.max(0, Math.min(next, list.length - 1))]?.focus();
  }

  function onSearchKeydown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' || (event.target as HTMLElement | null)?.id !== from) return;
    const first = items()[0];
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }

  node.addEventListener('keydown', onKeydown);
  document.addEventListener('keydown', onSearchKeydown);
  return {
    update(next: ArrowOptions = {}) {
      ({ selector = 'button', from } = next);
    },
    destroy() {
      node.removeEventListener('keydown', onKeydown);
      document.removeEventListener('keydown', onSearchKeydown);
    },
  };
}
