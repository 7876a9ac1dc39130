// corpus: renders "Notes from the field"
import { useState } from "react";
import { Header } from "./components/Header";
import { PostList } from "./pages/PostList";
import { PostPage } from "./pages/PostPage";
import { posts } from "./posts";

export default function App() {
  const [slug, setSlug] = useState<string | null>(null);
  const post = posts.find((p) => p.slug === slug);
  return (
    <div className="blog min-h-screen">
      <Header onHome={() => setSlug(null)} />
      <main className="mx-auto max-w-2xl px-4 py-10">
        {post ? <PostPage post={post} /> : <PostList posts={posts} onOpen={setSlug} />}
      </main>
    </div>
  );
}
