// The app's buttons, and the links that look like them (`buttonClass` on a <Link>): one set of looks in
// three sizes, the smallest still a 24×24 px target (WCAG 2.5.8), each with a visible focus ring.
import type { ComponentProps } from "react";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary:
    "border border-slate-300 text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-900",
  danger: "bg-red-600 text-white hover:bg-red-700",
  // Asks the person to act on a bank that needs them (Reconnect).
  attention:
    "border border-amber-400 bg-amber-50 text-amber-950 hover:bg-amber-100 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-200 dark:hover:bg-amber-400/20",
  quiet:
    "text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
  // Plaid Link's own look, inside its stand-in.
  plaid:
    "bg-slate-900 font-semibold text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200",
} as const;

const SIZES = {
  lg: "min-h-10 rounded-lg px-4 py-2.5 text-sm",
  md: "min-h-9 rounded-lg px-4 py-2 text-sm",
  sm: "min-h-8 rounded-lg px-3 py-1.5 text-sm",
  xs: "min-h-7 rounded-md px-2.5 py-1 text-xs",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  /** As wide as its container (a form's one button, a dialog's). */
  wide?: boolean;
  className?: string;
}

export function buttonClass({ variant = "primary", size = "md", wide = false, className = "" }: ButtonStyle = {}) {
  const ring = variant === "danger" ? "focus-visible:outline-red-500" : "focus-visible:outline-brand-500";
  return `${ring} inline-flex items-center justify-center gap-1.5 text-center font-medium focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${
    SIZES[size]
  } ${VARIANTS[variant]} ${wide ? "w-full" : ""} ${className}`;
}

export function Button({
  variant,
  size,
  wide,
  className,
  type = "button",
  ...props
}: ButtonStyle & Omit<ComponentProps<"button">, "className">) {
  // "button" unless asked: a button in a form submits it only when it says so.
  return <button type={type} className={buttonClass({ variant, size, wide, className })} {...props} />;
}
