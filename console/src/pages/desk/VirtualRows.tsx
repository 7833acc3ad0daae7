import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A window onto a long list: only the rows in view (and a few around them)
 * are in the page, placed at their offset inside a block as tall as the whole
 * list, so 500 or 5,000 rows scroll as smoothly as 20.
 */
export function VirtualRows<T>({
  items,
  rowHeight,
  height,
  overscan = 6,
  label,
  renderRow,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  overscan?: number;
  label: string;
  renderRow: (item: T, index: number, style: React.CSSProperties) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(element.scrollTop));
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', onScroll);
    };
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const visible: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    visible.push(renderRow(items[index], index, { position: 'absolute', top: index * rowHeight, left: 0, right: 0, height: rowHeight }));
  }
  return (
    <div
      ref={scroller}
      data-queue-scroll
      tabIndex={0}
      role="rowgroup"
      aria-label={label}
      className="desk-virtual-scroll"
      style={{ height, overflowY: 'auto', position: 'relative' }}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>{visible}</div>
    </div>
  );
}
