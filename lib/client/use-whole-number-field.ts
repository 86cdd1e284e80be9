"use client";
// A form's whole-number input with bounds (a token's hours, a client's token minutes): its text, and a
// check on submit that says what to enter instead of sending a value the server would refuse.
import { useState } from "react";

export function useWholeNumberField(initial: number, bounds: { min: number; max: number; unit: string }) {
  const [text, setText] = useState(String(initial));
  const [errors, setErrors] = useState<string[] | undefined>();
  return {
    text,
    setText,
    errors,
    /** The number, or null after showing the bounds as the field's error. */
    check(): number | null {
      const value = Number(text);
      if (text.trim() === "" || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
        setErrors([`Enter whole ${bounds.unit} from ${bounds.min.toLocaleString("en-US")} to ${bounds.max.toLocaleString("en-US")}.`]);
        return null;
      }
      setErrors(undefined);
      return value;
    },
  };
}
