// corpus: renders "12 books"
import { useMemo, useState } from "react";
import _ from "lodash";
import debounce from "lodash/debounce";

const BOOKS = [
  { title: "Dune", author: "Frank Herbert", year: 1965, genre: "Sci-fi" },
  { title: "Neuromancer", author: "William Gibson", year: 1984, genre: "Sci-fi" },
  { title: "The Hobbit", author: "J.R.R. Tolkien", year: 1937, genre: "Fantasy" },
  { title: "Circe", author: "Madeline Miller", year: 2018, genre: "Fantasy" },
  { title: "Gone Girl", author: "Gillian Flynn", year: 2012, genre: "Thriller" },
  { title: "The Martian", author: "Andy Weir", year: 2011, genre: "Sci-fi" },
  { title: "Rebecca", author: "Daphne du Maurier", year: 1938, genre: "Thriller" },
  { title: "Piranesi", author: "Susanna Clarke", year: 2020, genre: "Fantasy" },
  { title: "Hyperion", author: "Dan Simmons", year: 1989, genre: "Sci-fi" },
  { title: "The Secret History", author: "Donna Tartt", year: 1992, genre: "Thriller" },
  { title: "Mistborn", author: "Brandon Sanderson", year: 2006, genre: "Fantasy" },
  { title: "Project Hail Mary", author: "Andy Weir", year: 2021, genre: "Sci-fi" },
];

export default function BookSearch() {
  const [query, setQuery] = useState("");
  const [sortKey, setSortKey] = useState<"title" | "year">("title");
  const onSearch = useMemo(() => debounce((value: string) => setQuery(value), 150), []);
  const shown = _.sortBy(
    BOOKS.filter((b) => _.includes(_.toLower(`${b.title} ${b.author}`), _.toLower(query))),
    sortKey,
  );
  const byGenre = _.groupBy(shown, "genre");

  return (
    <div className="mx-auto max-w-2xl p-6">
      <div className="mb-4 flex gap-2">
        <input onChange={(e) => onSearch(e.target.value)} placeholder="Search title or author" className="flex-1 rounded border px-3 py-2" />
        <select value={sortKey} onChange={(e) => setSortKey(e.target.value as "title" | "year")} className="rounded border px-2">
          <option value="title">Title</option>
          <option value="year">Year</option>
        </select>
      </div>
      <p className="mb-4 text-sm text-gray-500">{shown.length} books</p>
      {_.map(byGenre, (books, genre) => (
        <section key={genre} className="mb-4">
          <h2 className="font-semibold">{genre}</h2>
          <ul className="ml-4 list-disc text-sm">
            {books.map((b) => (
              <li key={b.title}>{b.title} — {b.author} ({b.year})</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
