import * as React from "react";

// The few glyphs the kit draws, as inline SVG (24×24, stroked like lucide), so kit components
// need no icon bundle.
function glyph(name: string, children: React.ReactNode) {
  function Glyph(props: React.ComponentProps<"svg">) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={24}
        height={24}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        {...props}
      >
        {children}
      </svg>
    );
  }
  Glyph.displayName = name;
  return Glyph;
}

export const XIcon = glyph("XIcon", <path d="M18 6 6 18M6 6l12 12" />);
export const CheckIcon = glyph("CheckIcon", <path d="M20 6 9 17l-5-5" />);
export const ChevronDownIcon = glyph("ChevronDownIcon", <path d="m6 9 6 6 6-6" />);
export const ChevronUpIcon = glyph("ChevronUpIcon", <path d="m18 15-6-6-6 6" />);
export const ChevronRightIcon = glyph("ChevronRightIcon", <path d="m9 18 6-6-6-6" />);
export const ChevronLeftIcon = glyph("ChevronLeftIcon", <path d="m15 18-6-6 6-6" />);
export const MoreHorizontalIcon = glyph(
  "MoreHorizontalIcon",
  <>
    <circle cx="12" cy="12" r="1" />
    <circle cx="19" cy="12" r="1" />
    <circle cx="5" cy="12" r="1" />
  </>,
);
export const CircleIcon = glyph("CircleIcon", <circle cx="12" cy="12" r="10" />);
export const Loader2Icon = glyph("Loader2Icon", <path d="M21 12a9 9 0 1 1-6.219-8.56" />);
export const MinusIcon = glyph("MinusIcon", <path d="M5 12h14" />);
export const SearchIcon = glyph(
  "SearchIcon",
  <>
    <circle cx="11" cy="11" r="8" />
    <path d="m21 21-4.3-4.3" />
  </>,
);
export const ArrowLeftIcon = glyph("ArrowLeftIcon", <path d="m12 19-7-7 7-7M19 12H5" />);
export const ArrowRightIcon = glyph("ArrowRightIcon", <path d="M5 12h14m-7-7 7 7-7 7" />);
export const GripVerticalIcon = glyph(
  "GripVerticalIcon",
  <>
    <circle cx="9" cy="12" r="1" />
    <circle cx="9" cy="5" r="1" />
    <circle cx="9" cy="19" r="1" />
    <circle cx="15" cy="12" r="1" />
    <circle cx="15" cy="5" r="1" />
    <circle cx="15" cy="19" r="1" />
  </>,
);
export const PanelLeftIcon = glyph(
  "PanelLeftIcon",
  <>
    <rect width="18" height="18" x="3" y="3" rx="2" />
    <path d="M9 3v18" />
  </>,
);
