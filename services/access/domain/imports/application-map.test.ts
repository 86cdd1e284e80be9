// The --map option of the Django import: application names to component keys, and its malformed forms.
import { describe, expect, it } from "vitest";
import { componentKeyFor, parseApplicationMap } from "./application-map";

describe("parseApplicationMap", () => {
  it("maps each named application and leaves the others as they are", () => {
    const map = parseApplicationMap("reporting=reports, case-notes=casenotes");
    expect([...map]).toEqual([["reporting", "reports"], ["case-notes", "casenotes"]]);
    expect(componentKeyFor(map, "reporting")).toBe("reports");
    expect(componentKeyFor(map, "etl")).toBe("etl");
    expect(parseApplicationMap(undefined).size).toBe(0);
  });

  it("names the malformed or repeated entry", () => {
    expect(() => parseApplicationMap("reporting")).toThrow('--map entry "reporting" is not APPLICATION=COMPONENT_KEY');
    expect(() => parseApplicationMap("a=b=c")).toThrow('--map entry "a=b=c" is not');
    expect(() => parseApplicationMap("a=b,a=c")).toThrow('--map names the application "a" twice.');
    expect(() => parseApplicationMap(" , ")).toThrow("--map is empty");
  });

  it("joins the option given more than once, and still names an application mapped twice across them", () => {
    expect([...parseApplicationMap(["reporting=reports", "case-notes=casenotes,surveying=surveys"])]).toEqual([["reporting", "reports"], ["case-notes", "casenotes"], ["surveying", "surveys"]]);
    expect(() => parseApplicationMap(["a=b", "a=c"])).toThrow('--map names the application "a" twice.');
  });
});
