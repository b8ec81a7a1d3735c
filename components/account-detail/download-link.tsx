// A link to one of the account's CSV files. A plain anchor with `download`: the browser saves the
// route handler's response rather than navigating to it.
import { TEXT_LINK } from "@/components/ui/text-link";

export function DownloadLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} download className={`${TEXT_LINK} inline-flex min-h-6 items-center gap-1.5 text-sm`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="size-4">
        <path d="M12 4v11m0 0-4-4m4 4 4-4M5 20h14" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {children}
    </a>
  );
}
