// Search text for SQL LIKE (Prisma's `contains` passes it to LIKE as it is): its wildcards escaped, so that
// "100%" or "dsp_" means that text, not a pattern.
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
