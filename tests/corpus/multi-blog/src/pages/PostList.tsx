import { format, parseISO } from "date-fns";
import type { Post } from "../posts";

export function PostList({ posts, onOpen }: { posts: Post[]; onOpen: (slug: string) => void }) {
  return (
    <ul className="space-y-8">
      {posts.map((p) => (
        <li key={p.slug}>
          <time className="text-xs uppercase tracking-wide text-stone-500">{format(parseISO(p.date), "MMMM d, yyyy")}</time>
          <h2 className="mt-1 font-serif text-2xl">
            <button onClick={() => onOpen(p.slug)} className="hover:underline">{p.title}</button>
          </h2>
          <p className="mt-2 text-stone-600">{p.excerpt}</p>
        </li>
      ))}
    </ul>
  );
}
