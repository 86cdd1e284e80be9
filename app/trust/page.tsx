// The public trust page (no sign-in): what a district reads before partnering, generated from the
// deployment through the access service (GET /v1/trust), which serves no customer data. Each part says
// which version it shows and since when.
import type { Metadata } from "next";
import { SkipLink } from "@/components/ui/skip-link";
import { ServiceUnavailable } from "@/components/ui/service-unavailable";
import { ComponentInventories, TesseraData } from "@/components/trust/trust-inventory";
import { ChangeLog, PendingChanges, Section, VersionLine } from "@/components/trust/trust-parts";
import { formatDateTime } from "@/lib/format";
import { getTrustFacts } from "@/lib/server/trust";

export const metadata: Metadata = { title: "Trust and privacy" };

const contents = [
  ["commitments", "Commitments"],
  ["inventory", "Data inventory"],
  ["tessera-data", "Tessera's own data"],
  ["subprocessors", "Subprocessors"],
  ["privacy-policy", "Privacy policy"],
  ["security-plan", "Security plan"],
  ["security", "Security contact and incident notification"],
] as const;

export default async function TrustPage() {
  const facts = await getTrustFacts();
  return (
    <>
      <SkipLink />
      <main id="main" className="mx-auto max-w-4xl space-y-10 px-4 py-8 print:max-w-none print:px-0 print:py-0">
        <header className="space-y-2">
          <h1 className="text-2xl font-bold">Trust and privacy</h1>
          <p className="text-slate-700">
            What this Tessera deployment holds, why, for how long and who else receives it; the commitments it keeps; and whom to tell about a
            security problem. Everything here is generated from the running deployment.
          </p>
          {facts ? <p className="text-sm text-slate-700">Generated {formatDateTime(facts.generatedAt)}.</p> : null}
        </header>
        {facts ? (
          <>
            <nav aria-label="On this page" className="print:hidden">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {contents.map(([id, label]) => (
                  <li key={id}>
                    <a className="text-indigo-800 underline" href={`#${id}`}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <TrustBody facts={facts} />
          </>
        ) : (
          <ServiceUnavailable action="show the trust page" />
        )}
      </main>
    </>
  );
}

function TrustBody({ facts }: { facts: NonNullable<Awaited<ReturnType<typeof getTrustFacts>>> }) {
  const commitments = facts.commitments.current?.content;
  const subprocessors = facts.subprocessors.current?.content;
  const policy = facts.privacyPolicy.current?.content;
  const contact = facts.securityContact.current?.content;
  return (
    <>
      <Section id="commitments" title="Commitments">
        <VersionLine part={facts.commitments} noun="commitments" />
        {commitments?.kind === "commitments" ? (
          <ul className="space-y-3">
            {commitments.commitments.map((c) => (
              <li key={c.title} className="break-inside-avoid">
                <h3 className="font-semibold">{c.title}</h3>
                <p>{c.text}</p>
                {c.basis ? <p className="text-sm text-slate-700">{c.basis}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <ChangeLog versions={facts.commitments.versions} label="Versions of the commitments" />
      </Section>

      <Section id="inventory" title="Data inventory">
        <p className="text-sm text-slate-700">
          Each component of the catalogue declares the data it holds (NDPA Exhibit B; C.R.S. 22-16-108(1)). A new declaration is a new version;
          earlier ones stay readable.
        </p>
        {facts.components.length === 0 ? <p>No components are offered yet.</p> : <ComponentInventories components={facts.components} />}
      </Section>

      <Section id="tessera-data" title="Tessera's own data">
        <p className="text-sm text-slate-700">Every table of Tessera&apos;s own databases, from its schema.</p>
        <TesseraData entries={facts.tessera} />
      </Section>

      <Section id="subprocessors" title="Subprocessors">
        <VersionLine part={facts.subprocessors} noun="list of subprocessors" />
        <PendingChanges part={facts.subprocessors} noun="subprocessors" />
        {subprocessors?.kind === "subprocessors" ? (
          subprocessors.subprocessors.length === 0 ? (
            <p>Tessera uses no subprocessors: it runs on the operator&apos;s own hosts and sends data to no one else.</p>
          ) : (
            <ul className="grid gap-2 md:grid-cols-2">
              {subprocessors.subprocessors.map((s) => (
                <li key={s.name} className="break-inside-avoid rounded-md border border-slate-200 bg-white p-3">
                  <h3 className="font-medium">{s.name}</h3>
                  <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                    <dt className="text-slate-700">What it does</dt>
                    <dd>{s.purpose}</dd>
                    <dt className="text-slate-700">Where</dt>
                    <dd>{s.location}</dd>
                    <dt className="text-slate-700">Data it receives</dt>
                    <dd>{s.data}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )
        ) : null}
        <ChangeLog versions={facts.subprocessors.versions} label="Change log of the subprocessors" />
      </Section>

      <Section id="privacy-policy" title="Privacy policy">
        <VersionLine part={facts.privacyPolicy} noun="privacy policy" />
        <PendingChanges part={facts.privacyPolicy} noun="privacy policy" />
        {policy?.kind === "privacy_policy" ? (
          <div className="space-y-3">
            {policy.text.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i} className="whitespace-pre-line">
                {paragraph}
              </p>
            ))}
          </div>
        ) : null}
        <p className="text-sm text-slate-700">
          Material changes to the policy or the subprocessors are announced to every district at least {facts.noticeDays} days before they take
          effect, and each district&apos;s acknowledgement is recorded.
        </p>
        <ChangeLog versions={facts.privacyPolicy.versions} label="Versions of the privacy policy and when each takes effect" />
      </Section>

      <Section id="security-plan" title="Security plan">
        {facts.securityPlan.controls.length === 0 ? (
          <p>The security plan&apos;s summary appears here: each control mapped to NIST CSF 2.0 with the result of its live self-check.</p>
        ) : (
          <>
            <p className="mb-2">
              Each control of Tessera&apos;s security plan, mapped to the NIST Cybersecurity Framework 2.0. Where the system can show a control, a
              self-check runs on a schedule and its result is kept in the audit log as evidence; districts see the evidence on their compliance pages.
            </p>
            <ul className="space-y-2">
              {facts.securityPlan.controls.map((c) => (
                <li key={c.id}>
                  <span className="font-medium">{c.id} · {c.function}</span> — {c.title} <span className="text-slate-700">({c.status})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section id="security" title="Security contact and incident notification">
        <VersionLine part={facts.securityContact} noun="security contact" />
        {contact?.kind === "security_contact" ? (
          <>
            <p>
              Security coordinator: {contact.coordinator},{" "}
              <a className="text-indigo-800 underline" href={`mailto:${contact.email}`}>
                {contact.email}
              </a>
              .
            </p>
            <ul className="list-disc space-y-1 pl-5">
              {contact.notification.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="text-sm text-slate-700">
          The same contact, machine-readable: <a className="text-indigo-800 underline" href="/.well-known/security.txt">/.well-known/security.txt</a> (RFC 9116).
        </p>
        <ChangeLog versions={facts.securityContact.versions} label="Versions of the security contact" />
      </Section>
    </>
  );
}
