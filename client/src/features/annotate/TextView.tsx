import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { OffsetMap } from '@mbw/shared';
import type { Paragraph } from './layout';

/** A span's part inside one paragraph, in that paragraph's UTF-16 offsets. */
export interface Piece {
  id: string;
  from: number;
  to: number;
  color: string;
  lane: number;
  selected: boolean;
  first: boolean;
  last: boolean;
}

export interface ViewSpan {
  id: string;
  start: number;
  end: number;
  color: string;
}

interface Props {
  paragraphs: Paragraph[];
  map: OffsetMap;
  spans: ViewSpan[];
  lanes: Map<string, number>;
  selectedId: string | null;
  /** A text selection was made: its code-point range (not yet snapped). */
  onSelectText: (start: number, end: number) => void;
  /** A click without a selection, at the code point under the pointer. */
  onClickAt: (cp: number | null, x: number, y: number) => void;
  /** A boundary knob of the selected span was dragged to a code point. */
  onDragBoundary?: (edge: 'start' | 'end', cp: number) => void;
}

const LANE_GAP = 4;

/** The UTF-16 offset in the article of a DOM position inside the text view, or null. */
function u16At(container: HTMLElement, node: Node, offset: number): number | null {
  if (!container.contains(node)) return null;
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const para = el?.closest<HTMLElement>('.para');
  if (para) {
    const start = Number(para.dataset.u16);
    const p = para.querySelector('p')!;
    const len = p.textContent?.length ?? 0;
    if (node.nodeType === Node.TEXT_NODE && node.parentElement === p) return start + offset;
    // An element position (e.g. after a triple click): before or after the paragraph's text.
    const before = node === p ? offset === 0 : node === para ? offset <= [...para.childNodes].indexOf(p) : false;
    return before ? start : start + len;
  }
  // Between paragraphs: the child index tells which paragraph boundary.
  const paras = container.querySelectorAll<HTMLElement>('.para');
  const next = paras[Math.min(offset, paras.length - 1)];
  if (!next) return null;
  return offset >= paras.length
    ? Number(next.dataset.u16) + (next.querySelector('p')!.textContent?.length ?? 0)
    : Number(next.dataset.u16);
}

/** The caret position under a point, as a DOM position. */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = d.caretPositionFromPoint?.(x, y);
  if (pos) return { node: pos.offsetNode, offset: pos.offset };
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

export function TextView({ paragraphs, map, spans, lanes, selectedId, onSelectText, onClickAt, onDragBoundary }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const visible = useVisibleParagraphs(container, paragraphs.length);
  const width = useWidth(container);

  // Which pieces of which spans fall into each paragraph (binary search on paragraph starts).
  const pieces = useMemo(() => {
    const out: Piece[][] = paragraphs.map(() => []);
    for (const s of spans) {
      let lo = 0;
      let hi = paragraphs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (paragraphs[mid]!.cpEnd <= s.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < paragraphs.length && paragraphs[i]!.cpStart < s.end; i++) {
        const p = paragraphs[i]!;
        const from = Math.max(s.start, p.cpStart);
        const to = Math.min(s.end, p.cpEnd);
        if (to <= from) continue;
        out[i]!.push({
          id: s.id,
          from: map.toUtf16(from) - p.u16Start,
          to: map.toUtf16(to) - p.u16Start,
          color: s.color,
          lane: lanes.get(s.id) ?? 0,
          selected: s.id === selectedId,
          first: from === s.start,
          last: to === s.end,
        });
      }
    }
    return out;
  }, [paragraphs, spans, lanes, selectedId, map]);

  const toCp = (node: Node, offset: number) => {
    const u16 = u16At(container.current!, node, offset);
    return u16 === null ? null : map.toCodePoint(u16);
  };

  /** The code point of the character under a point (not the caret gap next to it). */
  const charAt = (x: number, y: number): number | null => {
    const caret = caretAt(x, y);
    if (!caret) return null;
    const cp = toCp(caret.node, caret.offset);
    if (cp === null) return null;
    const r = document.createRange();
    r.setStart(caret.node, caret.offset);
    const rect = r.getBoundingClientRect();
    return x < rect.left && cp > 0 ? cp - 1 : cp;
  };

  const caretCp = (x: number, y: number) => {
    const caret = caretAt(x, y);
    return caret ? toCp(caret.node, caret.offset) : null;
  };

  const onMouseUp = (e: React.MouseEvent) => {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    if (target.dataset.dragging) return void delete target.dataset.dragging; // the end of a knob drag
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed && sel.rangeCount) {
      const r = sel.getRangeAt(0);
      const a = toCp(r.startContainer, r.startOffset);
      const b = toCp(r.endContainer, r.endOffset);
      if (a !== null && b !== null && a !== b) return onSelectText(Math.min(a, b), Math.max(a, b));
    }
    onClickAt(charAt(e.clientX, e.clientY), e.clientX, e.clientY);
  };

  // A stable callback for the knobs, so paragraphs do not redraw on every render of the page.
  const latestDrag = useRef(onDragBoundary);
  latestDrag.current = onDragBoundary;
  const draggable = !!onDragBoundary;
  const drag = useMemo(
    () =>
      draggable
        ? (edge: 'start' | 'end', x: number, y: number) => {
            const cp = caretCp(x, y);
            if (cp !== null) latestDrag.current?.(edge, cp);
          }
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- caretCp reads only refs and the article's map
    [draggable, map],
  );

  return (
    <div className="text-view" aria-label="Article text" ref={container} onMouseUp={onMouseUp}>
      {paragraphs.map((p, i) => (
        <ParagraphView key={p.u16Start} p={p} pieces={pieces[i]!} visible={visible.has(i)} width={width} index={i} onDragBoundary={drag} />
      ))}
    </div>
  );
}

