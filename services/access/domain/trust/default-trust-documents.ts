// The trust page's documents as first installed (version 1 of each, in effect from the first start):
// the commitments Tessera is built to keep, a privacy policy to edit, no subprocessors (Tessera runs on the
// operator's own hosts), and a security contact to replace. Platform admins publish new versions from there.
import type { DocumentContent } from "../../../../contracts/trust-api";

export const defaultTrustDocuments: readonly DocumentContent[] = [
  {
    kind: "commitments",
    commitments: [
      { title: "No sale of data", text: "We never sell student data or any data of a district, nor disclose it for anything of value.", basis: "C.R.S. 22-16-109(1)(b); Common Sense Privacy \"Pass\"" },
      { title: "No targeted advertising", text: "We never use student data to direct advertising to a student, parent or anyone else, and we show no advertising in the service.", basis: "C.R.S. 22-16-109(1)(a); Common Sense Privacy \"Pass\"" },
      { title: "No profiling", text: "We never build a profile of a student from student data for any purpose other than the school purposes the district contracted for.", basis: "C.R.S. 22-16-109(1)(c); Common Sense Privacy \"Pass\"" },
      { title: "School official under the district's direct control", text: "For FERPA we act as a school official with a legitimate educational interest, under the district's direct control with respect to the use and maintenance of education records, and we use them only for the purposes the district authorised.", basis: "34 CFR 99.31(a)(1)(i)(B)" },
      { title: "Deletion on request", text: "We destroy a district's data when it asks, and when our agreement ends, and give a certificate of destruction.", basis: "C.R.S. 22-16-110(3); NDPA Exhibit D" },
      { title: "Notice before material changes", text: "We announce every material change to this policy or our subprocessors to every district before it takes effect, and record each district's acknowledgement.", basis: "C.R.S. 22-16-108(2)" },
    ],
  },
  {
    kind: "privacy_policy",
    text: "Tessera holds the data listed in its data inventory, only for the purposes listed there, for as long as listed there.\n\nWe do not sell data, do not use it for targeted advertising and do not build profiles of students. We disclose a district's data only to the parties listed as its recipients and as subprocessors, and we record every disclosure.\n\nA district may ask at any time which of its data we hold, and may ask us to destroy it.",
  },
  { kind: "subprocessors", subprocessors: [] },
  {
    kind: "security_contact",
    coordinator: "Security coordinator",
    email: "security@example.invalid",
    notification: [
      "We notify each district concerned of a breach of its data without unreasonable delay, within 30 days of determining it (C.R.S. 22-16-108(4)), within 7 days in New York (8 NYCRR 121.10), or sooner where the district's agreement says so.",
      "We report misuse of student data by us or any subprocessor to the district as soon as we learn of it.",
    ],
    languages: ["en"],
  },
];
