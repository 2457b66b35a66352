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
    addEventListener('beforeprint', on);
    addEventListener('afterprint', off);
    return () => {
      removeEventListener('beforeprint', on);
      removeEventListener('afterprint', off);
    };
  }, []);
  return printing;
}
