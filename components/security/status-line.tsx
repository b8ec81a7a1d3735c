// The line under a Settings → Security form that says how it went: green when it did, red when not,
// announced either way.
export function StatusLine({ ok, message }: { ok?: boolean; message?: string }) {
  return (
    <p
      role="status"
      className={`min-h-5 text-sm ${ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
    >
      {message}
    </p>
  );
}
