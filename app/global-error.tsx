"use client";
// Error boundary for the root layout itself; must render its own <html>.
import "./globals.css";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="mx-auto max-w-md px-4 py-16" role="alert">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="mt-2 text-sm text-slate-700">
            Tessera could not show this page. Try again in a moment{error.digest ? ` (reference ${error.digest})` : ""}.
          </p>
        </main>
      </body>
    </html>
  );
}
