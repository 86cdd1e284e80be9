// Passphrases that are famous enough to be in every cracker's first list (xkcd's, pangrams, quotations,
// song lines): long, so length and zxcvbn's estimate let them through, but guessed in the first seconds.
/** Lower case, letters and digits only: compare with `normalisePassphrase(candidate)`. */
const knownPassphrases = [
  "correct horse battery staple", "correct horse battery staple 1", "tr0ub4dor&3 correct horse battery staple",
  "the quick brown fox jumps over the lazy dog", "the quick brown fox jumped over the lazy dog",
  "pack my box with five dozen liquor jugs", "sphinx of black quartz judge my vow",
  "to be or not to be", "to be or not to be that is the question", "all your base are belong to us",
  "may the force be with you", "i am your father", "open sesame open sesame", "let me in let me in",
  "i love you forever", "i love you so much", "mary had a little lamb", "twinkle twinkle little star",
  "hello world hello world", "this is my password", "this is a password", "my password is password",
  "i have no idea what my password is", "i forgot my password", "password is incorrect",
  "one two three four five", "one two three four five six", "abc def ghi jkl", "qwerty uiop asdf ghjkl",
  "never gonna give you up", "never gonna let you down", "the cake is a lie", "winter is coming",
  "you shall not pass", "a long time ago in a galaxy far far away", "live long and prosper",
  "just do it just do it", "keep calm and carry on", "carpe diem carpe diem", "in god we trust",
  "god is good all the time", "jesus loves me this i know", "the lord is my shepherd",
  "hakuna matata hakuna matata", "supercalifragilisticexpialidocious", "all work and no play makes jack a dull boy",
  "lorem ipsum dolor sit amet", "there is no spoon", "what is the password", "change me change me",
  "welcome to the jungle", "stairway to heaven", "bohemian rhapsody", "hotel california",
  "let it be let it be", "we will rock you", "dont stop believing", "highway to hell",
  "i want to break free", "smells like teen spirit", "sweet child o mine", "somewhere over the rainbow",
];

/** Case, spaces and separators do not make a known phrase new: "Correct-Horse Battery_Staple" is xkcd's. */
export function normalisePassphrase(password: string): string {
  return password.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

const known = new Set(knownPassphrases.map(normalisePassphrase));

export function isKnownPassphrase(password: string): boolean {
  return known.has(normalisePassphrase(password));
}
