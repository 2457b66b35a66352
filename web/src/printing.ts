import { useEffect, useState } from 'preact/hooks';

/**
 * Whether the page is being printed: between the browser's beforeprint and
 * afterprint events. A paged list shows every row while it is true, so a printed
 * plan carries every site, not the first page of the table.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => matchMedia('print').matches);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    // Print media switched on or off without the print dialog (a print preview, an emulated medium).
    const media = matchMedia('print');
    const change = () => setPrinting(media.matches);
    addEventListener('beforeprint', on);
    addEventListener('afterprint', off);
    media.addEventListener('change', change);
    return () => {
      removeEventListener('beforeprint', on);
      removeEventListener('afterprint', off);
      media.removeEventListener('change', change);
    };
  }, []);
  return printing;
}
