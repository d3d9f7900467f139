/** Inline SVG icons (no external resources); they inherit `currentColor`. */
import type { VNode } from "preact";

interface IconProps {
  size?: number;
  class?: string;
  label?: string;
}

function svg(paths: VNode, p: IconProps, viewBox = "0 0 16 16"): VNode {
  const size = p.size ?? 16;
  return (
    <svg
      class={`icon ${p.class ?? ""}`}
      width={size}
      height={size}
      viewBox={viewBox}
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden={p.label ? undefined : "true"}
      role={p.label ? "img" : undefined}
      aria-label={p.label}
    >
      {paths}
    </svg>
  );
}

export const SearchIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5 14 14" />
    </>,
    p,
  );
export const PlusIcon = (p: IconProps) => svg(<path d="M8 3v10M3 8h10" />, p);
export const CheckIcon = (p: IconProps) => svg(<path d="m3.5 8.5 3 3 6-7" />, p);
export const CloseIcon = (p: IconProps) => svg(<path d="m4 4 8 8M12 4l-8 8" />, p);
export const ChevronRight = (p: IconProps) => svg(<path d="m6 3.5 4.5 4.5L6 12.5" />, p);
export const ChevronDown = (p: IconProps) => svg(<path d="m3.5 6 4.5 4.5L12.5 6" />, p);
export const SunIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="8" cy="8" r="3" />{" "}
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
    </>,
    p,
  );
export const MoonIcon = (p: IconProps) =>
  svg(<path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />, p);
export const MonitorIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="2" y="2.5" width="12" height="8.5" rx="1.5" />
      <path d="M5.5 14h5M8 11v3" />
    </>,
    p,
  );
export const BranchIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="4.5" cy="3.5" r="1.5" />
      <circle cx="4.5" cy="12.5" r="1.5" /> <circle cx="11.5" cy="5.5" r="1.5" />
      <path d="M4.5 5v6M11.5 7c0 3-7 2-7 4" />
    </>,
    p,
  );
export const LinkIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M6.5 9.5 9.5 6.5" />{" "}
      <path d="M7 4.5 8.5 3a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5 7.5 13A2.5 2.5 0 0 1 4 9.5L5.5 8" />
    </>,
    p,
  );
export const ClockIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>,
    p,
  );
export const UserIcon = (p: IconProps) =>
  svg(
    <>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5c.8-2.4 2.7-3.5 5-3.5s4.2 1.1 5 3.5" />
    </>,
    p,
  );
export const TrashIcon = (p: IconProps) =>
  svg(<path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />, p);
export const CopyIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />{" "}
      <path d="M10.5 5.5V3.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
    </>,
    p,
  );
export const ArrowUpRight = (p: IconProps) => svg(<path d="M5 11 11 5M6 5h5v5" />, p);
export const KeyboardIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="1.5" y="4" width="13" height="8" rx="1.5" />{" "}
      <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
    </>,
    p,
  );
export const ListIcon = (p: IconProps) =>
  svg(<path d="M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01" />, p);
export const BoardIcon = (p: IconProps) =>
  svg(
    <>
      <rect x="2" y="2.5" width="3.5" height="11" rx="1" />{" "}
      <rect x="6.25" y="2.5" width="3.5" height="7" rx="1" />{" "}
      <rect x="10.5" y="2.5" width="3.5" height="9" rx="1" />
    </>,
    p,
  );
export const GripIcon = (p: IconProps) =>
  svg(<path d="M6 4h.01M10 4h.01M6 8h.01M10 8h.01M6 12h.01M10 12h.01" stroke-width="2.2" />, p);
export const UnblockIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M2.5 8h8" />
      <path d="m8 5 3 3-3 3" />
      <path d="M13.5 3v10" />
    </>,
    p,
  );
export const SubtaskIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M4 3v6.5a1.5 1.5 0 0 0 1.5 1.5H12" />
      <path d="m10 9 2 2-2 2" />
    </>,
    p,
  );
export const ChecklistIcon = (p: IconProps) =>
  svg(
    <>
      <path d="m2.5 4.5 1.2 1.2 2-2.2M2.5 10.5l1.2 1.2 2-2.2" />
      <path d="M8 4.5h5.5M8 10.5h5.5" />
    </>,
    p,
  );
export const HistoryIcon = (p: IconProps) =>
  svg(
    <>
      <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
      <path d="M2.5 2.5v2.5H5M8 5v3l2 1.5" />
    </>,
    p,
  );

/** The cairn mark: three stacked stones. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true">
      <ellipse cx="10" cy="16" rx="7.5" ry="2.8" class="logo-stone logo-1" />
      <ellipse cx="10" cy="10.6" rx="5.4" ry="2.4" class="logo-stone logo-2" />
      <ellipse cx="10" cy="5.6" rx="3.4" ry="2" class="logo-stone logo-3" />
    </svg>
  );
}

/** Linear-style status glyph: empty, half, crossed, checked circle. */
export function StatusIcon({ status, size = 14 }: { status: string; size?: number }) {
  return (
    <svg
      class={`status-icon s-${status}`}
      width={size}
      height={size}
      viewBox="0 0 14 14"
      aria-hidden="true"
    >
      <circle cx="7" cy="7" r="5.5" class="ring" />
      {status === "in_progress" && <path d="M7 3.2a3.8 3.8 0 0 1 0 7.6Z" class="fill" />}
      {status === "blocked" && <path d="M4.4 9.6 9.6 4.4" class="mark" />}
      {status === "done" && <path d="m4.4 7.2 1.8 1.8 3.4-3.8" class="mark" />}
    </svg>
  );
}
