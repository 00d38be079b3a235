// The ladder language for CodeMirror, as a simple line-by-line tokenizer:
// comments, quoted text, dates, numbers, stage and outcome keywords. It only
// colours the text; every check is the WebAssembly build of ladder itself.
import { StreamLanguage } from "@codemirror/language";

// Words that start a statement or shape a time limit, from
// grammar/ladder.pest.
const KEYWORDS = new Set(
  (
    "policy version board covers children adults adopted updated review holidays " +
    "concern raised by actor record form field contact source at days are day is " +
    "stage step every when procedure phase panel members chaired overseen " +
    "start conclude within working calendar hours hour day days of the previous " +
    "ending unresolved resolved escalate to end go led with equivalent own " +
    "notify share outcome task meet report refer consult involve update send " +
    "should must aim may immediately without delay before after from later " +
    "further whichever sooner and or not via using in for all stages any " +
    "repeats each applies if needed meanwhile entry"
  ).split(" "),
);

export const ladder = StreamLanguage.define({
  name: "ladder",
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === '"') {
      stream.next();
      while (!stream.eol()) {
        if (stream.next() === '"') break;
      }
      return "string";
    }
    if (stream.match(/^\d{4}-\d{2}-\d{2}\b/)) return "number";
    if (stream.match(/^\d+/)) return "number";
    if (stream.match(/^[{}()]/)) return "bracket";
    if (stream.match(/^[A-Za-z_][A-Za-z_0-9]*:/)) return "labelName";
    // A hyphenated word is one name (`england-and-wales`), never keywords.
    if (stream.match(/^[A-Za-z_][A-Za-z_0-9]*(?:-[A-Za-z_0-9]+)+/)) return "variableName";
    if (stream.match(/^[A-Za-z_][A-Za-z_0-9]*/)) {
      return KEYWORDS.has(stream.current().toLowerCase()) ? "keyword" : "variableName";
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//" } },
});
