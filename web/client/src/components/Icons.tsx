// Inline stroke icons (24×24 grid, drawn for BlueMeet). Decorative: the button carries the label.

import type { ComponentChildren } from 'preact';

interface P {
  size?: number;
  class?: string;
}

function Svg({ size = 20, class: cls, children }: P & { children: ComponentChildren }) {
  return (
    <svg
      class={cls ? `icon ${cls}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const IconHand = (p: P) => (
  <Svg {...p}>
    <path d="M8 12.5V6a1.5 1.5 0 0 1 3 0v5" />
    <path d="M11 11V4.5a1.5 1.5 0 0 1 3 0V11" />
    <path d="M14 11V6a1.5 1.5 0 0 1 3 0v6.5" />
    <path d="M17 9.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-1.2a6 6 0 0 1-4.6-2.2L3.8 15a1.6 1.6 0 0 1 2.4-2.1L8 14.6" />
  </Svg>
);

export const IconHandDown = (p: P) => (
  <Svg {...p}>
    <path d="M8 11.5V6a1.5 1.5 0 0 1 3 0v5" />
    <path d="M11 11V4.5a1.5 1.5 0 0 1 3 0V11" />
    <path d="M14 11V6a1.5 1.5 0 0 1 3 0v6.5" />
    <path d="M17 9.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-1.2a6 6 0 0 1-4.6-2.2L3.8 15a1.6 1.6 0 0 1 2.4-2.1L8 14.6" />
    <path d="M2 3l20 18" />
  </Svg>
);

export const IconPresenter = (p: P) => (
  <Svg {...p}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M12 16v4M8 20h8" />
    <path d="M10 8.5v4l3.5-2z" fill="currentColor" stroke-width="1.5" />
  </Svg>
);

export const IconUsers = (p: P) => (
  <Svg {...p}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
    <path d="M16 4.6a3.5 3.5 0 0 1 0 6.8" />
    <path d="M18.5 14.5a6.5 6.5 0 0 1 3 5.5" />
  </Svg>
);

export const IconUserMinus = (p: P) => (
  <Svg {...p}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
    <path d="M16 11h6" />
  </Svg>
);

export const IconLock = (p: P) => (
  <Svg {...p}>
    <rect x="4" y="10.5" width="16" height="10" rx="2" />
    <path d="M8 10.5V7a4 4 0 0 1 8 0v3.5" />
  </Svg>
);

export const IconLeave = (p: P) => (
  <Svg {...p}>
    <path d="M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4" />
    <path d="M15 8l4 4-4 4M9 12h10" />
  </Svg>
);

export const IconPower = (p: P) => (
  <Svg {...p}>
    <path d="M12 3v8" />
    <path d="M6.3 6.8a8 8 0 1 0 11.4 0" />
  </Svg>
);

export const IconX = (p: P) => (
  <Svg {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Svg>
);

export const IconCheck = (p: P) => (
  <Svg {...p}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Svg>
);

export const IconSend = (p: P) => (
  <Svg {...p}>
    <path d="M21 3L10 14" />
    <path d="M21 3l-6.5 18-4.5-7-7-4.5z" />
  </Svg>
);

export const IconInfo = (p: P) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5M12 8h.01" />
  </Svg>
);

export const IconAlert = (p: P) => (
  <Svg {...p}>
    <path d="M12 3.5l9.5 16.5h-19z" />
    <path d="M12 10v4.5M12 17.5h.01" />
  </Svg>
);

export const IconWifiOff = (p: P) => (
  <Svg {...p}>
    <path d="M2 8.8a15 15 0 0 1 4.2-2.6M10.7 5a15 15 0 0 1 11.3 3.8" />
    <path d="M5 12.5a10 10 0 0 1 5-2.6M16.5 11a10 10 0 0 1 2.5 1.5" />
    <path d="M8.5 16a5 5 0 0 1 7 0M12 20h.01" />
    <path d="M3 3l18 18" />
  </Svg>
);

export const IconChevronDown = (p: P) => (
  <Svg {...p}>
    <path d="M6 9l6 6 6-6" />
  </Svg>
);

export const IconChevronLeft = (p: P) => (
  <Svg {...p}>
    <path d="M15 6l-6 6 6 6" />
  </Svg>
);

export const IconChevronRight = (p: P) => (
  <Svg {...p}>
    <path d="M9 6l6 6-6 6" />
  </Svg>
);

export const IconDownload = (p: P) => (
  <Svg {...p}>
    <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5" />
    <path d="M5 19h14" />
  </Svg>
);

export const IconClock = (p: P) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </Svg>
);

export const IconMic = (p: P) => (
  <Svg {...p}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />
  </Svg>
);

export const IconMicOff = (p: P) => (
  <Svg {...p}>
    <path d="M15 9.5V6a3 3 0 0 0-5.8-1.1M9 9v2a3 3 0 0 0 4.6 2.5" />
    <path d="M18.5 11a6.5 6.5 0 0 1-1 3.4M5.5 11a6.5 6.5 0 0 0 10 5.5M12 17.5V21M8.5 21h7" />
    <path d="M3 3l18 18" />
  </Svg>
);

export const IconHeadphones = (p: P) => (
  <Svg {...p}>
    <path d="M4 17v-4a8 8 0 0 1 16 0v4" />
    <rect x="3" y="14" width="4" height="6" rx="1.5" />
    <rect x="17" y="14" width="4" height="6" rx="1.5" />
  </Svg>
);

export const IconHeadphonesOff = (p: P) => (
  <Svg {...p}>
    <path d="M4 17v-4a8 8 0 0 1 1.6-4.8M8.3 5.9A8 8 0 0 1 20 13v4" />
    <rect x="3" y="14" width="4" height="6" rx="1.5" />
    <path d="M17 17v-1.5a1.5 1.5 0 0 1 1.5-1.5H20a1 1 0 0 1 1 1v3" />
    <path d="M3 3l18 18" />
  </Svg>
);

export const IconVideo = (p: P) => (
  <Svg {...p}>
    <rect x="3" y="6" width="13" height="12" rx="2" />
    <path d="M16 10.5l5-3v9l-5-3z" />
  </Svg>
);

export const IconVideoOff = (p: P) => (
  <Svg {...p}>
    <path d="M9 6h5a2 2 0 0 1 2 2v5M16 16.5V16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2" />
    <path d="M16 10.5l5-3v9l-3-1.8" />
    <path d="M3 3l18 18" />
  </Svg>
);

export const IconScreen = (p: P) => (
  <Svg {...p}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M12 16v4M8 20h8" />
    <path d="M12 13V7.5M9.5 10L12 7.5l2.5 2.5" />
  </Svg>
);

export const IconMore = (p: P) => (
  <Svg {...p}>
    <path d="M12 5.5h.01M12 12h.01M12 18.5h.01" stroke-width="3" />
  </Svg>
);

/** The BlueMeet mark: a camera in a rounded square. */
export const Logo = ({ size = 28 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" class="logo">
    <rect width="32" height="32" rx="8" fill="#1f4fd1" />
    <path d="M8 11.5A2.5 2.5 0 0 1 10.5 9H18a3 3 0 0 1 3 3v8.5H10.5A2.5 2.5 0 0 1 8 18z" fill="#fff" />
    <path d="M21.5 14.5L25 12v9l-3.5-2.5z" fill="#fff" />
  </svg>
);
