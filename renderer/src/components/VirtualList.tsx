// A fixed-row-height window over a long list: only the rows in view (plus a few) are in the DOM,
// so 10,000 projects scroll as smoothly as 10.
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

interface Props {
  itemCount: number;
  rowHeight: number;
  /** Rows rendered above and below the visible ones. */
  overscan?: number;
  label: string;
  renderRow: (index: number) => ReactNode;
  rowKey: (index: number) => string | number;
  /** Changes to this value scroll back to the top (e.g. a new filter). */
  resetKey?: unknown;
  /** Where to start (back from a project's detail); 0 by default. */
  initialScrollTop?: number;
  onScrollTopChange?: (scrollTop: number) => void;
}

export function VirtualList({
  itemCount,
  rowHeight,
  overscan = 6,
  label,
  renderRow,
  rowKey,
  resetKey,
  initialScrollTop = 0,
  onScrollTopChange,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(initialScrollTop);
  // Coming back to a scrolled list: one forced layout is the price of the place kept (the first screen starts at 0).
  useLayoutEffect(() => {
    if (initialScrollTop > 0 && scroller.current) scroller.current.scrollTop = initialScrollTop;
    // Once, at mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // The list is never taller than the window: start from the window's height rather than measuring the list,
  // which would force a layout of the whole page before its first paint, and without the rows kept beyond the
  // view, which nobody sees in the first frame. The observer then reports the real height (it fires once right
  // after the first layout, and on every resize), and the extra rows follow.
  const [viewport, setViewport] = useState(() => ({ height: window.innerHeight || 600, measured: false }));

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      setViewport({ height: el.clientHeight || window.innerHeight || 600, measured: true }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Back to the top when the reset key changes, not on mount: a new list starts at the top anyway, and setting
  // scrollTop forces a layout of the whole page before its first paint.
  const shownKey = useRef(resetKey);
  useEffect(() => {
    if (Object.is(shownKey.current, resetKey)) return;
    shownKey.current = resetKey;
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const extra = viewport.measured ? overscan : 0;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - extra);
  const last = Math.min(itemCount, Math.ceil((scrollTop + viewport.height) / rowHeight) + extra);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li
        key={rowKey(i)}
        className="vrow"
        aria-setsize={itemCount}
        aria-posinset={i + 1}
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(i)}
      </li>,
    );
  }
  return (
    <div
      className="vlist"
      ref={scroller}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        onScrollTopChange?.(e.currentTarget.scrollTop);
      }}
    >
      <ul className="vlist-inner" aria-label={label} style={{ height: itemCount * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
