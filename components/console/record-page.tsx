"use client";
// The frame of a one-record console page (a license, a tenant, a tier): a "not found" page for an id the
// viewer cannot see, an error with retry, a loading state, then the record itself.
import Link from "next/link";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { isApiError } from "@/lib/client/api-fetch";
import { PageHeader } from "./page-header";

type RecordQuery<T> = { data: T | undefined; error: unknown; refetch: () => unknown };

type RecordPageProps<T> = {
  query: RecordQuery<T>;
  /** Lower-case name of the kind of record, e.g. "license". */
  noun: string;
  /** Summary of the "not found" page. */
  notFound: string;
  back: React.ReactNode;
  children: (record: T) => React.ReactNode;
};

export function RecordPage<T>({ query, noun, notFound, back, children }: RecordPageProps<T>) {
  if (query.error && isApiError(query.error) && query.error.status === 404) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title={`${noun[0].toUpperCase()}${noun.slice(1)} not found`} back={back} summary={notFound} />
      </section>
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} what={`load this ${noun}`} />;
  if (!query.data) return <LoadingState label={`Loading ${noun}…`} />;
  return children(query.data);
}

/** The "← All …" link above a record's title, back to its list. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="text-indigo-800 underline">
      ← {children}
    </Link>
  );
}
