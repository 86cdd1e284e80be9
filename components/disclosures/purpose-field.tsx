// The declared purpose (legitimate interest) of a new token or OAuth client: required on a district's
// licenses, where every access through the credential is recorded with it (the record of disclosures).
import { Field } from "@/components/ui/field";

export function PurposeField({ id, required, errors }: { id: string; required: boolean; errors?: string[] }) {
  return (
    <Field
      name="purpose"
      id={id}
      label={required ? "Legitimate interest" : "Legitimate interest (optional)"}
      autoComplete="off"
      required={required}
      minLength={required ? 10 : undefined}
      maxLength={500}
      errors={errors}
      hint={
        required
          ? "This is a district's license: say why the component needs the district's data (FERPA, 34 CFR 99.31). It is shown with every access in the district's record of disclosures."
          : "Why the component needs this data; shown with its accesses in the record of disclosures."
      }
    />
  );
}
