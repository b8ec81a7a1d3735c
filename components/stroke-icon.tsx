// The outline icons the app draws (account icons, the bell, alert kinds): a 24×24 stroke drawing in the
// text colour, hidden from assistive technology (the element around it carries the words).
import type { ReactNode } from "react";

export function StrokeIcon({
  className,
  strokeWidth = "1.75",
  children,
}: {
  className: string;
  strokeWidth?: string;
  children: ReactNode;
}) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {children}
    </svg>
  );
}
