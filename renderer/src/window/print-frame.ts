// Prints a whole page of HTML (a receipt sheet, the day sheet) from a hidden frame, so the
// browser's print shows that page alone — its own @page size, none of the window around it.
// The keyboard focus goes back where it was once the print window is done.

/** Resolves true once the frame's print was called, false when the browser would not. */
export function printInFrame(html: string): Promise<boolean> {
  return new Promise((resolve) => {
    for (const old of Array.from(document.querySelectorAll('iframe[data-print-frame]'))) old.remove();
    const back = document.activeElement as HTMLElement | null;
    const frame = document.createElement('iframe');
    frame.setAttribute('data-print-frame', '');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = '打印';
    // Zero-sized but not display:none: some browsers print nothing from an undisplayed frame.
    Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
    frame.onload = () => {
      const win = frame.contentWindow;
      if (!win) return resolve(false);
      void (win.document.fonts?.ready ?? Promise.resolve())
        .then(() => {
          win.focus();
          win.print();
          resolve(true);
        })
        .catch(() => resolve(false))
        .finally(() => back?.focus());
    };
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}
