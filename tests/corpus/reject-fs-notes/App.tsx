// corpus: rejected import-blocked
// Node built-ins do not exist in the browser: `fs` is refused with what to use instead.
import { useState } from "react";
import fs from "fs";

export default function Notes() {
  const [text, setText] = useState(() => fs.readFileSync("notes.txt", "utf8"));
  return <textarea value={text} onChange={(e) => { setText(e.target.value); fs.writeFileSync("notes.txt", e.target.value); }} />;
}