interface ParagraphProps {
  p: Paragraph;
  pieces: Piece[];
  visible: boolean;
  width: number;
  index: number;
  onDragBoundary?: (edge: 'start' | 'end', x: number, y: number) => void;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const samePieces = (a: Piece[], b: Piece[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.id === y.id && x.from === y.from && x.to === y.to && x.lane === y.lane && x.color === y.color && x.selected === y.selected;
  });

/** One paragraph: its text, and under it the marks of the spans in it (drawn only near the viewport). */
const ParagraphView = memo(
  function ParagraphView({ p, pieces, visible, width, index, onDragBoundary }: ParagraphProps) {
    const box = useRef<HTMLDivElement>(null);
    const textRef = useRef<HTMLParagraphElement>(null);
    const [marks, setMarks] = useState<Array<{ piece: Piece; rects: Box[] }>>([]);

    useLayoutEffect(() => {
      if (!visible || !pieces.length) return setMarks([]);
      const node = textRef.current!.firstChild;
      if (!node) return;
      const base = box.current!.getBoundingClientRect();
      const range = document.createRange();
      setMarks(
        pieces.map((piece) => {
          range.setStart(node, piece.from);
          range.setEnd(node, piece.to);
          const rects = [...range.getClientRects()]
            .filter((r) => r.width > 0.5)
            .map((r) => ({ left: r.left - base.left, top: r.top - base.top, width: r.width, height: r.height }));
          return { piece, rects };
        }),
      );
    }, [pieces, visible, width]);

    return (
      <div className="para" data-u16={p.u16Start} data-index={index} ref={box}>
        <div className="marks" aria-hidden="true">
          {marks.map(({ piece, rects }) =>
            rects.map((r, k) => (
              <div key={`${piece.id}:${k}`}>
                <div className="tint" style={{ left: r.left, top: r.top, width: r.width, height: r.height, background: `${piece.color}26` }} />
                <div
                  className={piece.selected ? 'underline selected' : 'underline'}
                  style={{ left: r.left, top: r.top + r.height + 1 + piece.lane * LANE_GAP, width: r.width, background: piece.color }}
                />
                {piece.selected && (
                  <div className="outline" style={{ left: r.left - 1, top: r.top - 1, width: r.width + 2, height: r.height + 2, borderColor: piece.color }} />
                )}
              </div>
            )),
          )}
        </div>
        <p ref={textRef}>{p.text}</p>
        {onDragBoundary &&
          marks
            .filter(({ piece, rects }) => piece.selected && rects.length)
            .flatMap(({ piece, rects }) => [
              piece.first && <Handle key="s" edge="start" r={rects[0]!} onDrag={onDragBoundary} color={piece.color} />,
              piece.last && <Handle key="e" edge="end" r={rects[rects.length - 1]!} onDrag={onDragBoundary} color={piece.color} />,
            ])}
      </div>
    );
  },
  (a, b) =>
    a.p === b.p && a.visible === b.visible && a.width === b.width && a.onDragBoundary === b.onDragBoundary && samePieces(a.pieces, b.pieces),
);

/**
 * A boundary knob of the selected span, below the line so it never covers
 * text: drag it to move that boundary. The drop aims at the text line the
 * knob belongs to, however far below the text the pointer is held.
 */
function Handle({ edge, r, onDrag, color }: { edge: 'start' | 'end'; r: Box; onDrag: (edge: 'start' | 'end', x: number, y: number) => void; color: string }) {
  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const knob = e.currentTarget.getBoundingClientRect();
    e.currentTarget.dataset.dragging = String(e.clientY - (knob.top - 1 - r.height / 2)); // pointer to the text line's middle
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const up = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
    e.currentTarget.releasePointerCapture(e.pointerId);
    onDrag(edge, e.clientX, e.clientY - Number(e.currentTarget.dataset.dragging ?? 0));
  };
  return (
    <div
      className={`handle handle-${edge}`}
      title={edge === 'start' ? 'Drag to move the start' : 'Drag to move the end'}
      aria-hidden="true"
      style={{ left: (edge === 'start' ? r.left : r.left + r.width) - 5, top: r.top + r.height + 1, background: color }}
      onPointerDown={down}
      onPointerUp={up}
    />
  );
}

/** Indexes of paragraphs within (or near) the viewport, so far-away marks are not drawn. */
function useVisibleParagraphs(container: React.RefObject<HTMLDivElement | null>, count: number) {
  const [visible, setVisible] = useState<Set<number>>(() => new Set());
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setVisible((prev) => {
          const next = new Set(prev);
          for (const e of entries) {
            const i = Number((e.target as HTMLElement).dataset.index);
            if (e.isIntersecting) next.add(i);
            else next.delete(i);
          }
          return next;
        }),
      { rootMargin: '1000px 0px' },
    );
    el.querySelectorAll('.para').forEach((p) => observer.observe(p));
    return () => observer.disconnect();
  }, [container, count]);
  return visible;
}

/** The container's width, so marks are measured again when lines re-wrap. */
function useWidth(container: React.RefObject<HTMLDivElement | null>) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [container]);
  return width;
}
